import { PDFDocument } from "pdf-lib"
import { destination, pkg, selectFirst, shipment, start, TestSandbox } from "./helpers"

const CONSIGNMENT_KEYS = [
  "ConsignmentLegs",
  "CollectionDate",
  "DateDelivered",
  "FirstAttemptedDeliveryDate",
  "DateReturned",
  "DateShipped",
  "DateCollected",
  "AttemptedDeliveryDate",
  "MetaData",
  "Allocation",
  "FailedAllocation",
  "Source",
  "LabelCount",
  "LabelsPrinted",
  "DateLabelsWereFirstPrinted",
  "IsLate",
  "LateForCustomer",
  "CustomerReference",
  "Weight",
  "Value",
  "CustomsDocumentation",
  "Direction",
  "Tags",
  "Reference",
  "ConsignmentState",
  "DateCreated",
  "ShippingDate",
  "RequestedDeliveryDate",
  "EarliestDeliveryDate",
  "LatestDeliveryDate",
  "ConsignmentReferenceProvidedByCustomer",
  "Addresses",
  "Packages",
]
const ADDRESS_KEYS = [
  "AddressType",
  "ShopLocationReference",
  "Contact",
  "CompanyName",
  "ShippingLocationReference",
  "CustomerName",
  "AddressLine1",
  "AddressLine2",
  "AddressLine3",
  "Town",
  "Region",
  "Postcode",
  "Country",
  "RegionCode",
  "SpecialInstructions",
  "LatLong",
  "IsCached",
]
const PACKAGE_KEYS = [
  "ConsignmentLegs",
  "Items",
  "Charges",
  "Reference",
  "PackageReferenceProvidedByCustomer",
  "Weight",
  "Dimensions",
  "Description",
  "Value",
  "PackageSizeReference",
  "Barcode",
  "MetaData",
]

describe("consignment reads", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  it("GET /consignments/{ref} has every key of the §3.12 example, on any path casing and with a trailing slash", async () => {
    const ref = await selectFirst(s)
    const res = await s.call("GET", `/Consignments/${ref.toLowerCase()}/`)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(CONSIGNMENT_KEYS))
    expect(Object.keys(res.body.Addresses[0])).toEqual(ADDRESS_KEYS)
    expect(Object.keys(res.body.Packages[0])).toEqual(PACKAGE_KEYS)
    expect(Object.keys(res.body.Allocation)).toEqual([
      "CarrierServiceGroupReference",
      "MpdCarrierServiceGroupName",
      "MpdCarrierServiceReference",
      "MpdCarrierServiceName",
      "AllocationDate",
      "Price",
    ])
    expect(res.body.Reference).toBe(ref)
    expect(res.body.Addresses[0]).toMatchObject({
      AddressType: "Origin",
      ShippingLocationReference: "SL-MANCHESTER",
      Postcode: "M1 5WG",
      Town: "Manchester",
    })
    expect(res.body.Weight).toEqual({ Value: 1.2, Unit: "Kg" })
    expect(res.body.Value).toEqual({ Amount: 25, Currency: { Name: "Pound Sterling", IsoCode: "GBP" } })
  })

  it("GET /consignments/{ref}/status returns the status response", async () => {
    const ref = await selectFirst(s)
    const res = await s.call("GET", `/consignments/${ref}/status`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      ConsignmentReferenceForAllLegsAssignedByMpd: ref,
      Status: "Allocated",
      ExpectedDeliveryDate: expect.stringMatching(/^2025-06-17T/),
      ApiLink: { Rel: "Link", Href: `${s.url}/consignments/${ref}` },
    })
  })

  it("finds consignments by the customer's reference (lookup and search)", async () => {
    const a = await selectFirst(s, shipment({ ConsignmentReferenceProvidedByCustomer: "order_01HX" }))
    await selectFirst(s, shipment({ ConsignmentReferenceProvidedByCustomer: "order_other" }))
    const lookup = await s.call("GET", "/consignments/clientReference/order_01HX")
    expect(lookup.status).toBe(200)
    expect(lookup.body.map((c: any) => c.Reference)).toEqual([a])
    expect((await s.call("GET", "/consignments/clientReference/nope")).status).toBe(404)

    const search = await s.call("GET", "/consignments/10/0?ConsignmentReferenceProvidedByCustomer=order_01HX&State=Allocated")
    expect(search.status).toBe(200)
    expect(search.body.Count).toBe(1)
    expect(search.body.ConsignmentSummaries[0]).toMatchObject({
      Reference: a,
      ConsignmentReferenceProvidedByCustomer: "order_01HX",
      ConsignmentState: "Allocated",
      ShippingLocationReference: "SL-MANCHESTER",
      ShippingDate: "2025-06-16T00:00:00+00:00",
    })
    expect((await s.call("GET", "/consignments/10/0?State=Manifested")).body.Count).toBe(0)
    expect((await s.call("GET", "/consignments/1/1")).body).toMatchObject({ Count: 2, ConsignmentSummaries: [{ Reference: a }] })
    expect((await s.call("GET", "/consignments/10/0?State=Bogus")).status).toBe(400)
  })
})

