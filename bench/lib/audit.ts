/**
 * The PRO audit of the exactly-once benches (project issue #13): every consignment PRO (the sandbox) holds, matched
 * to what it belongs to in Medusa, read after the drain. A consignment belongs to
 * - a Medusa order, when PRO made it from the shopper's choice (Select Option: our reference is the cart id);
 * - a Medusa fulfillment, when it was packed from a PRO order (its package reference is `<fulfillment id>-1`) or
 *   created for a return (our reference is the return fulfillment id).
 * Counted, each with goal 0: duplicate consignments (two for one owner), missing consignments (a live order or
 * fulfillment with none), live consignments of cancelled orders (not `Cancelled` in PRO), fulfillments without their
 * labels (no label rows or no consignment reference on Medusa's fulfillment), orphans (live consignments whose owner
 * Medusa does not have). Also the writes PRO did per kind (the sandbox's `writes` counters, sandbox/README.md).
 */
import type { RunningSandbox } from "../../sandbox/server"
import { PROVIDER_ID } from "../../src/lib/fulfillment-options"
import { normalizeCounts } from "./exactly-once"
import { printTable } from "./report"
import type { Sql } from "./tally"

/** The five counts of the verdict, with up to 10 examples each. */
export interface Audit {
  consignments: number
  live_consignments: number
  duplicate_consignments: number
  missing_consignments: number
  live_of_cancelled_orders: number
  fulfillments_without_labels: number
  orphans: number
  /** Sorted-PRO fulfillments in Medusa (not cancelled): outbound / return. */
  fulfillments: number
  return_fulfillments: number
  /**
   * Fulfillment rows linked to no order or return: Medusa's order-fulfillment workflow was killed after the Fulfillment
   * module committed the row and before the link (nobody sees them; a consignment packed for one is an orphan).
   */
  unlinked_fulfillments: number
  cancelled_orders: number
  examples: Record<string, string[]>
}

interface FulfillmentRow {
  id: string
  order_id: string | null
  is_return: boolean
  canceled_at: string | null
  data: Record<string, any> | null
  labels: string
}

/** Audits PRO's consignments against Medusa's orders and fulfillments (bench database through `sql`). */
export async function auditPro(sandbox: RunningSandbox, sql: Sql): Promise<Audit> {
  const orders = await sql<{ id: string; status: string; cart_id: string | null }>(
    `select o.id, o.status, (select sm.data->>'cart_id' from order_shipping os join order_shipping_method sm on sm.id = os.shipping_method_id
        where os.order_id = o.id and sm.data ? 'flow' and os.deleted_at is null limit 1) as cart_id
       from "order" o where o.deleted_at is null`
  )
  const fulfillments = await sql<FulfillmentRow>(
    `select f.id, coalesce(ofl.order_id, r.order_id) as order_id, rf.fulfillment_id is not null as is_return, f.canceled_at, f.data,
        (select count(*) from fulfillment_label l where l.fulfillment_id = f.id and l.deleted_at is null) as labels
       from fulfillment f
       left join order_fulfillment ofl on ofl.fulfillment_id = f.id and ofl.deleted_at is null
       left join return_fulfillment rf on rf.fulfillment_id = f.id and rf.deleted_at is null
       left join "return" r on r.id = rf.return_id
      where f.deleted_at is null and f.provider_id = $1`,
    [PROVIDER_ID]
  )
  const orderById = new Map(orders.map((order) => [order.id, order]))
  const orderByCart = new Map(orders.filter((order) => order.cart_id).map((order) => [order.cart_id!, order]))
  const fulfillmentById = new Map(fulfillments.map((row) => [row.id, row]))
  const audit: Audit = {
    consignments: 0,
    live_consignments: 0,
    duplicate_consignments: 0,
    missing_consignments: 0,
    live_of_cancelled_orders: 0,
    fulfillments_without_labels: 0,
    orphans: 0,
    fulfillments: fulfillments.filter((row) => !row.canceled_at && row.order_id && !row.is_return).length,
    return_fulfillments: fulfillments.filter((row) => !row.canceled_at && row.order_id && row.is_return).length,
    unlinked_fulfillments: fulfillments.filter((row) => !row.order_id).length,
    cancelled_orders: orders.filter((order) => order.status === "canceled").length,
    examples: {},
  }
  const example = (kind: string, text: string) => ((audit.examples[kind] ??= []).length < 10 ? audit.examples[kind].push(text) : 0)

  // every PRO consignment, by owner key: `cart:<cart id>` or `fulfillment:<fulfillment id>`
  const byOwner = new Map<string, Array<{ reference: string; state: string }>>()
  for (const consignment of sandbox.sandbox.store.consignments.values()) {
    audit.consignments += 1
    const live = consignment.state !== "Cancelled"
    audit.live_consignments += live ? 1 : 0
    const packageRef = consignment.packages[0]?.input.PackageReferenceProvidedByCustomer
    const ours = consignment.req.ConsignmentReferenceProvidedByCustomer ?? ""
    const fulfillmentId = consignment.orderReference ? packageRef?.replace(/-1$/, "") : fulfillmentById.has(ours) ? ours : null
    const key = fulfillmentId ? `fulfillment:${fulfillmentId}` : `cart:${ours}`
    byOwner.set(key, [...(byOwner.get(key) ?? []), { reference: consignment.Reference, state: consignment.state }])
    const fulfillment = fulfillmentId ? fulfillmentById.get(fulfillmentId) : undefined
    const order = fulfillmentId ? (fulfillment?.order_id ? orderById.get(fulfillment.order_id) : undefined) : orderByCart.get(ours)
    if (!live) {
      continue
    }
    if (!order || (fulfillmentId && !fulfillment)) {
      audit.orphans += 1
      example("orphans", `${consignment.Reference} (${consignment.state}, ${fulfillmentId ? `fulfillment ${fulfillmentId}` : `cart ${ours}`})`)
    } else if (order.status === "canceled" || fulfillment?.canceled_at) {
      audit.live_of_cancelled_orders += 1
      example("live_of_cancelled_orders", `${consignment.Reference} (${consignment.state}) of order ${order.id}`)
    }
  }
  for (const [key, found] of byOwner) {
    if (found.length > 1) {
      audit.duplicate_consignments += found.length - 1
      example("duplicate_consignments", `${key}: ${found.map((c) => `${c.reference} ${c.state}`).join(", ")}`)
    }
  }
  const proReferences = new Set(sandbox.sandbox.store.consignments.keys())
  for (const row of fulfillments.filter((row) => !row.canceled_at && row.order_id)) {
    const reference = row.data?.consignment_reference as string | undefined
    if (!Number(row.labels) || !reference) {
      audit.fulfillments_without_labels += 1
      example("fulfillments_without_labels", `${row.id} (labels ${row.labels}, reference ${reference ?? "none"}, ${row.data?.sync_status ?? ""})`)
    }
    const owned = byOwner.has(`fulfillment:${row.id}`) || (reference !== undefined && proReferences.has(reference))
    if (!owned) {
      audit.missing_consignments += 1
      example("missing_consignments", `fulfillment ${row.id} of order ${row.order_id}`)
    }
  }
  return audit
}

