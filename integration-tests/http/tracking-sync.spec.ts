import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { syncTrackingWorkflow } from "../../src/workflows/sync-tracking"
import { injectFault } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"
import { shipment } from "../../sandbox/__tests__/helpers"

/**
 * Tracking at volume (docs/pro-api.md §3.12, §3.15): a pass reads PRO's state events since the last pass (one call,
 * whatever the number of parcels in flight), and when that call fails a cursor still visits every open consignment.
 */
const OPEN = 1000

sortedProSuite({ timeoutMs: 600_000 }, ({ getContainer, sandbox, sortedPro }) => {
  const references: string[] = []

  /** PRO calls made since the log was cleared, per endpoint (`METHOD /route`), from the sandbox's request log. */
  const proCalls = async () => {
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as {
      counts: Record<string, number>
      requests: Array<{ path: string }>
    }
    return log
  }
  const clearLog = () => fetch(`${sandbox.url}/_sandbox/requests`, { method: "DELETE" })
  const pass = async (input: { limit?: number } = {}) => (await syncTrackingWorkflow(getContainer()).run({ input })).result
  const states = async () => {
    const records = await sortedPro().listSortedProConsignments(
      { order_id: { $like: "order_trk_%" } },
      { take: OPEN * 2, select: ["id", "reference", "state"] }
    )
    return new Map(records.map((record) => [record.reference!, record.state]))
  }
  const put = async (path: string, body: unknown) => {
    const response = await sandbox.pro(path, { method: "PUT", body: JSON.stringify(body) })
    expect(response.status).toBe(200)
    return response.json()
  }

  beforeAll(async () => {
    // PRO: 1,000 allocated consignments; ours: a record of each, last seen Allocated
    for (let start = 0; start < OPEN; start += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, OPEN - start) }, async (_, i) => {
          const response = await sandbox.pro("/consignments", {
            method: "POST",
            body: JSON.stringify(shipment({ ConsignmentReferenceProvidedByCustomer: `trk-${start + i}` })),
          })
          expect(response.status).toBe(201)
          const [link] = (await response.json()) as Array<{ Href: string }>
          return link.Href.split("/").pop()!
        })
      )
      references.push(...batch)
    }
    const allocated = (await put("/allocation/allocate", { ConsignmentReferences: references })) as Array<{ StatusCode?: number }>
    expect(allocated.filter((summary) => summary.StatusCode && summary.StatusCode >= 400)).toEqual([])
    await sortedPro().createSortedProConsignments(
      references.map((reference, i) => ({
        order_id: `order_trk_${i}`,
        fulfillment_id: `ful_trk_${i}`,
        customer_reference: `trk-${i}`,
        reference,
        flow: "order_flex" as const,
        sync_status: "synced" as const,
        state: "Allocated",
      }))
    )
  })

  it("tracks every one of 1,000 open consignments within two passes, one state-events call each", async () => {
    const manifested = (await put("/consignments/manifest", { ConsignmentReferences: references })) as Array<{ IsSuccess: boolean }>
    expect(manifested.every((result) => result.IsSuccess)).toBe(true)
    // every statement on the shared connection (the module's ORM runs on it too) that updates our consignments
    const db = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    let updates = 0
    const counter = (query: { sql: string }) => {
      updates += Number(/^\s*update\s+"?sorted_pro_consignment"?\s/i.test(query.sql))
    }
    db.on("query", counter)
    await clearLog()
    const first = await pass()
    const firstCalls = (await proCalls()).counts
    await clearLog()
    const second = await pass()
    const secondCalls = (await proCalls()).counts
    db.off("query", counter)
    const after = await states()
    expect(references.filter((reference) => after.get(reference) !== "Manifested")).toEqual([])
    expect(first.failed + second.failed).toBe(0)
    expect(first.moved + second.moved).toBe(OPEN)
    // every state came from the events: no per-consignment reads
    expect(firstCalls).toEqual({ "POST /events/consignments/stateevents": 1 })
    expect(secondCalls).toEqual({ "POST /events/consignments/stateevents": 1 })
    expect(second.moved).toBe(0)
    // the writes are batched: a few statements per 500 records (2,010 when written one by one), not one per record
    expect(updates).toBeLessThanOrEqual(20)
  })

  it("when PRO's events cannot be read, a cursor reads every open consignment in turn (limit per pass)", async () => {
    // ours already agree with PRO: nothing moves, so no record changes on its own
    await sortedPro().updateSortedProConsignments({ selector: { order_id: { $like: "order_trk_%" } }, data: { state: "Manifested" } })
    await injectFault(sandbox.url, { pathPattern: "/events/consignments/stateevents", status: 503 })
    try {
      const read = new Set<string>()
      for (let i = 0; i < OPEN / 200; i++) {
        await clearLog()
        const result = await pass({ limit: 200 })
        const { counts, requests } = await proCalls()
        expect(result.failed).toBe(0)
        expect(counts["GET /consignments/:reference"]).toBe(200)
        for (const request of requests.filter((entry) => entry.path.startsWith("/consignments/"))) {
          read.add(request.path.split("/").pop()!)
        }
      }
      expect(references.filter((reference) => !read.has(reference))).toEqual([])
    } finally {
      await sandbox.clearFaults()
    }
  })

  it("with events readable, reads on its own only what no event named for 6 hours", async () => {
    const quiet = references.slice(0, 30)
    await sortedPro().updateSortedProConsignments({ selector: { reference: quiet }, data: { tracked_at: new Date(Date.now() - 7 * 3_600_000) } })
    // no PRO event since the last pass: its window ends after every event so far
    await sortedPro().saveSettings({ tracking_events_until: new Date(Date.now() + 3_600_000) })
    await clearLog()
    const result = await pass()
    const { counts, requests } = await proCalls()
    expect(counts).toEqual({ "POST /events/consignments/stateevents": 1, "GET /consignments/:reference": quiet.length })
    expect(
      requests
        .filter((entry) => entry.path.startsWith("/consignments/"))
        .map((entry) => entry.path.split("/").pop())
        .sort()
    ).toEqual([...quiet].sort())
    expect(result).toMatchObject({ read: quiet.length, failed: 0 })
    await clearLog()
    expect((await pass()).read).toBe(0)
  })
})
