import { PDFDocument } from "pdf-lib"
import { destination, pkg, selectFirst, shipment, start, TestSandbox } from "./helpers"

describe("pickup options", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const pickup = (extra: Record<string, unknown> = {}, postcode = "M1 5BD") =>
    s.call("POST", "/deliveryoptions/pickupoptions/", {
      ...shipment({}, destination(postcode)),
      Distance: { Unit: "Km", Value: 2 },
      MaxResults: 10,
      ...extra,
    })

  it("returns nearby locations with VatRate prices, opening times and reservation info", async () => {
    const res = await pickup()
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ Distance: 2, MaxResults: 10, NonGuaranteedLocation: null })
    const locations = res.body.Locations
    expect(locations.length).toBe(5)
    expect(locations.map((l: any) => l.Distance)).toEqual([0.15, 0.55, 0.95, 1.35, 1.75])
    const loc = locations[0]
    expect(Object.keys(loc)).toEqual([
      "Name",
      "ShopReference",
      "Address",
      "Distance",
      "OpeningTimes",
      "Reservation",
      "AdditionalInformation",
      "DeliveryOptions",
    ])
    expect(loc.Address.Postcode).toMatch(/^M1 \d[A-Z]{2}$/)
    expect(Object.keys(loc.OpeningTimes)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    expect(loc.AdditionalInformation).toEqual(
      expect.arrayContaining([
        { Key: "Language", Value: "en" },
        { Key: "DisabledAccess", Value: expect.stringMatching(/^(True|False)$/) },
      ])
    )
    const option = loc.DeliveryOptions[0]
    expect(option.Price.VatRate).toEqual({ Reference: "GB-0.2000", CountryIsoCode: "GB", Type: "Standard", Rate: 0.2 })
    expect(option.Price.TaxRate).toBeUndefined()
    expect(["PP_SHOP", "PP_LOCKER"]).toContain(option.CarrierServiceReference)
    // Deterministic per postcode, distance may be a plain number.
    const again = await pickup({ Distance: 2 })
    expect(again.body.Locations.map((l: any) => l.ShopReference)).toEqual(locations.map((l: any) => l.ShopReference))
    expect((await pickup({ MaxResults: 2 })).body.Locations).toHaveLength(2)
  })

  it("validates MaxResults between 1 and 50 and Distance", async () => {
    for (const MaxResults of [0, 51, 2.5]) {
      const res = await pickup({ MaxResults })
      expect(res.status).toBe(400)
      expect(res.body.Details[0].Target).toBe("MaxResults")
    }
    expect((await pickup({ Distance: { Unit: "Km", Value: -1 } })).body.Details[0].Target).toBe("Distance.Value")
  })

  it("requires a reservation for lockers, then delivers to the shop", async () => {
    const res = await pickup({ Distance: { Unit: "Km", Value: 5 }, MaxResults: 50 })
    const locker = res.body.Locations.find((l: any) => l.Reservation.IsReservationRequired)
    expect(locker).toBeDefined()
    const option = locker.DeliveryOptions[0]
    const denied = await s.call("POST", `/deliveryoptions/select/${option.Reference}`)
    expect(denied.status).toBe(400)
    expect(denied.body.Code).toBe("ReservationRequired")
    expect((await s.call("POST", `/deliveryoptions/reserve/${option.Reference}`)).status).toBe(200)
    const sel = await s.call("POST", `/deliveryoptions/select/${option.Reference}`)
    expect(sel.status).toBe(200)
    const c = (await s.call("GET", `/consignments/${sel.body.ApiLinks[0].Href.split("/").pop()}`)).body
    expect(c.LocationInformation).toEqual({ ShopReference: locker.ShopReference, ReservationReference: expect.stringMatching(/^ER-/) })
    expect(c.Addresses[1]).toMatchObject({
      AddressType: "Destination",
      Postcode: locker.Address.Postcode,
      CompanyName: locker.Name,
      ShopLocationReference: locker.ShopReference,
    })
    expect(c.Addresses[1].Contact.LastName).toBe("Bloggs")
  })
})

