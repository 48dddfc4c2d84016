/** The exactly-once count: each Medusa order against what PRO (the sandbox) holds under our reference. */
import type { RunningSandbox } from "../../sandbox/server"
import type { MedusaOrder, Tally } from "./types"

/** Runs SQL on the bench database and resolves with the rows. */
export type Sql = <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>

/**
 * Counts Medusa orders (`allOrders`, those with a SortedPRO shipping method), our records (`sql` on the bench
 * database) and the sandbox's objects by our references; see {@link Tally}.
 */
export async function countOrders(allOrders: MedusaOrder[], sandbox: RunningSandbox, sql: Sql): Promise<Tally> {
  const orders = allOrders.filter((order) => order.shipping_methods?.some((method) => method?.data?.flow))
  const store = sandbox.sandbox.store
  const consignmentsByRef = new Map<string, string[]>()
  for (const consignment of store.consignments.values()) {
    const ref = (consignment as any).req?.ConsignmentReferenceProvidedByCustomer as string | undefined
    if (ref) {
      consignmentsByRef.set(ref, [...(consignmentsByRef.get(ref) ?? []), consignment.Reference])
    }
  }
  const ordersByRef = new Map<string, any[]>()
  for (const order of store.orders.values() as IterableIterator<any>) {
    const ref = order.OrderReferenceProvidedByCustomer as string
    ordersByRef.set(ref, [...(ordersByRef.get(ref) ?? []), order])
  }
  const records = new Map<string, { sync_status: string; reference: string | null; flow: string }>()
  for (const row of await sql<{ customer_reference: string; sync_status: string; reference: string | null; flow: string }>(
    `select customer_reference, sync_status, reference, flow from sorted_pro_consignment where deleted_at is null
       union all select customer_reference, sync_status, reference, flow from sorted_pro_order where deleted_at is null`
  )) {
    records.set(row.customer_reference, row)
  }
  const tally: Tally = {
    orders: orders.length,
    by_flow: {},
    fallback_orders: 0,
    pro_consignments: store.consignments.size,
    pro_orders: store.orders.size,
    duplicate_consignments: 0,
    duplicate_consignment_refs: [],
    duplicate_orders: 0,
    duplicate_order_refs: [],
    unpacked_duplicate_orders: 0,
    missing: 0,
    missing_ids: [],
    records_not_synced: 0,
    records_mismatched: 0,
    replaced_by_order_flex: 0,
    cancelled: 0,
  }
  for (const order of orders) {
    const data = order.shipping_methods.find((method) => method?.data?.flow)!.data!
    // a delivery-day choice shipped from two warehouses is selected as a PRO order (Consumer Options Flex)
    const flex = records.get(order.id)?.flow === "consumer_options_flex"
    const flow = flex ? "consumer_options_flex" : data.flow
    tally.by_flow[flow] = (tally.by_flow[flow] ?? 0) + 1
    if (data.fallback) {
      tally.fallback_orders += 1
    }
    // a delivery choice PRO refused for good ships as Order Flex: a PRO order under the order id, no consignment
    const replaced =
      !flex &&
      (data.flow === "consumer_options" || data.flow === "consumer_options_pickup") &&
      !consignmentsByRef.has(data.cart_id) &&
      ordersByRef.has(order.id)
    const selected = (data.flow === "consumer_options" || data.flow === "consumer_options_pickup") && !replaced && !flex
    if (replaced) {
      tally.replaced_by_order_flex += 1
    }
    const ref: string = selected ? data.cart_id : order.id
    const found: string[] = selected ? (consignmentsByRef.get(ref) ?? []) : (ordersByRef.get(ref) ?? []).map((o) => o.Reference)
    const record = records.get(ref)
    if (order.status === "canceled") {
      // a cancelled order may never have reached PRO (cancelled before its Select): the PRO audit checks its consignments
      tally.cancelled += 1
      continue
    }
    if (!found.length) {
      tally.missing += 1
      tally.missing_ids.push(order.id)
    }
    if (found.length > 1) {
      if (selected) {
        tally.duplicate_consignments += found.length - 1
        tally.duplicate_consignment_refs.push(ref)
      } else {
        tally.duplicate_orders += found.length - 1
        tally.duplicate_order_refs.push(order.id)
        tally.unpacked_duplicate_orders += (ordersByRef.get(ref) ?? []).filter(
          (o) => o.Reference !== record?.reference && !o.consignments.length && o.lines.every((line: any) => !line.packed)
        ).length
      }
    }
    if (record?.sync_status !== "synced") {
      tally.records_not_synced += 1
    } else if (!found.includes(record.reference ?? "")) {
      tally.records_mismatched += 1
    }
  }
  return tally
}
