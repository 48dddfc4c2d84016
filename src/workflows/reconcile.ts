import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { toErrorRecord } from "../lib/pro-client"
import { handleOrderPlacedWorkflow } from "./handle-order-placed"
import { retryRecord } from "./retry-record"
import { ConsignmentRecord, selectionRefused } from "./steps/ensure-consignment"
import { resolveLogger } from "./steps/logger"

/** What one reconcile pass did. `skipped` is set when PRO did not answer the health probe. */
export interface ReconcileResult {
  skipped?: string
  orders_retried: number
  fulfillments_retried: number
  still_open: number
}

/** A packed consignment or a return: its PRO work belongs to one fulfillment (retried with `retryRecord`), not to the order. */
const isFulfillmentWork = (record: ConsignmentRecord) => Boolean(record.fulfillment_id && (record.pro_order_reference || record.direction === "inbound"))

/** Attempts after which a record is left to staff (retry from the admin). */
const MAX_ATTEMPTS = 10

/**
 * Finishes PRO work that is missing or failed (DESIGN.md "nothing lost"):
 * - orders placed in the last `days` (default 7) on a SortedPRO shipping option with no record of ours
 *   (e.g. the `order.placed` subscriber never ran), and orders whose consignment (Select Option) or PRO order
 *   (Create Order) is `pending` or `failed` → `handleOrderPlacedWorkflow` again (idempotent; a choice PRO refused for
 *   good becomes an Order Flex order there, after which its failed record is left alone);
 * - fulfillment consignments (Pack Order, returns) still `pending` or `failed` → `retryRecord` (the workflow that made them).
 * Every write is exactly-once by itself (look-up by our reference before a retry). Backoff is per pass: when PRO
 * does not answer a cheap authenticated call (`GET /shippinglocations`) nothing is tried, so after an outage the
 * first pass that finds PRO up retries everything. Records past `MAX_ATTEMPTS` attempts wait for staff.
 */
export const reconcileStep = createStep("sorted-pro-reconcile", async (input: { days?: number }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const logger = resolveLogger(container)
  const result: ReconcileResult = { orders_retried: 0, fulfillments_retried: 0, still_open: 0 }
  try {
    await service.getClient().catalogue.shippingLocations({ timeoutMs: 5_000 })
  } catch (error) {
    result.skipped = `SortedPRO unavailable: ${toErrorRecord(error).message}`
    return new StepResponse(result)
  }
  const open = { sync_status: ["pending", "failed"] }
  const consignments = (await service.listSortedProConsignments(open, { take: 1000 })).filter((record) => record.attempts < MAX_ATTEMPTS)
  const proOrders = (await service.listSortedProOrders(open, { take: 1000 })).filter((record) => record.attempts < MAX_ATTEMPTS)
  // a choice PRO refused for good is done once its Order Flex replacement exists
  const refused = consignments.filter(selectionRefused).map((record) => record.order_id)
  const replaced = new Set(
    refused.length ? (await service.listSortedProOrders({ order_id: refused, sync_status: "synced" }, { select: ["order_id"] })).map((record) => record.order_id) : []
  )
  const orderIds = new Set<string>([
    ...consignments.filter((record) => !isFulfillmentWork(record) && !replaced.has(record.order_id)).map((record) => record.order_id),
    ...proOrders.map((record) => record.order_id),
    ...(await ordersWithoutRecords(container, service, input.days ?? 7)),
  ])
  for (const order_id of orderIds) {
    await handleOrderPlacedWorkflow(container).run({ input: { order_id } })
    result.orders_retried += 1
  }
  for (const record of consignments.filter(isFulfillmentWork)) {
    try {
      await retryRecord(container, record)
      result.fulfillments_retried += 1
    } catch (error) {
      // e.g. the fulfillment was canceled meanwhile: counted as an attempt, so the record stops being retried
      logger.warn(`SortedPRO reconcile left ${record.id}: ${(error as Error).message}`)
      await service.updateSortedProConsignments({ id: record.id, attempts: record.attempts + 1, last_error: toErrorRecord(error) as any })
    }
  }
  const [stillConsignments, stillOrders] = await Promise.all([
    service.listSortedProConsignments(open, { take: 1000 }),
    service.listSortedProOrders(open, { take: 1000 }),
  ])
  result.still_open = stillConsignments.length + stillOrders.length
  if (result.orders_retried || result.fulfillments_retried) {
    logger.info(`SortedPRO reconcile: ${JSON.stringify(result)}`)
  }
  return new StepResponse(result)
})

/** Recent orders with a SortedPRO shipping method (delivery, pickup, flat or fallback) and no record of ours. */
async function ordersWithoutRecords(container: MedusaContainer, service: SortedProModuleService, days: number): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const since = new Date(Date.now() - days * 86_400_000)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "status", "shipping_methods.shipping_option_id", "shipping_methods.data"],
    filters: { created_at: { $gte: since } },
    pagination: { take: 1000, order: { created_at: "ASC" } },
  })
  const candidates = (orders as any[]).filter(
    (order) => order.status !== "canceled" && order.shipping_methods?.some((method: any) => method?.data?.flow)
  )
  if (!candidates.length) {
    return []
  }
  const ids = candidates.map((order) => order.id)
  const [withConsignments, withOrders] = await Promise.all([
    service.listSortedProConsignments({ order_id: ids }, { select: ["order_id"], take: 10_000 }),
    service.listSortedProOrders({ order_id: ids }, { select: ["order_id"], take: 10_000 }),
  ])
  const known = new Set([...withConsignments, ...withOrders].map((record) => record.order_id))
  return ids.filter((id) => !known.has(id))
}

/** Reconcile pass: {@link reconcileStep}. Run by the `sorted-pro-reconcile` job every 5 minutes. */
export const reconcileWorkflow = createWorkflow("sorted-pro-reconcile", (input: { days?: number }) => new WorkflowResponse(reconcileStep(input)))

