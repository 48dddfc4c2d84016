import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { callApi } from "./helpers/admin-routes"
import { sortedProSuite } from "./helpers/suite"

/** Records seeded by SQL: more than the count cap, with states, carriers and creation times spread over them. */
const ROWS = 10_050

/**
 * The admin list at volume (issue 15): the count stops at 10,000 (`count_capped` says so) instead of counting the whole
 * table on every page; filters, search, sort and deep pages answer the same records as before.
 */
sortedProSuite({}, ({ api, getContainer, admin }) => {
  const list = async (query: string) => {
    const response = await callApi(api, "GET", `/admin/sorted-pro/consignments?${query}`, undefined, admin)
    expect(response.status).toBe(200)
    return response.data
  }

  beforeAll(async () => {
    const db = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    await db.raw(
      `insert into sorted_pro_consignment (id, order_id, customer_reference, reference, flow, sync_status, state, carrier_reference,
         shipping_location_reference, created_at, updated_at)
       select 'spcon_list' || lpad(n::text, 6, '0'), 'order_list' || (n / 2), 'list-' || n,
         'EC-LST-' || lpad((n / 1000)::text, 3, '0') || '-' || lpad((n % 1000)::text, 3, '0'), 'order_flex', 'synced',
         case when n % 10 = 0 then 'Manifested' else 'Allocated' end, case when n % 4 = 0 then 'DPD' else 'ROYALMAIL' end,
         'SL-MANCHESTER', timestamp '2026-01-01' + n * interval '1 minute', timestamp '2026-01-01' + n * interval '1 minute'
       from generate_series(1, ?) n`,
      [ROWS]
    )
  })

  it("caps the count at 10,000 and says so; counts below the cap exactly", async () => {
    const first = await list("limit=20")
    expect(first).toMatchObject({ count: 10_000, count_capped: true, limit: 20, offset: 0 })
    expect(first.consignments.map((c: any) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => `spcon_list${String(ROWS - i).padStart(6, "0")}`))
    expect(first.consignments[0]).toMatchObject({ reference: "EC-LST-010-050", state: "Manifested", actions: expect.any(Object) })
    expect(first.consignments[0].created_at).toEqual(new Date(Date.UTC(2026, 0, 1) + ROWS * 60_000).toISOString())

    const filtered = await list("state=Manifested&carrier=DPD&limit=5")
    expect(filtered).toMatchObject({ count: Math.floor(ROWS / 20), count_capped: false })
    expect(filtered.consignments.every((c: any) => c.state === "Manifested" && c.carrier_reference === "DPD")).toBe(true)

    const searched = await list("q=ec-lst-005-000")
    expect(searched).toMatchObject({ count: 1, count_capped: false })
    expect(searched.consignments[0].id).toBe("spcon_list005000")
    expect((await list("q=order_list2500")).consignments.map((c: any) => c.id).sort()).toEqual(["spcon_list005000", "spcon_list005001"])
  })

  it("pages deep in a stable order, both directions", async () => {
    const page50 = await list("limit=20&offset=980")
    expect(page50.consignments.map((c: any) => c.id)[0]).toBe(`spcon_list${String(ROWS - 980).padStart(6, "0")}`)
    const oldest = await list("order=created_at&limit=3&offset=1")
    expect(oldest.consignments.map((c: any) => c.id)).toEqual(["spcon_list000002", "spcon_list000003", "spcon_list000004"])
    const byState = await list("order=-state&limit=2")
    expect(byState.consignments.map((c: any) => c.state)).toEqual(["Manifested", "Manifested"])
    const range = await list("created_from=2026-01-01&created_to=2026-01-01&limit=1")
    expect(range).toMatchObject({ count: 24 * 60 - 1, count_capped: false })
  })
})
