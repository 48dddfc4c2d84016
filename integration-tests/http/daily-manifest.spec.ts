import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { dailyManifestWorkflow } from "../../src/workflows/manifest-consignments"
import { shipment } from "../../sandbox/__tests__/helpers"
import { sortedProSuite } from "./helpers/suite"

/** Allocated consignments seeded in PRO (the sandbox's bulk seed) and as our records. */
const COUNT = 40

/**
 * The daily manifest at volume and across instances (issue 15): one Manifest From Query for the store's shipping
 * locations and one read of PRO's state events for the records' new states — never one call per consignment — and
 * once a day across all Medusa instances: a run while another instance holds the manifest's lease in PostgreSQL sends
 * nothing.
 */
sortedProSuite({}, ({ getContainer, sandbox, sortedPro }) => {
  const db = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const run = async (now: string) => (await dailyManifestWorkflow(getContainer()).run({ input: { now } })).result
  const requests = async () => (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()).counts as Record<string, number>
  let day = ""
  let references: string[] = []

  beforeAll(async () => {
    const seeded = await fetch(`${sandbox.url}/_sandbox/seed/consignments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: COUNT, shipment: shipment(), allocate: true }),
    })
    references = (await seeded.json()).references
    day = String((await (await sandbox.pro(`/consignments/${references[0]}`)).json()).ShippingDate).slice(0, 10)
    await db().raw(
      `insert into sorted_pro_consignment (id, order_id, customer_reference, reference, flow, sync_status, state, shipping_location_reference)
       select 'spcon_man' || n, 'order_man' || n, 'man-' || n, (?::text[])[n], 'order_flex', 'synced', 'Allocated', 'SL-MANCHESTER'
       from generate_series(1, ?) n`,
      [references, COUNT]
    )
    await sortedPro().saveSettings({ manifest_time: "17:00" })
  })

  it("waits while another instance holds the daily manifest's lease, then sends it once", async () => {
    await db().raw(
      `insert into sorted_pro_lease (id, holder, claimed_until) values ('sorted-pro:daily-manifest', 'other-instance', now() + interval '1 minute')`
    )
    await fetch(`${sandbox.url}/_sandbox/requests`, { method: "DELETE" })
    expect(await run(`${day}T20:00:00Z`)).toMatchObject({ skipped: "running_elsewhere", day })
    expect(await requests()).toEqual({})
    await db().raw(`delete from sorted_pro_lease where id = 'sorted-pro:daily-manifest'`)

    const sent = await run(`${day}T20:00:00Z`)
    expect(sent.skipped).toBeUndefined()
    expect(sent.manifest?.consignments).toHaveLength(COUNT)
    expect(sent.manifest?.consignments.every((record) => record.state === "Manifested")).toBe(true)
    expect(await requests()).toEqual({ "POST /consignments/manifestFromQuery": 1, "POST /events/consignments/stateevents": 1 })
    const records = await sortedPro().listSortedProConsignments({ reference: references })
    expect(records.every((record) => record.state === "Manifested" && record.manifested_at)).toBe(true)

    expect(await run(`${day}T21:00:00Z`)).toMatchObject({ skipped: "already_manifested_today" })
    expect(await requests()).toEqual({ "POST /consignments/manifestFromQuery": 1, "POST /events/consignments/stateevents": 1 })
  })
})