describe("labels", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  it("returns a real 4x6 PDF with one page per package and records the print", async () => {
    const ref = await selectFirst(s, shipment({}, destination(), [pkg(), pkg(2)]))
    const res = await s.call("GET", `/labels/${ref}`)
    expect(res.status).toBe(200)
    expect(res.body.ContentType).toBe("application/pdf")
    const bytes = Buffer.from(res.body.File, "base64")
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-")
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(2)
    expect(pdf.getPage(0).getSize()).toEqual({ width: 288, height: 432 })
    const c = (await s.call("GET", `/consignments/${ref}`)).body
    expect(c).toMatchObject({ LabelsPrinted: true, LabelCount: 2, DateLabelsWereFirstPrinted: "2025-06-16T10:00:00+01:00" })
  })

  it("serves ZPL with a Code 128 barcode per package, PNG, any format casing, and rejects unknown formats", async () => {
    const ref = await selectFirst(s, shipment({}, destination(), [pkg(), pkg(2)]))
    const c = (await s.call("GET", `/consignments/${ref}`)).body
    const zpl = await s.call("GET", `/labels/${ref}/zplii`)
    expect(zpl.status).toBe(200)
    expect(zpl.body.ContentType).toBe("text/plain")
    const text = Buffer.from(zpl.body.File, "base64").toString()
    expect(text.match(/\^XA/g)).toHaveLength(2)
    expect(text.match(/\^XZ/g)).toHaveLength(2)
    for (const t of c.ConsignmentLegs[0].TrackingReferences) {
      expect(text).toMatch(new RegExp(`\\^BCN,\\d+,N,N,N\\^FD${t}\\^FS`))
    }
    expect(text).toContain(ref)

    const png = await s.call("GET", `/labels/${ref}/PnG`)
    expect(png.body.ContentType).toBe("image/png")
    const bytes = Buffer.from(png.body.File, "base64")
    expect(bytes.subarray(1, 4).toString()).toBe("PNG")
    expect(bytes.readUInt32BE(16)).toBe(812)
    expect(bytes.readUInt32BE(20)).toBe(1218 * 2)

    const bad = await s.call("GET", `/labels/${ref}/gif`)
    expect(bad.status).toBe(400)
    expect(bad.body.Code).toBe("InvalidLabelFormat")
  })

  it("refuses labels for an unallocated consignment", async () => {
    const created = await s.call("POST", "/consignments", shipment())
    expect(created.status).toBe(201)
    const ref = created.body[0].Href.split("/").pop()
    const res = await s.call("GET", `/labels/${ref}/pdf`)
    expect(res.status).toBe(400)
    expect(res.body.Code).toBe("LabelsNotAvailable")
    expect(res.body.Message).toContain("Unallocated")
  })
})

