/**
 * Pickup Options searched around a latitude/longitude with no postcode (docs/pro-api.md §3.3; issue #3 "pickup locations
 * around any UK postcode or lat/lng"): what the plugin's lat/lng pickup search sends.
 */
import { destination, shipment, start, TestSandbox } from "./helpers"

describe("pickup options around a latitude/longitude", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const INVERNESS = { Latitude: 57.4778, Longitude: -4.2247 }
  /** Destination given by LatLong only, as the plugin's lat/lng pickup search sends it (Postcode ""). */
  const atPoint = (LatLong: unknown) => ({ ...destination(), Postcode: "", LatLong })
  const pickupAt = (dest: Record<string, unknown>) =>
    s.call("POST", "/deliveryoptions/pickupoptions/", {
      ...shipment({}, dest as ReturnType<typeof destination>),
      Distance: { Unit: "Km", Value: 2 },
      MaxResults: 10,
    })
  /** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
  const km = (a: { Latitude: number; Longitude: number }, b: { Latitude: number; Longitude: number }) => {
    const rad = Math.PI / 180
    const h =
      Math.sin(((b.Latitude - a.Latitude) * rad) / 2) ** 2 +
      Math.cos(a.Latitude * rad) * Math.cos(b.Latitude * rad) * Math.sin(((b.Longitude - a.Longitude) * rad) / 2) ** 2
    return 2 * 6371 * Math.asin(Math.sqrt(h))
  }

  it("searches the nearest postcode area without a postcode, priced for its zone, with shops at their distance from the point", async () => {
    const res = await pickupAt(atPoint(INVERNESS))
    expect(res.status).toBe(200)
    const locations = res.body.Locations
    // the 0.15, 0.55 … km grid within 2 km, less lockers (PP_LOCKER does not serve the Highlands & Islands)
    expect(locations.length).toBeGreaterThan(2)
    for (const l of locations) {
      expect([0.15, 0.55, 0.95, 1.35, 1.75]).toContain(l.Distance)
      expect(l.Address.Postcode).toMatch(/^IV1 \d[A-Z]{2}$/)
      expect(new Set(l.DeliveryOptions.map((o: any) => o.CarrierServiceReference))).toEqual(new Set(["PP_SHOP"]))
    }
    // the same shops and prices as a search by an IV1 postcode (Highlands & Islands zone, dearer than Manchester)
    const byPostcode = (await pickupAt(destination("IV1 1AA"))).body.Locations
    expect(locations.map((l: any) => l.ShopReference)).toEqual(byPostcode.map((l: any) => l.ShopReference))
    const prices = (list: any[]) => list.flatMap((l) => l.DeliveryOptions.map((o: any) => `${o.CarrierServiceReference} ${o.Price.Net}`))
    expect(prices(locations)).toEqual(prices(byPostcode))
    const shop = (list: any[]) => list.flatMap((l) => l.DeliveryOptions).find((o: any) => o.CarrierServiceReference === "PP_SHOP")
    const manchester = (await pickupAt(destination("M1 5BD"))).body.Locations
    expect(shop(locations).Price.Net).toBeGreaterThan(shop(manchester).Price.Net)

    const location = locations.find((l: any) => !l.Reservation.IsReservationRequired)
    const selected = await s.call("POST", `/deliveryoptions/select/${location.DeliveryOptions[0].Reference}`)
    expect(selected.status).toBe(200)
    const c = (await s.call("GET", `/consignments/${selected.body.ApiLinks[0].Href.split("/").pop()}`)).body
    const shopAddress = c.Addresses.find((a: any) => a.AddressType === "Destination")
    expect(shopAddress).toMatchObject({ Postcode: location.Address.Postcode, ShopLocationReference: location.ShopReference })
    expect(Math.abs(km(INVERNESS, shopAddress.LatLong) - location.Distance)).toBeLessThan(0.02)
  })

  it("rejects a point outside the UK or a malformed LatLong, naming the field; home delivery still needs a postcode", async () => {
    const paris = await pickupAt(atPoint({ Latitude: 48.8566, Longitude: 2.3522 }))
    expect(paris.status).toBe(400)
    expect(paris.body.Details.map((d: any) => d.Target)).toEqual(["Addresses[1].LatLong"])
    const text = await pickupAt(atPoint({ Latitude: "57.4", Longitude: -4.2 }))
    expect(text.body.Details.map((d: any) => d.Target)).toEqual(["Addresses[1].LatLong.Latitude"])
    const range = await pickupAt(atPoint({ Latitude: 57.4, Longitude: -190 }))
    expect(range.body.Details.map((d: any) => d.Target)).toEqual(["Addresses[1].LatLong.Longitude"])
    const neither = await pickupAt({ ...destination(), Postcode: "" })
    expect(neither.body.Details.map((d: any) => d.Target)).toEqual(["Addresses[1].Postcode"])
    expect(neither.body.Message).toContain("or give LatLong instead")
    const home = await s.call("POST", "/deliveryoptions", shipment({}, atPoint(INVERNESS) as ReturnType<typeof destination>))
    expect(home.status).toBe(400)
    expect(home.body.Details.map((d: any) => d.Target)).toEqual(["Addresses[1].Postcode"])
  })
})

describe("Consumer Options Flex from pickup options", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const box = { Weight: { Value: 1, Unit: "Kg" }, Dimensions: { Unit: "Cm", Width: 10, Length: 10, Height: 10 } }
  const items = ["SKU-A", "SKU-B"].map((Sku) => ({
    Sku,
    Quantity: 1,
    Weight: { Value: 0.5, Unit: "Kg" },
    Value: { Amount: 5, Currency: { IsoCode: "GBP" } },
  }))

  it("Pickup Options → (Reserve) → Select as Order → Pack → Allocate → labels: ships to the shop with LocationInformation", async () => {
    // step 1: Pickup Options
    const body = { ...shipment({}, destination("M1 5WG"), [{ ...box, Items: items }]), Distance: { Unit: "Km", Value: 5 }, MaxResults: 20 }
    const locations = (await s.call("POST", "/deliveryoptions/pickupoptions", body)).body.Locations
    const locker = locations.find((l: any) => l.Reservation.IsReservationRequired && l.DeliveryOptions.length)
    const option = locker.DeliveryOptions[0]
    // the reservation rule holds for Select as Order too: refused before Reserve, nothing created
    const early = await s.call("POST", "/deliveryoptions/selectorder", { DeliveryOptions: [{ Reference: option.Reference }] })
    expect(early.status).toBe(400)
    expect(early.body.SelectOrderResults[0]).toMatchObject({ Status: 400, OrderReference: null, Message: expect.stringContaining("reservation") })
    // step 2: Reserve Pickup Option, then step 3: Select Delivery Option as an Order
    expect((await s.call("POST", `/deliveryoptions/reserve/${option.Reference}`)).status).toBe(200)
    const selected = await s.call("POST", "/deliveryoptions/selectorder", { DeliveryOptions: [{ Reference: option.Reference }] })
    expect(selected.status).toBe(201)
    const order = selected.body.SelectOrderResults[0].OrderReference
    // step 4: Pack Order per warehouse → each consignment ships to the shop, Unallocated
    const consignments: string[] = []
    for (const Sku of ["SKU-A", "SKU-B"]) {
      const packed = await s.call("POST", `/orders/${order}/pack`, { Packages: [{ ...box, Items: [{ Sku, Quantity: 1 }] }] })
      const reference = packed.body.Results[0].Data
      const c = (await s.call("GET", `/consignments/${reference}`)).body
      const shipTo = c.Addresses.find((a: any) => a.AddressType === "Destination")
      expect(shipTo).toMatchObject({ ShopLocationReference: locker.ShopReference, Postcode: locker.Address.Postcode, Contact: { FirstName: "Jo" } })
      expect(c.LocationInformation).toEqual({ ShopReference: locker.ShopReference, ReservationReference: expect.stringMatching(/^ER-/) })
      expect(c.ConsignmentState).toBe("Unallocated")
      consignments.push(reference)
    }
    // step 5: allocate every consignment (the option's pickup service, by carrier service), step 6: labels
    const allocated = await s.call("PUT", "/allocation/allocatewithcarrierservice", {
      MpdCarrierServiceReference: option.CarrierServiceReference,
      ConsignmentReferences: consignments,
    })
    expect(allocated.body.map((summary: any) => summary.StatusCode)).toEqual([200, 200])
    for (const reference of consignments) {
      expect((await s.call("GET", `/labels/${reference}/pdf`)).status).toBe(200)
    }
  })
})
