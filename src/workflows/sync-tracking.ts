import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createOrderShipmentWorkflow, markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { toErrorRecord } from "../lib/pro"
import { resolveLogger } from "./steps/logger"
import { activeFulfillment } from "../lib/fulfillments"

/** Progress of a consignment on its way (docs/pro-api.md §5); states off this path (failures, returns) have no rank. */
const PROGRESS: Record<string, number> = {
  Allocated: 1,
  ReadyToShip: 1,
  Manifesting: 2,
  Manifested: 2,
  Dispatched: 3,
  Collected: 3,
  InTransit: 4,
  InTransitWaiting: 4,
  Delayed: 4,
  AtCustoms: 4,
  HeldByCarrier: 4,
  OutForDelivery: 5,
  AtCollectionPoint: 5,
  Delivered: 6,
}
/** From this rank on the parcel has left the warehouse: Medusa gets a shipment. */
const SHIPPED = PROGRESS.Manifested
const DELIVERED = PROGRESS.Delivered

/** Outcome of one tracking pass: counts, for logs and the admin health panel. */
export interface TrackingSyncResult {
  checked: number
  moved: number
  shipped: number
  delivered: number
  failed: number
}

/**
 * One tracking pass (docs/design.md `jobs/`; docs/pro-api.md §3.12 Get Consignment): reads the PRO state of up to `limit`
 * open consignments that have a Medusa fulfillment and moves Medusa forward only — shipped or collected → a
 * shipment with the tracking numbers (and our label URL, which a shipment's labels would otherwise replace,
 * Medusa #11160); delivered → the fulfillment is marked delivered. A late event never moves a record back.
 * Failures are recorded on the consignment and counted, never thrown. Stores `last_tracking_sync_at`.
 */
export const syncTrackingStep = createStep("sorted-pro-sync-tracking", async (input: { limit?: number }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const client = service.getClient()
  const logger = resolveLogger(container)
  const open = await service.listSortedProConsignments(
    { state: Object.keys(PROGRESS).filter((state) => PROGRESS[state] < DELIVERED) },
    { take: input.limit ?? 200, order: { updated_at: "ASC" } }
  )
  const result: TrackingSyncResult = { checked: 0, moved: 0, shipped: 0, delivered: 0, failed: 0 }
  for (const record of open.filter((candidate) => candidate.reference && candidate.fulfillment_id)) {
    result.checked += 1
    try {
      const { ConsignmentState: state } = await client.consignments.get(record.reference!)
      const rank = PROGRESS[state]
      if (rank === undefined || rank < (PROGRESS[record.state ?? ""] ?? 0)) {
        continue
      }
      const fulfillment = await activeFulfillment(container, record.fulfillment_id!, [
        "id",
        "shipped_at",
        "delivered_at",
        "canceled_at",
        "items.line_item_id",
        "items.quantity",
        "labels.*",
      ])
      if (fulfillment && rank >= SHIPPED && !fulfillment.shipped_at) {
        await createOrderShipmentWorkflow(container).run({
          input: {
            order_id: record.order_id,
            fulfillment_id: fulfillment.id,
            items: fulfillment.items.map((item) => ({ id: item.line_item_id, quantity: item.quantity })),
            labels: (fulfillment.labels ?? []).map((label) => ({
              tracking_number: label.tracking_number,
              tracking_url: label.tracking_url ?? "",
              label_url: label.label_url ?? "",
            })),
          },
        })
        result.shipped += 1
      }
      if (fulfillment && rank >= DELIVERED && !fulfillment.delivered_at) {
        await markOrderFulfillmentAsDeliveredWorkflow(container).run({ input: { orderId: record.order_id, fulfillmentId: fulfillment.id } })
        result.delivered += 1
      }
      if (state !== record.state) {
        await service.updateSortedProConsignments({ id: record.id, state, last_error: null })
        result.moved += 1
      }
    } catch (error) {
      result.failed += 1
      const lastError = toErrorRecord(error)
      logger.warn(`SortedPRO tracking sync of ${record.reference} failed: ${lastError.message} CorrelationId=${lastError.correlation_id ?? "none"}`)
      await service.updateSortedProConsignments({ id: record.id, last_error: lastError })
    }
  }
  await service.saveSettings({ last_tracking_sync_at: new Date() })
  return new StepResponse(result)
})

/** Tracking sync: {@link syncTrackingStep}. Run by the `sorted-pro-sync-tracking` job. */
export const syncTrackingWorkflow = createWorkflow(
  "sorted-pro-sync-tracking",
  (input: { limit?: number }) => new WorkflowResponse(syncTrackingStep(input))
)
