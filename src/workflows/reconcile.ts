import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { toErrorRecord } from "../lib/pro"
import { handleOrderPlacedWorkflow } from "./handle-order-placed"
import { retryRecord } from "./retry-record"
import type { ConsignmentRecord } from "../lib/consignments"
import { resolveLogger } from "./steps/logger"

/** What one reconcile pass did. `skipped` is set when PRO did not answer the health probe. */
export interface ReconcileResult {
  skipped?: string
  orders_retried: number
  fulfillments_retried: number
  still_open: number
}

/** A packed consignment or a return: its PRO work belongs to one fulfillment (retried with `retryRecord`), not to the order. */
const isFulfillmentWork = (record: ConsignmentRecord) =>
  Boolean(record.fulfillment_id && (record.pro_order_reference || record.direction === "inbound"))

/** Attempts after which a record is left to staff (retry from the admin). */
const MAX_ATTEMPTS = 10

/**
 * Finishes PRO work that is missing or failed (docs/design.md "nothing lost"):
 * - orders placed in the last `days` (default 7) on a SortedPRO shipping option with no record of ours
 *   (e.g. the `order.placed` subscriber never ran), and orders whose consignment (Select Option) or PRO order
 *   (Create Order) is `pending` or `failed` → `handleOrderPlacedWorkflow` again (idempotent; a choice PRO refused for
 *   good becomes an Order Flex order there, and its record `replaced`);
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
  // up to 1 000 open records a pass, oldest first; the next pass takes the rest
  const retryable = { ...open, attempts: { $lt: MAX_ATTEMPTS } }
  const consignments = await service.listSortedProConsignments(retryable, { take: 1000, order: { created_at: "ASC" } })
  const proOrders = await service.listSortedProOrders(retryable, { take: 1000, order: { created_at: "ASC" } })
  const orderIds = new Set<string>([
    ...consignments.filter((record) => !isFulfillmentWork(record)).map((record) => record.order_id),
    ...proOrders.map((record) => record.order_id),
    ...(await ordersWithoutRecords(container, service, input.days ?? 7)),
  ])
  for (const order_id of orderIds) {
    try {
      await handleOrderPlacedWorkflow(container).run({ input: { order_id } })
      result.orders_retried += 1
    } catch (error) {
      // one order that cannot be handled now (e.g. its lock is held elsewhere) must not stop the pass
      logger.warn(`SortedPRO reconcile could not handle order ${order_id} now: ${(error as Error).message}`)
    }
  }
  for (const record of consignments.filter(isFulfillmentWork)) {
    try {
      await retryRecord(container, record)
      result.fulfillments_retried += 1
    } catch (error) {
      // e.g. the fulfillment was canceled meanwhile: counted as an attempt, so the record stops being retried
      logger.warn(`SortedPRO reconcile left ${record.id}: ${(error as Error).message}`)
      await service.updateSortedProConsignments({ id: record.id, attempts: record.attempts + 1, last_error: toErrorRecord(error) })
    }
  }
  const [[, stillConsignments], [, stillOrders]] = await Promise.all([
    service.listAndCountSortedProConsignments(open, { take: 1 }),
    service.listAndCountSortedProOrders(open, { take: 1 }),
  ])
  result.still_open = stillConsignments + stillOrders
  if (result.orders_retried || result.fulfillments_retried) {
    logger.info(`SortedPRO reconcile: ${JSON.stringify(result)}`)
  }
  return new StepResponse(result)
})

const PAGE = 500

/**
 * Orders placed in the last `days` with a SortedPRO shipping method (delivery, pickup, flat or fallback), not canceled,
 * and no record of ours, read page by page (oldest first) so that no order of the window is skipped.
 */
async function ordersWithoutRecords(container: MedusaContainer, service: SortedProModuleService, days: number): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const since = new Date(Date.now() - days * 86_400_000)
  const missing: string[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "status", "shipping_methods.shipping_option_id", "shipping_methods.data"],
      filters: { created_at: { $gte: since } },
      pagination: { skip, take: PAGE, order: { created_at: "ASC" } },
    })
    const ids = (orders as Array<{ id: string; status: string; shipping_methods?: Array<{ data?: { flow?: unknown } | null } | null> }>)
      .filter((order) => order.status !== "canceled" && order.shipping_methods?.some((method) => method?.data?.flow))
      .map((order) => order.id as string)
    if (ids.length) {
      const [withConsignments, withOrders] = await Promise.all([
        service.listSortedProConsignments({ order_id: ids }, { select: ["order_id"], take: 10 * PAGE }),
        service.listSortedProOrders({ order_id: ids }, { select: ["order_id"], take: 10 * PAGE }),
      ])
      const known = new Set([...withConsignments, ...withOrders].map((record) => record.order_id))
      missing.push(...ids.filter((id) => !known.has(id)))
    }
    if (orders.length < PAGE) {
      return missing
    }
  }
}

/** Reconcile pass: {@link reconcileStep}. Run by the `sorted-pro-reconcile` job every 5 minutes. */
export const reconcileWorkflow = createWorkflow("sorted-pro-reconcile", (input: { days?: number }) => new WorkflowResponse(reconcileStep(input)))