describe("tracking and events", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  it("advances Manifested → Collected → InTransit → OutForDelivery → Delivered with the clock", async () => {
    const ref = await selectFirst(s, shipment(), (o) => o.CarrierServiceReference === "SP_ND_AM")
    expect((await s.call("GET", `/tracking/${ref}`)).body.TrackedPackages[0].Legs[0].Events).toEqual([])
    await s.call("PUT", "/consignments/manifest", { ConsignmentReferences: [ref] })
    const at = async (iso: string) => {
      s.sandbox.clock.set(iso)
      return (await s.call("GET", `/consignments/${ref}/status`)).body.Status
    }
    expect(await at("2025-06-16T17:00:00+01:00")).toBe("Manifested")
    expect(await at("2025-06-16T17:30:00+01:00")).toBe("Collected")
    expect(await at("2025-06-16T21:00:00+01:00")).toBe("InTransit")
    expect(await at("2025-06-17T06:30:00+01:00")).toBe("OutForDelivery")
    expect(await at("2025-06-17T09:29:00+01:00")).toBe("OutForDelivery")
    expect(await at("2025-06-17T09:30:00+01:00")).toBe("Delivered")
    const c = (await s.call("GET", `/consignments/${ref}`)).body
    expect(c).toMatchObject({ DateDelivered: "2025-06-17T09:30:00+01:00", DateCollected: "2025-06-16T17:30:00+01:00", IsLate: false })

    const tracking = (await s.call("GET", `/tracking/${ref}`)).body
    expect(tracking.ConsignmentReferenceForAllLegsAssignedByMpd).toBe(ref)
    const events = tracking.TrackedPackages[0].Legs[0].Events
    expect(events.map((e: any) => e.Code)).toEqual(["MANIFESTED", "COLLECTED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"])
    expect(Object.keys(events[0])).toEqual(["TimeStamp", "Code", "Description", "SignedBy", "Location"])
    expect(events[4].SignedBy).toBe("J. Bloggs")
    const flat = (await s.call("GET", `/tracking/flattened/${ref}`)).body
    expect(flat.TrackedPackages[0].Events[4]).toMatchObject({ Code: "DELIVERED", CarrierServiceName: "Next Day AM" })

    const stateEvents = await s.call("POST", "/events/consignments/stateevents", {
      ConsignmentStates: ["Delivered"],
      Start: "2025-06-17T00:00:00Z",
      End: "2025-06-18T00:00:00Z",
    })
    expect(stateEvents.status).toBe(200)
    expect(stateEvents.body).toEqual([
      expect.objectContaining({
        ConsignmentReference: ref,
        ConsignmentState: "Delivered",
        Events: [{ Type: "Delivered", TimeStamp: "2025-06-17T09:30:00+01:00" }],
      }),
    ])
    const none = await s.call("POST", "/events/consignments/stateevents", {
      ConsignmentStates: ["Delivered"],
      Start: "2025-06-16T00:00:00Z",
      End: "2025-06-16T23:00:00Z",
    })
    expect(none.body).toEqual([])
    await s.call("GET", `/labels/${ref}`)
    const labelEvents = await s.call("POST", "/events/consignments", {
      EventTypes: ["LabelsPrinted", "ConsignmentCreated"],
      Start: "2025-06-16T00:00:00Z",
      End: "2025-06-18T00:00:00Z",
    })
    expect(labelEvents.body[0].Events.map((e: any) => e.Type)).toEqual(["ConsignmentCreated", "LabelsPrinted"])
    expect((await s.call("POST", "/events/consignments", { EventTypes: [], Start: "x" })).body.Details.map((d: any) => d.Target)).toEqual([
      "EventTypes",
      "Start",
      "End",
    ])
  })

  it("collects the next working day when manifested after the collection time", async () => {
    const ref = await selectFirst(s, shipment(), (o) => o.CarrierServiceReference === "CX_NDS")
    s.sandbox.clock.set("2025-06-16T18:00:00+01:00")
    await s.call("PUT", "/consignments/manifest", { ConsignmentReferences: [ref] })
    s.sandbox.clock.set("2025-06-20T00:00:00+01:00")
    const events = (await s.call("GET", `/tracking/flattened/${ref}`)).body.TrackedPackages[0].Events
    expect(events[1]).toMatchObject({ Code: "COLLECTED", TimeStamp: "2025-06-17T10:00:00+01:00" })
    expect(events[4]).toMatchObject({ Code: "DELIVERED", TimeStamp: "2025-06-18T13:00:00+01:00" })
    expect((await s.call("GET", `/consignments/${ref}`)).body.IsLate).toBe(true)
  })
})

describe("customs documents", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  it("gives CN22 + invoice for small EU parcels, CN23 for valuable ones, 404 for domestic", async () => {
    const small = await selectFirst(s, shipment({}, destination("75001", "FR"), [pkg(1, [20, 20, 10], 50)]))
    const docs = await s.call("GET", `/consignments/docs/${small}`)
    expect(docs.status).toBe(200)
    expect(Object.keys(docs.body)).toEqual(["CommercialInvoiceDocuments", "CN22Documents"])
    const cn22 = Buffer.from(docs.body.CN22Documents[0].Value, "base64")
    expect((await PDFDocument.load(cn22)).getPageCount()).toBe(1)
    const pkgRef = (await s.call("GET", `/consignments/${small}`)).body.Packages[0].Reference
    expect((await s.call("GET", `/consignments/docs/CN22/${small}/${pkgRef}`)).body).toMatch(/^JVBER/)
    expect((await s.call("GET", `/consignments/docs/cn23/${small}/${pkgRef}`)).body.Code).toBe("WrongCustomsDocumentType")
    expect((await s.call("GET", `/consignments/docs/commercialinvoice/${small}`)).body).toMatch(/^JVBER/)

    const valuable = await selectFirst(s, shipment({}, destination("10001", "US"), [pkg(3, [30, 30, 30], 400)]))
    expect(Object.keys((await s.call("GET", `/consignments/docs/${valuable}`)).body)).toEqual(["CommercialInvoiceDocuments", "CN23Documents"])

    const domestic = await selectFirst(s)
    expect((await s.call("GET", `/consignments/docs/${domestic}`)).status).toBe(404)
  })
})

