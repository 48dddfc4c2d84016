import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { toErrorRecord } from "../lib/pro-client"
import { handleOrderPlacedWorkflow, ORDER_FIELDS } from "./handle-order-placed"
import { fulfilOrderFlexWorkflow } from "./fulfil-order-flex"
import { resolveLogger } from "./steps/logger"

/** What one reconcile pass did. `skipped` is set when PRO did not answer the health probe. */
export interface ReconcileResult {
  skipped?: string
  orders_retried: number
  fulfillments_retried: number
  still_open: number
}

/** Attempts after which a record is left to staff (retry from the admin). */
const MAX_ATTEMPTS = 10

/**
 * Finishes PRO work that is missing or failed (DESIGN.md "nothing lost"):
 * - orders placed in the last `days` (default 7) on a SortedPRO shipping option with no record of ours
 *   (e.g. the `order.placed` subscriber never ran), and orders whose consignment (Select Option) or PRO order
 *   (Create Order) is `pending` or `failed` → `handleOrderPlacedWorkflow` again (idempotent);
 * - fulfillment consignments (Pack Order) still `pending` or `failed` → `fulfilOrderFlexWorkflow` again.
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
  const orderIds = new Set<string>([
    ...consignments.filter((record) => record.flow !== "order_flex").map((record) => record.order_id),
    ...proOrders.map((record) => record.order_id),
    ...(await ordersWithoutRecords(container, service, input.days ?? 7)),
  ])
  for (const order_id of orderIds) {
    await handleOrderPlacedWorkflow(container).run({ input: { order_id } })
    result.orders_retried += 1
  }
  for (const record of consignments.filter((candidate) => candidate.flow === "order_flex" && candidate.fulfillment_id)) {
    const input = await fulfillmentInput(container, record.order_id, record.fulfillment_id!)
    if (input) {
      await fulfilOrderFlexWorkflow(container).run({ input })
      result.fulfillments_retried += 1
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

/** The fulfillment's lines and order, as `fulfilOrderFlexWorkflow` takes them; null when it no longer exists. */
async function fulfillmentInput(container: MedusaContainer, orderId: string, fulfillmentId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: orders }, { data: fulfillments }] = await Promise.all([
    query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } }),
    query.graph({ entity: "fulfillment", fields: ["id", "location_id", "canceled_at", "items.line_item_id", "items.quantity"], filters: { id: fulfillmentId } }),
  ])
  const order = orders[0] as any
  const fulfillment = fulfillments[0] as any
  if (!order || !fulfillment || fulfillment.canceled_at) {
    return null
  }
  return {
    order,
    fulfillment_id: fulfillment.id,
    location_id: fulfillment.location_id,
    lines: fulfillment.items.map((item: any) => ({ ...order.items.find((line: any) => line.id === item.line_item_id), quantity: item.quantity })),
  }
}

/** Reconcile pass: {@link reconcileStep}. Run by the `sorted-pro-reconcile` job every 5 minutes. */
export const reconcileWorkflow = createWorkflow("sorted-pro-reconcile", (input: { days?: number }) => new WorkflowResponse(reconcileStep(input)))