/** The audit's goals: a failure text per count above 0. */
export function auditFailures(audit: Audit): string[] {
  const goals: Array<[keyof Audit, string]> = [
    ["duplicate_consignments", "duplicate consignment(s) in PRO"],
    ["missing_consignments", "fulfillment(s) with no consignment in PRO"],
    ["live_of_cancelled_orders", "live consignment(s) of cancelled orders or fulfillments"],
    ["fulfillments_without_labels", "fulfillment(s) without their labels or consignment reference after the drain"],
    ["orphans", "orphan consignment(s) (live in PRO, no Medusa order or fulfillment)"],
  ]
  return goals.filter(([key]) => (audit[key] as number) > 0).map(([key, text]) => `${audit[key]} ${text}: ${(audit.examples[key] ?? []).join("; ")}`)
}

/** Prints the audit table. */
export function printAudit(audit: Audit): void {
  console.log("")
  printTable([
    ["PRO audit (after the drain)", "value", "goal"],
    ["consignments in PRO / live (not Cancelled)", `${audit.consignments} / ${audit.live_consignments}`, ""],
    ["SortedPRO fulfillments in Medusa (outbound / return)", `${audit.fulfillments} / ${audit.return_fulfillments}`, ""],
    ["  fulfillment rows of no order (Medusa's workflow killed before linking)", audit.unlinked_fulfillments, ""],
    ["cancelled orders", audit.cancelled_orders, ""],
    ["duplicate consignments", audit.duplicate_consignments, 0],
    ["missing consignments (order or fulfillment with none)", audit.missing_consignments, 0],
    ["live consignments of cancelled orders", audit.live_of_cancelled_orders, 0],
    ["fulfillments without labels after drain", audit.fulfillments_without_labels, 0],
    ["orphan consignments", audit.orphans, 0],
  ])
}

/** The PRO writes by kind: endpoint patterns (as the sandbox logs them) of each kind. */
const WRITE_KINDS: Array<[string, RegExp]> = [
  ["select option", /^POST \/deliveryoptions\/select\/:reference$/i],
  ["select as order", /^POST \/deliveryoptions\/selectorder$/i],
  ["reserve pickup", /^POST \/deliveryoptions\/reserve\/:reference$/i],
  ["create order", /^POST \/orders$/i],
  ["pack", /^POST \/orders\/:reference\/pack$/i],
  ["allocate", /^PUT \/allocation\//i],
  ["create consignment", /^POST \/consignments$/i],
  ["cancel", /^PUT \/consignments\/:reference\/cancel$/i],
  ["other writes", /^(POST|PUT|DELETE) /i],
]

const kindOf = (endpoint: string) => WRITE_KINDS.find(([, pattern]) => pattern.test(endpoint))?.[0]

/**
 * Prints the writes per kind: requests sent (all, with the faulted ones), those PRO did (`done`), refused, did but
 * whose answer a fault lost, and not processed (a fault answered instead). `requests` is the sandbox's request log.
 */
export function printWrites(requests: {
  counts: Record<string, number>
  writes: Record<string, { done: number; refused: number; answer_lost: number }>
}) {
  const rows = new Map(WRITE_KINDS.map(([kind]) => [kind, { sent: 0, done: 0, refused: 0, lost: 0 }]))
  for (const [endpoint, n] of Object.entries(normalizeCounts(requests.counts))) {
    const kind = kindOf(endpoint)
    if (kind) {
      rows.get(kind)!.sent += n
    }
  }
  for (const [endpoint, count] of Object.entries(requests.writes)) {
    const row = rows.get(kindOf(endpoint) ?? "other writes")!
    row.done += count.done
    row.refused += count.refused
    row.lost += count.answer_lost
  }
  console.log("")
  printTable([
    ["PRO writes by kind", "sent", "done by PRO", "refused", "done, answer lost", "not processed (fault)"],
    ...[...rows].map(([kind, r]) => [kind, r.sent, r.done, r.refused, r.lost, r.sent - r.done - r.refused]),
  ])
}
