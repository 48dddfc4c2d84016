/**
 * Orders (docs/pro-api.md §3.5, §3.6) beyond lifecycle.spec.ts: Pack Order matching items by the `EI-` line `Reference`
 * PRO assigned, and the Consumer Options Flex guide's steps on an order made by Select Delivery Option as an Order: packed
 * consignments start Unallocated with the promised day as their required delivery date, and the client allocates them.
 */
import { destination, pkg, refOf, shipment, start, TestSandbox } from "./helpers"

const refOf = (res: { body: any }) => res.body[0].Href.split("/").pop()
const box = { Weight: { Value: 1, Unit: "Kg" }, Dimensions: { Unit: "Cm", Width: 10, Length: 10, Height: 10 } }
const item = (Sku: string, Quantity: number) => ({
  Sku,
  Quantity,
  Description: Sku,
  Value: { Amount: 5, Currency: { IsoCode: "GBP" } },
  Weight: { Value: 0.2, Unit: "Kg" },
})

describe("orders", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  it("packs items named by the EI- Reference of their order line, checking what is left", async () => {
    const ref = refOf(
      await s.call("POST", "/orders", {
        ...shipment({}, destination(), [{ ...pkg(), Items: [item("SKU-A", 3)] }]),
        OrderReferenceProvidedByCustomer: "SHOP-1",
      })
    )
    const line = (await s.call("GET", `/orders/${ref}`)).body.Items[0]
    expect(line).toMatchObject({ Sku: "SKU-A", Reference: expect.stringMatching(/^EI-/), Quantity: 3, QuantityRemaining: 3 })
    const packed = await s.call("POST", `/orders/${ref}/pack`, { Packages: [{ ...box, Items: [{ Reference: line.Reference, Quantity: 2 }] }] })
    expect(packed.status).toBe(201)
    const c = (await s.call("GET", `/consignments/${packed.body.Results[0].Data}`)).body
    expect(c.Packages[0].Items).toEqual([expect.objectContaining({ Sku: "SKU-A", Reference: line.Reference, Quantity: 2 })])
    const rest = await s.call("POST", `/orders/${ref}/pack`, { Packages: [{ ...box, Items: [{ Reference: line.Reference, Quantity: 2 }] }] })
    expect(rest.status).toBe(400)
    expect(rest.body.Details[0]).toMatchObject({ Code: "QuantityExceeded", Target: "Packages[0].Items[0].Quantity" })
    expect((await s.call("GET", `/orders/${ref}`)).body).toMatchObject({
      OrderState: "PartiallyPacked",
      Items: [expect.objectContaining({ QuantityPacked: 2, QuantityRemaining: 1 })],
    })
  })

  it("follows Consumer Options Flex step by step: options, select as order, pack, allocate every consignment, labels, manifest", async () => {
    // step 1: Delivery Options
    const body = shipment({}, destination(), [{ ...pkg(), Items: [item("SKU-A", 1), item("SKU-B", 1)] }])
    const option = (await s.call("POST", "/deliveryoptions", body)).body.DeliveryOptions.find((o: any) => o.CarrierServiceReference === "SP_ND_AM")
    const promisedDay = option.EstimatedDeliveryDate.Date.slice(0, 10)
    // step 2: Select Delivery Option as an Order
    const selected = await s.call("POST", "/deliveryoptions/selectorder", {
      DeliveryOptions: [{ Reference: option.Reference, OrderReferenceProvidedByCustomer: "FLEX-1" }],
    })
    expect(selected.status).toBe(201)
    const order = selected.body.SelectOrderResults[0].OrderReference
    expect((await s.call("GET", `/orders/${order}`)).body).toMatchObject({
      OrderState: "Unpacked",
      OrderReferenceProvidedByCustomer: "FLEX-1",
      ConsignmentReferences: [],
    })

    // step 3: Pack Order, one consignment per warehouse: Unallocated, the promised day kept as the required delivery date
    const consignments: string[] = []
    for (const sku of ["SKU-A", "SKU-B"]) {
      const packed = await s.call("POST", `/orders/${order}/pack`, { Packages: [{ ...box, Items: [{ Sku: sku, Quantity: 1 }] }] })
      expect(packed.status).toBe(201)
      const reference = packed.body.Results[0].Data
      const c = (await s.call("GET", `/consignments/${reference}`)).body
      expect(c).toMatchObject({ ConsignmentState: "Unallocated", OrderReference: order, Allocation: null })
      expect(c.RequestedDeliveryDate.slice(0, 10)).toBe(promisedDay)
      // no label before allocation (step 5 comes after step 4)
      const early = await s.call("GET", `/labels/${reference}/pdf`)
      expect(early.status).toBe(400)
      expect(early.body).toMatchObject({ Code: "LabelsNotAvailable", CorrelationId: expect.any(String) })
      consignments.push(reference)
    }
    expect((await s.call("GET", `/orders/${order}`)).body.OrderState).toBe("Packed")

    // step 4: allocate every consignment packed from the order (here with default rules): by the promised day
    const allocated = await s.call("PUT", "/allocation/allocate", { ConsignmentReferences: consignments })
    expect(allocated.status).toBe(200)
    expect(allocated.body.map((summary: any) => summary.StatusCode)).toEqual([200, 200])
    for (const reference of consignments) {
      const c = (await s.call("GET", `/consignments/${reference}`)).body
      expect(c.ConsignmentState).toBe("Allocated")
      expect(c.EarliestDeliveryDate.slice(0, 10) <= promisedDay).toBe(true)
      // step 5: labels
      expect((await s.call("GET", `/labels/${reference}/pdf`)).status).toBe(200)
    }
    // step 6: manifest
    const manifested = await s.call("PUT", "/consignments/manifest", { ConsignmentReferences: consignments })
    expect(manifested.body.map((result: any) => result.IsSuccess)).toEqual([true, true])

    const again = await s.call("POST", "/deliveryoptions/selectorder", { DeliveryOptions: [{ Reference: option.Reference }] })
    expect(again.body.SelectOrderResults[0]).toMatchObject({ Status: 400, Message: expect.stringContaining(order) })
  })

  it("Create Order → Pack by item reference: a given reference is honoured alone, SKU only without one, unknown refused naming it", async () => {
    // two lines of the same SKU told apart by the client's item reference, and a line without any SKU
    const lines = [
      { ...item("SKU-A", 1), ItemReferenceProvidedByCustomer: "line-1" },
      { ...item("SKU-A", 1), ItemReferenceProvidedByCustomer: "line-2" },
      { ...item("", 1), Sku: undefined, ItemReferenceProvidedByCustomer: "line-3" },
    ]
    // step 1: Create Order
    const ref = refOf(
      await s.call("POST", "/orders", { ...shipment({}, destination(), [{ ...pkg(), Items: lines }]), OrderReferenceProvidedByCustomer: "REF-1" })
    )
    // step 2: Pack Order naming line-2 (the Sku would name line-1 first): line-2 is packed
    const packed = await s.call("POST", `/orders/${ref}/pack`, {
      Packages: [{ ...box, Items: [{ Sku: "SKU-A", ItemReferenceProvidedByCustomer: "line-2", Quantity: 1 }] }],
    })
    expect(packed.status).toBe(201)
    const items = (await s.call("GET", `/orders/${ref}`)).body.Items
    expect(items.map((line: any) => [line.ItemReferenceProvidedByCustomer, line.QuantityPacked])).toEqual([
      ["line-1", 0],
      ["line-2", 1],
      ["line-3", 0],
    ])
    // an unknown reference is refused naming it, even with a known Sku
    const unknown = await s.call("POST", `/orders/${ref}/pack`, {
      Packages: [{ ...box, Items: [{ Sku: "SKU-A", ItemReferenceProvidedByCustomer: "line-9" }] }],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ Code: "ValidationFailed", CorrelationId: expect.any(String), Message: expect.stringContaining("line-9") })
    expect(unknown.body.Details[0]).toMatchObject({ Code: "UnknownItem", Target: "Packages[0].Items[0].ItemReferenceProvidedByCustomer" })
    const unknownEi = await s.call("POST", `/orders/${ref}/pack`, { Packages: [{ ...box, Items: [{ Reference: "EI-000-000-0ZZ" }] }] })
    expect(unknownEi.body.Details[0]).toMatchObject({ Code: "UnknownItem", Target: "Packages[0].Items[0].Reference" })
    // the line without a SKU packs by its reference; a Sku alone then finds the line of that SKU with something left
    expect(
      (await s.call("POST", `/orders/${ref}/pack`, { Packages: [{ ...box, Items: [{ ItemReferenceProvidedByCustomer: "line-3" }] }] })).status
    ).toBe(201)
    expect((await s.call("POST", `/orders/${ref}/pack`, { Packages: [{ ...box, Items: [{ Sku: "SKU-A" }] }] })).status).toBe(201)
    expect((await s.call("GET", `/orders/${ref}`)).body.OrderState).toBe("Packed")
  })
})
