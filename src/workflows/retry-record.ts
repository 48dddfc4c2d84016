import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ConsignmentRecord, consumerOptionsInput, selectionRefused } from "../lib/consignments"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { ORDER_FIELDS, PlacedOrder } from "../lib/mapping/orders"
import { activeFulfillment, fulfillmentOrigin } from "../lib/fulfillments"
import { handleOrderPlacedWorkflow } from "./handle-order-placed"
import { createFulfillmentConsignmentWorkflow, FulfillmentConsignmentInput } from "./create-fulfillment-consignment"
import { createReturnWorkflow, CreateReturnInput } from "./create-return"
import { retryConsignmentWorkflow } from "./retry-consignment"

/**
 * A fulfillment as {@link createFulfillmentConsignmentWorkflow} takes it: the order (ORDER_FIELDS), the fulfillment's stock
 * location, shipping option and lines (quantities as fulfilled), and the shopper's choice. Null when the order or the
 * fulfillment no longer exists, or the fulfillment was canceled.
 */
export async function packInputFor(container: MedusaContainer, orderId: string, fulfillmentId: string): Promise<FulfillmentConsignmentInput | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: orders }, fulfillment] = await Promise.all([
    query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } }),
    activeFulfillment(container, fulfillmentId, ["id", "location_id", "shipping_option_id", "canceled_at", "items.line_item_id", "items.quantity"]),
  ])
  const order = orders[0] as PlacedOrder | undefined
  if (!order || !fulfillment) {
    return null
  }
  return {
    order,
    ...fulfillmentOrigin(fulfillment),
    select: consumerOptionsInput(order),
    lines: fulfillment.items.map((item) => ({ ...order.items.find((line) => line.id === item.line_item_id), quantity: item.quantity })),
  }
}

/** A return fulfillment as {@link createReturnWorkflow} takes it; null when it no longer exists or was canceled. */
async function returnInputFor(container: MedusaContainer, fulfillmentId: string): Promise<CreateReturnInput | null> {
  const fulfillment = await activeFulfillment(container, fulfillmentId, [
    "id",
    "location_id",
    "shipping_option_id",
    "canceled_at",
    "delivery_address.*",
    "items.line_item_id",
    "items.quantity",
    "items.title",
    "items.sku",
  ])
  return fulfillment && { ...fulfillmentOrigin(fulfillment), delivery_address: fulfillment.delivery_address, items: fulfillment.items ?? [] }
}

/**
 * Retries the PRO work of one of our records (`sync_status` pending or failed) with the workflow that made it, so a
 * retry can only adopt or finish what PRO already holds under our reference, never book it twice:
 * - a return (`direction` inbound) → {@link createReturnWorkflow} for its return fulfillment;
 * - a packed consignment (`pro_order_reference` and a fulfillment) → {@link createFulfillmentConsignmentWorkflow} (Pack Order found
 *   again by its package reference);
 * - a delivery choice PRO refused for good (`selectionRefused`) → the order's Order Flex replacement is made
 *   (`handleOrderPlacedWorkflow`) and NOT_ALLOWED says so;
 * - otherwise (Select Option, or a standalone consignment) → `retryConsignmentWorkflow`.
 * Returns our record after the attempt (`synced`, or `failed`/`pending` with `last_error`).
 * @throws MedusaError NOT_ALLOWED when the record is already in PRO, or its fulfillment was canceled; NOT_FOUND when
 * its order no longer exists; INVALID_DATA naming the field when it can no longer be mapped to PRO.
 * Used by `POST /admin/sorted-pro/consignments/:reference/retry` and the reconcile job.
 */
export async function retryRecord(container: MedusaContainer, record: ConsignmentRecord): Promise<ConsignmentRecord> {
  if (record.sync_status === "synced") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${record.reference ?? record.id} already exists in SortedPRO (state ${record.state ?? "unknown"}): allocate it instead of retrying`
    )
  }
  if (record.fulfillment_id && (record.direction === "inbound" || record.pro_order_reference)) {
    const canceled = () =>
      new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `fulfillment_id: fulfillment ${record.fulfillment_id} of ${record.id} no longer exists or was canceled`
      )
    if (record.direction === "inbound") {
      const input = await returnInputFor(container, record.fulfillment_id)
      if (!input) {
        throw canceled()
      }
      return (await createReturnWorkflow(container).run({ input })).result
    }
    const input = await packInputFor(container, record.order_id, record.fulfillment_id)
    if (!input) {
      throw canceled()
    }
    const { result } = await createFulfillmentConsignmentWorkflow(container).run({ input })
    // no consignment when the PRO order itself is still missing: its error is the reason
    return result.consignment ?? ({ ...record, last_error: result.pro_order?.last_error ?? record.last_error } as ConsignmentRecord)
  }
  if (selectionRefused(record)) {
    // selecting it again cannot work: the order ships as Order Flex (Create Order now, Pack when it is fulfilled)
    await handleOrderPlacedWorkflow(container).run({ input: { order_id: record.order_id } })
    const error = record.last_error as { message?: string } | null
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `SortedPRO can no longer select ${record.delivery_option_reference} (${error?.message ?? "refused"}): the order ships with the chosen carrier service instead; create its fulfillment to pack and allocate it`
    )
  }
  return (await retryConsignmentWorkflow(container).run({ input: { id: record.id } })).result
}

/**
 * Runs {@link retryRecord} for the record `id` (our `spcon_…` id) and answers the record after the attempt. Staff's
 * retry starts the record's refusal count again, so a parked record (refused 10 times) is retried by reconcile again.
 */
export const retryRecordStep = createStep("sorted-pro-retry-record", async (input: { id: string }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const record = (await service.retrieveSortedProConsignment(input.id)) as unknown as ConsignmentRecord
  if (record.attempts) {
    // staff looked at it: reconcile retries it again, however often PRO refused it before
    await service.updateSortedProConsignments({ id: record.id, attempts: 0 })
  }
  return new StepResponse(await retryRecord(container as MedusaContainer, { ...record, attempts: 0 }))
})

/**
 * Staff's retry of one record (`POST /admin/sorted-pro/consignments/:reference/retry`): {@link retryRecord} as a
 * workflow. Errors as {@link retryRecord}'s.
 */
export const retryRecordWorkflow = createWorkflow("sorted-pro-retry-record", (input: { id: string }) => new WorkflowResponse(retryRecordStep(input)))
