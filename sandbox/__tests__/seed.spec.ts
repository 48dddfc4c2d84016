import { shipment, start, TestSandbox } from "./helpers"

/** The bulk seed control route (`POST /_sandbox/seed/consignments`) used by bench/scale.ts. */
describe("sandbox bulk seed", () => {
  let s: TestSandbox
  beforeEach(async () => {
    s = await start()
  })
  afterEach(() => s.close())

  it("makes many consignments from one body, allocated when asked, each with its own packages and tracking numbers", async () => {
    const seeded = await s.call("POST", "/_sandbox/seed/consignments", { count: 3, shipment: shipment(), allocate: true }, { auth: false })
    expect(seeded.status).toBe(200)
    expect(seeded.body.references).toHaveLength(3)
    const views = await Promise.all(seeded.body.references.map((reference: string) => s.call("GET", `/consignments/${reference}`)))
    expect(views.map((view) => view.body.ConsignmentState)).toEqual(["Allocated", "Allocated", "Allocated"])
    const packages = views.map((view) => view.body.Packages[0].Reference)
    expect(new Set(packages).size).toBe(3)
    const label = await s.call("GET", `/labels/${seeded.body.references[0]}/pdf`)
    expect(label.status).toBe(200)

    const plain = await s.call("POST", "/_sandbox/seed/consignments", { count: 1, shipment: shipment() }, { auth: false })
    expect((await s.call("GET", `/consignments/${plain.body.references[0]}`)).body.ConsignmentState).toBe("Unallocated")
    // seeding is not a PRO request: the request log stays empty of it
    expect((await s.call("GET", "/_sandbox/requests", undefined, { auth: false })).body.counts["POST /_sandbox/seed/consignments"]).toBeUndefined()
  })

  it.each([
    ["count", { count: 0, shipment: shipment() }],
    ["count", { count: 1.5, shipment: shipment() }],
    ["allocate", { count: 1, shipment: shipment(), allocate: "yes" }],
    ["Addresses", { count: 1, shipment: { Packages: [] } }],
  ])("answers 400 naming %s", async (field, body) => {
    const response = await s.call("POST", "/_sandbox/seed/consignments", body, { auth: false })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain(field)
  })
})
