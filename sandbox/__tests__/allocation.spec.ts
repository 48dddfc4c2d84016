/**
 * Allocation routes of issue #3 not covered elsewhere (docs/pro-api.md §2, §3.7): cheapest quote, service group in bulk,
 * and service filters. Prices are those of sandbox/README.md "Services" for the helpers' 1.2 kg 20×30×10 cm parcel
 * to SW1A 1AA (chargeable 1.2 kg): EV_ECO £3.31 is the cheapest home-delivery service, PP_SHOP £3.23 is cheaper but a
 * pickup service, EV_EVE £8.11 the cheapest of SG_TIMED, PP_DROPOFF £2.73 the cheapest inbound service.
 */
import { createConsignment, destination, pkg, refOf, shipment, start, TestSandbox } from "./helpers"

describe("allocation", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const create = (body?: unknown) => createConsignment(s, body)
  const consignment = async (ref: string) => (await s.call("GET", `/consignments/${ref}`)).body

  it("allocates with the cheapest quote: the lowest quote's service and price; AllocationFailed when none fits; 404 unknown", async () => {
    const ref = await create()
    const quotes = (await s.call("GET", `/quotes/consignment/${ref}`)).body.Quotes
    const cheapest = [...quotes].sort(
      (a: any, b: any) => a.Price.Net - b.Price.Net || a.EarliestDeliveryDate.localeCompare(b.EarliestDeliveryDate)
    )[0]
    expect(cheapest).toMatchObject({ MpdCarrierServiceReference: "EV_ECO", Price: { Net: 3.31 } })
    const res = await s.call("PUT", `/allocation/${ref}/allocatewithcheapestquote`)
    expect(res.status).toBe(200)
    expect(Array.isArray(res.body)).toBe(false) // one AllocationSummary, not a list (§2)
    expect(res.body).toMatchObject({ StatusCode: 200, CarrierServiceReference: "EV_ECO", CarrierReference: "EVENLINE" })
    const allocated = await consignment(ref)
    expect(allocated.ConsignmentState).toBe("Allocated")
    expect(allocated.Allocation.Price).toEqual(cheapest.Price)

    const heavy = await create(shipment({}, destination(), [pkg(40)]))
    const failed = await s.call("PUT", `/allocation/${heavy}/allocatewithcheapestquote`)
    expect(failed.status).toBe(400)
    expect(failed.body.Code).toBe("AllocationFailed")
    expect((await consignment(heavy)).ConsignmentState).toBe("AllocationFailed")
    const unknown = await s.call("PUT", "/allocation/EC-999-999-999/allocatewithcheapestquote")
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ Code: "NotFound", Message: "Consignment EC-999-999-999 not found" })
  })

  it("allocates in bulk with a service group: one summary per reference in order, 404 entries for unknown ones", async () => {
    const [a, b] = [await create(), await create()]
    const res = await s.call("PUT", "/allocation/allocatewithservicegroup", {
      ConsignmentReferences: [a, "EC-999-999-999", b],
      MpdCarrierServiceGroupReference: "SG_TIMED",
    })
    expect(res.status).toBe(200)
    expect(res.body.map((r: any) => [r.StatusCode, r.CarrierServiceReference])).toEqual([
      [200, "EV_EVE"],
      [404, null],
      [200, "EV_EVE"],
    ])
    expect(res.body[1].Description).toBe("Consignment EC-999-999-999 not found")
    expect((await consignment(b)).Allocation).toMatchObject({ CarrierServiceGroupReference: "SG_TIMED", MpdCarrierServiceReference: "EV_EVE" })

    const unknownGroup = await s.call("PUT", "/allocation/allocatewithservicegroup", {
      ConsignmentReferences: [a],
      MpdCarrierServiceGroupReference: "SG_NOPE",
    })
    expect(unknownGroup.status).toBe(400)
    expect(unknownGroup.body).toMatchObject({ Code: "UnknownServiceGroup", Details: [{ Target: "MpdCarrierServiceGroupReference" }] })
    const noList = await s.call("PUT", "/allocation/allocatewithservicegroup", { MpdCarrierServiceGroupReference: "SG_TIMED" })
    expect(noList.status).toBe(400)
    expect(noList.body.Details[0].Target).toBe("ConsignmentReferences")
  })

  it("allocates with service filters: never a pickup service unless IsPickup is true; drop-off and direction filters", async () => {
    const home = await create()
    const plain = await s.call("PUT", "/allocation/allocateConsignmentsWithServiceFilters", {
      ConsignmentReferences: [home],
      Filters: { ServiceDirection: "Outbound" },
    })
    expect(plain.status).toBe(200)
    expect(plain.body).toEqual([expect.objectContaining({ StatusCode: 200, CarrierServiceReference: "EV_ECO" })]) // not the cheaper PP_SHOP

    const pickup = await create()
    const asked = await s.call("PUT", "/allocation/allocateConsignmentsWithServiceFilters", {
      ConsignmentReferences: [pickup],
      Filters: { IsPickup: true },
    })
    expect(asked.body[0]).toMatchObject({ StatusCode: 200, CarrierServiceReference: "PP_SHOP" })

    const returns = await create(shipment({ Direction: "Inbound" }))
    const dropOff = await s.call("PUT", "/allocation/allocateConsignmentsWithServiceFilters", {
      ConsignmentReferences: [returns],
      Filters: { ServiceDirection: "Inbound" },
    })
    expect(dropOff.body[0]).toMatchObject({ StatusCode: 200, CarrierServiceReference: "PP_DROPOFF" })
    const collected = await create(shipment({ Direction: "Inbound" }))
    const noDropOff = await s.call("PUT", "/allocation/allocateConsignmentsWithServiceFilters", {
      ConsignmentReferences: [collected],
      Filters: { ServiceDirection: "Inbound", IsDropOff: false },
    })
    expect(noDropOff.body[0]).toMatchObject({ StatusCode: 200, CarrierServiceReference: "EV_ECO" })

    const outboundDropOff = await create()
    const none = await s.call("PUT", "/allocation/allocateConsignmentsWithServiceFilters", {
      ConsignmentReferences: [outboundDropOff],
      Filters: { IsDropOff: true },
    })
    expect(none.status).toBe(200)
    expect(none.body[0]).toMatchObject({
      StatusCode: 400,
      CarrierServiceReference: null,
      Description: expect.stringContaining("no service in the service filters"),
    })
    expect((await consignment(outboundDropOff)).ConsignmentState).toBe("AllocationFailed")
  })

  it("Order Flex with a service group, one call per consignment on the order: Create Order → Pack ×2 → PUT /allocation/{ref}/allocatewithservicegroup/{group} each → labels", async () => {
    const items = ["SKU-A", "SKU-B"].map((Sku) => ({
      Sku,
      Quantity: 1,
      Weight: { Value: 0.5, Unit: "Kg" },
      Value: { Amount: 5, Currency: { IsoCode: "GBP" } },
    }))
    // step 1: Create Order
    const order = refOf(
      await s.call("POST", "/orders", { ...shipment({}, destination(), [{ ...pkg(), Items: items }]), OrderReferenceProvidedByCustomer: "SG-1" })
    )
    // step 2: Pack Order, one consignment per pack request
    const consignments: string[] = []
    for (const Sku of ["SKU-A", "SKU-B"]) {
      const packed = await s.call("POST", `/orders/${order}/pack`, { Packages: [{ ...pkg(), Items: [{ Sku, Quantity: 1 }] }] })
      consignments.push(packed.body.Results[0].Data)
    }
    // step 3: allocate each consignment with the service group, one API call per consignment
    for (const reference of consignments) {
      const res = await s.call("PUT", `/allocation/${reference}/allocatewithservicegroup/SG_TIMED`)
      expect(res.status).toBe(200)
      expect(Array.isArray(res.body)).toBe(false) // one AllocationSummary (§2)
      expect(res.body).toMatchObject({ StatusCode: 200, CarrierServiceReference: "EV_EVE" })
      expect((await consignment(reference)).Allocation).toMatchObject({
        CarrierServiceGroupReference: "SG_TIMED",
        MpdCarrierServiceReference: "EV_EVE",
      })
      // step 4: labels
      expect((await s.call("GET", `/labels/${reference}/pdf`)).status).toBe(200)
    }
    // the bulk form stays alongside (one summary per reference; these are allocated already)
    const bulk = await s.call("PUT", "/allocation/allocatewithservicegroup", {
      ConsignmentReferences: consignments,
      MpdCarrierServiceGroupReference: "SG_TIMED",
    })
    expect(bulk.status).toBe(200)
    expect(bulk.body).toHaveLength(2)
  })
})