describe("fault injection", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const addFault = (body: unknown) =>
    fetch(`${s.url}/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })

  it("injects statuses a limited number of times, 429 with Retry-After, latency and socket resets", async () => {
    expect((await addFault({ pathPattern: "/deliveryoptions/**", method: "post", status: 503, times: 1 })).status).toBe(201)
    const failed = await s.call("POST", "/deliveryoptions/select/EDO-000-000-001")
    expect(failed.status).toBe(503)
    expect(failed.body.Code).toBe("InjectedFault")
    expect((await s.call("POST", "/deliveryoptions/select/EDO-000-000-001")).status).toBe(404)

    await addFault({ pathPattern: "^/consignments/EC-", retryAfterSeconds: 7 })
    const limited = await s.call("GET", "/consignments/EC-000-000-001")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("7")

    await fetch(`${s.url}/_sandbox/faults`, { method: "DELETE" })
    await addFault({ pathPattern: "/consignments/*", latencyMs: 150, times: 1 })
    const t = performance.now()
    expect((await s.call("GET", "/consignments/EC-000-000-001")).status).toBe(404)
    expect(performance.now() - t).toBeGreaterThanOrEqual(140)

    await addFault({ pathPattern: "/carriers", reset: true, times: 1 })
    await expect(s.call("GET", "/carriers")).rejects.toThrow()
    expect((await s.call("GET", "/carriers")).status).toBe(200)
    const log = (await (await fetch(`${s.url}/_sandbox/requests`)).json()) as any
    expect(log.requests.filter((r: any) => r.fault !== null).map((r: any) => r.status)).toEqual([503, 429, 404, 0])
  })

  it("hangs requests until the client gives up", async () => {
    await addFault({ pathPattern: "/shippinglocations", hang: true })
    await expect(
      fetch(`${s.url}/shippinglocations`, { headers: { "ocp-apim-subscription-key": "k" }, signal: AbortSignal.timeout(200) })
    ).rejects.toThrow()
  })

  it("is reproducible for a given seed and rate", async () => {
    const run = async () => {
      await fetch(`${s.url}/_sandbox/reset`, { method: "POST" })
      await addFault({ pathPattern: "/carriers", rate: 0.5, status: 500 })
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) {
        statuses.push((await s.call("GET", "/carriers")).status)
      }
      return statuses
    }
    const first = await run()
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(await run()).toEqual(first)
    expect((await addFault({ pathPattern: "", rate: 2 })).status).toBe(400)
  })
})

describe("catalogue", () => {
  let s: TestSandbox
  beforeAll(async () => (s = await start()))
  afterAll(() => s.close())

  it("lists carriers, services, groups, shipping locations and package sizes", async () => {
    const services = (await s.call("GET", "/carrierservices")).body.MpdCarrierServices
    expect(services.length).toBeGreaterThanOrEqual(10)
    expect(new Set(services.map((x: any) => x.Type))).toEqual(new Set(["Scheduled", "Timed", "Consolidated", "PickUp", "DropOff"]))
    expect((await s.call("GET", "/carriers/getcarriers")).body.map((c: any) => c.Reference)).toEqual([
      "CARRIER_X",
      "SWIFTPOST",
      "EVENLINE",
      "GLOBALEX",
      "PICKPOINT",
    ])
    expect((await s.call("GET", "/servicegroups/sg_nextday")).body.MpdCarrierServiceProfiles).toHaveLength(4)
    expect((await s.call("GET", "/servicegroups/nope")).status).toBe(404)
    const manchester = (await s.call("GET", "/shippinglocations/SL-MANCHESTER")).body
    expect(manchester).toMatchObject({
      Reference: "SL-MANCHESTER",
      Name: "Manchester DC",
      Postcode: "M1 5WG",
      ShippingLocationType: "DistributionCentre",
    })
    expect((await s.call("GET", "/shippinglocations/assigned")).body.map((l: any) => l.Reference)).toEqual(
      expect.arrayContaining(["SL-MANCHESTER", "SL-LONDON"])
    )
    expect((await s.call("GET", "/packagesizes")).body[0]).toMatchObject({ Reference: "LARGE_LETTER", Dimensions: { Unit: "Cm" } })
  })

  it("accepts a PackageSizeReference instead of weight and dimensions", async () => {
    const res = await s.call(
      "POST",
      "/deliveryoptions",
      shipment({}, destination(), [{ PackageSizeReference: "SMALL_PARCEL", Value: { Amount: 10, Currency: { IsoCode: "GBP" } } }])
    )
    expect(res.status).toBe(201)
    const bad = await s.call("POST", "/deliveryoptions", shipment({}, destination(), [{ PackageSizeReference: "HUGE" }]))
    expect(bad.body.Details[0].Target).toBe("Packages[0].PackageSizeReference")
  })
})