describe("manifesting", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  it("manifests from a query with PUT or POST, filtering and reporting counts", async () => {
    const printed = await selectFirst(s)
    await s.call("GET", `/labels/${printed}`)
    const notPrinted = await selectFirst(s)
    const q = await s.call("PUT", "/consignments/manifestFromQuery", {
      ShippingLocationReferences: ["sl-manchester"],
      States: ["Allocated"],
      Carriers: ["CARRIER_X"],
      LabelsPrinted: true,
    })
    expect(q.status).toBe(200)
    expect(q.body).toEqual({
      Message: "Query found 1 consignment(s). 1 successfully queued to manifest. 0 failed to be added to the queue",
      FailedConsignments: [],
    })
    const c = (await s.call("GET", `/consignments/${printed}`)).body
    expect(c.ConsignmentState).toBe("Manifested")
    expect(c.ManifestReference).toMatch(/^[0-9a-f]{32}$/)
    expect((await s.call("GET", `/consignments/${notPrinted}`)).body.ConsignmentState).toBe("Allocated")

    const post = await s.call("POST", "/consignments/manifestfromquery", {
      ShippingDateRanges: { StartDate: "2025-06-16T00:00:00+00:00", EndDate: "2025-06-16T00:00:00+00:00" },
    })
    expect(post.body.Message).toBe("Query found 1 consignment(s). 1 successfully queued to manifest. 0 failed to be added to the queue")

    const failing = await s.call("POST", "/consignments/manifestFromQuery", { States: ["Manifested"] })
    expect(failing.body.Message).toBe("Query found 2 consignment(s). 0 successfully queued to manifest. 2 failed to be added to the queue")
    expect(failing.body.FailedConsignments.map((f: any) => f.ConsignmentReference).sort()).toEqual([printed, notPrinted].sort())
    expect(failing.body.FailedConsignments[0].Reason).toMatch(/Manifested/)

    const bad = await s.call("PUT", "/consignments/manifestFromQuery", { States: ["Allocatd"] })
    expect(bad.status).toBe(400)
    expect(bad.body.Details[0].Target).toBe("States[0]")
  })

  it("Manifest From Query treats empty Carriers, ShippingLocationReferences and States lists as no filter, like absent ones", async () => {
    // Consumer Options: Delivery Options → Select Option → labels → Manifest From Query (with empty filter lists)
    const first = await selectFirst(s)
    const second = await selectFirst(s, shipment({ ConsignmentReferenceProvidedByCustomer: "ORDER-1002" }))
    await s.call("GET", `/labels/${first}`)
    await s.call("GET", `/labels/${second}`)
    const q = await s.call("POST", "/consignments/manifestFromQuery", { Carriers: [], ShippingLocationReferences: [], States: [] })
    expect(q.status).toBe(200)
    expect(q.body).toEqual({
      Message: "Query found 2 consignment(s). 2 successfully queued to manifest. 0 failed to be added to the queue",
      FailedConsignments: [],
    })
    for (const reference of [first, second]) {
      expect((await s.call("GET", `/consignments/${reference}`)).body.ConsignmentState).toBe("Manifested")
    }
  })

  it("PUT /consignments/manifest returns WithMessage results", async () => {
    const ref = await selectFirst(s)
    const unallocated = (await s.call("POST", "/consignments", shipment())).body[0].Href.split("/").pop()
    const res = await s.call("PUT", "/consignments/manifest", { ConsignmentReferences: [ref, unallocated, "EC-000-ZZZ-ZZZ"] })
    expect(res.status).toBe(200)
    expect(res.body[0]).toEqual({
      IsSuccess: true,
      Message: `Consignment ${ref} has been manifested successfully.`,
      Data: ref,
      ApiLinks: [{ Rel: "Link", Href: `${s.url}/consignments/${ref}` }],
    })
    expect(res.body[1]).toMatchObject({ IsSuccess: false, Data: unallocated })
    expect(res.body[2]).toMatchObject({ IsSuccess: false, Message: "Consignment EC-000-ZZZ-ZZZ not found" })
  })
})

describe("control API", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.url}/_sandbox/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  it("sets and advances the clock, logs requests per endpoint and resets deterministically", async () => {
    expect((await control("GET", "health")).body.status).toBe("ok")
    expect((await control("POST", "clock", { advanceMinutes: 90 })).body.now).toBe("2025-06-16T10:30:00.000Z")
    expect((await control("POST", "clock", { advanceDays: 1 })).body.london).toBe("2025-06-17T11:30:00+01:00")
    expect((await control("POST", "clock", { now: "garbage" })).status).toBe(400)

    const first = await selectFirst(s)
    await s.call("GET", `/consignments/${first}`)
    await s.call("GET", `/consignments/${first}`)
    const log = (await control("GET", "requests")).body
    expect(log.counts).toEqual({ "POST /deliveryoptions": 1, "POST /deliveryoptions/select/:reference": 1, "GET /consignments/:reference": 2 })
    expect(log.requests[2]).toMatchObject({ method: "GET", path: `/consignments/${first}`, status: 200 })
    expect((await control("GET", "consignments")).body.consignments).toHaveLength(1)

    expect((await control("POST", "reset")).body.now).toBe("2025-06-16T09:00:00.000Z")
    expect((await s.call("GET", `/consignments/${first}`)).status).toBe(404)
    expect(await selectFirst(s)).toBe(first)
  })
})
