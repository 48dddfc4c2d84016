import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { heldKeys } from "../modules/sorted-pro/lease"
import { toErrorRecord } from "../lib/pro"
import { consignmentKey, proOrderKey } from "../lib/consignments"
import type { ConsignmentRecord } from "../lib/consignments"
import { handleOrderPlacedWorkflow } from "./handle-order-placed"
import { packInputFor, retryRecord } from "./retry-record"
import { createFulfillmentConsignmentWorkflow } from "./create-fulfillment-consignment"
import { cancelRecord } from "./cancel-consignment"
import { resolveLogger } from "./steps/logger"
import {
  attachToFulfillment,
  existingFulfillments,
  fulfillmentsWithoutRecords,
  fulfillmentGone,
  isFulfillmentWork,
  ORPHAN_AGE_MS,
  ordersWithoutRecords,
  readWatermark,
  WATERMARK_GRACE_MS,
  writeWatermark,
} from "./reconcile-sweeps"

/**
 * What one reconcile pass did. `skipped` is set when PRO did not answer the health probe; `orders_scanned` is how
 * many Medusa orders were read looking for ones without a record (created since `scanned_since`, less those the last
 * pass read); `in_flight` records were left alone because a write for them holds the claim; `parked` records wait
 * for staff (refused `MAX_ATTEMPTS` times).
 */
export interface ReconcileResult {
  skipped?: string
  orders_retried: number
  fulfillments_retried: number
  fulfillments_finished: number
  cancels_finished: number
  orphans: number
  orders_scanned: number
  scanned_since?: string
  in_flight: number
  still_open: number
  parked: number
}

/** Refusals by PRO (not outages) after which a record is left to staff (retry from the admin health panel). */
export const MAX_ATTEMPTS = 10

/**
 * Finishes PRO work that is missing, failed or cancelled (docs/design.md "nothing lost"), PRO permitting (when PRO
 * does not answer a cheap authenticated call, `GET /shippinglocations`, nothing is tried):
 * - cancels still to do (`cancel_status: "requested"`: PRO did not answer the cancel) → `cancelRecord`;
 * - orders created since the watermark (minus `grace_ms`, default {@link WATERMARK_GRACE_MS}, of which only those the
 *   last passes did not read; the last `days`, default 7, on the first pass or when `days` is given) with a SortedPRO
 *   shipping method and no record of ours, and orders whose consignment (Select Option) or PRO order is `pending` or
 *   `failed` → `handleOrderPlacedWorkflow` (idempotent; a cancelled order is never selected or created);
 * - fulfillment consignments (Pack Order, returns) `pending` or `failed` → `retryRecord`; one whose fulfillment is
 *   gone is cancelled in PRO instead (`orphan` when the fulfillment never committed);
 * - a fulfillment created before its PRO order existed (no record of ours names it) is packed;
 * - a fulfillment created while PRO's answer was lost gets its reference and labels once the record is synced (by
 *   this pass or, since the watermark, by any process);
 * - packed consignments and returns older than {@link ORPHAN_AGE_MS} whose fulfillment never committed (a process
 *   died between the PRO write and Medusa's commit) → cancelled, `orphan`.
 * Records a write holds the claim of (its first attempt may be in flight, in any process) are skipped. Only PRO's
 * refusals count as attempts; records refused `MAX_ATTEMPTS` times wait for staff. Every PRO write is exactly-once.
 */
export const reconcileStep = createStep("sorted-pro-reconcile", async (input: { days?: number; grace_ms?: number }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const db = service.rawSql()
  const logger = resolveLogger(container)
  const app = container as MedusaContainer
  const started = new Date()
  const result: ReconcileResult = {
    orders_retried: 0,
    fulfillments_retried: 0,
    fulfillments_finished: 0,
    cancels_finished: 0,
    orphans: 0,
    orders_scanned: 0,
    in_flight: 0,
    still_open: 0,
    parked: 0,
  }
  try {
    await service.getClient().catalogue.shippingLocations({ timeoutMs: 5_000 })
  } catch (error) {
    result.skipped = `SortedPRO unavailable: ${toErrorRecord(error).message}`
    return new StepResponse(result)
  }
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work()
      return true
    } catch (error) {
      // one record that cannot be finished now (PRO down again, a claim held elsewhere) must not stop the pass
      logger.warn(`SortedPRO reconcile could not finish ${what} now: ${(error as Error).message}`)
      return false
    }
  }

  for (const record of await service.listSortedProConsignments({ cancel_status: "requested" }, { take: 1000, order: { created_at: "ASC" } })) {
    result.cancels_finished += Number(await attempt(`the cancel of ${record.id}`, () => cancelRecord(app, record.id)))
  }

  const open = { sync_status: ["pending", "failed"], cancel_status: null }
  const retryable = { ...open, attempts: { $lt: MAX_ATTEMPTS } }
  // up to 1 000 open records a pass, oldest first; the next pass takes the rest
  const allConsignments = (await service.listSortedProConsignments(retryable, { take: 1000, order: { created_at: "ASC" } })) as ConsignmentRecord[]
  const allOrders = await service.listSortedProOrders(retryable, { take: 1000, order: { created_at: "ASC" } })
  const held = await heldKeys(db, [
    ...allConsignments.map((record) => consignmentKey(record.customer_reference)),
    ...allOrders.map((record) => proOrderKey(record.order_id)),
  ])
  const consignments = allConsignments.filter((record) => !held.has(consignmentKey(record.customer_reference)))
  const proOrders = allOrders.filter((record) => !held.has(proOrderKey(record.order_id)))
  result.in_flight = allConsignments.length + allOrders.length - consignments.length - proOrders.length

  const grace = input.grace_ms ?? WATERMARK_GRACE_MS
  const watermark = input.days ? null : await readWatermark(service)
  const since = watermark ? new Date(watermark.at.getTime() - grace) : new Date(started.getTime() - (input.days ?? 7) * 86_400_000)
  const unrecorded = await ordersWithoutRecords(app, service, since, watermark?.seen)
  result.orders_scanned = unrecorded.read.length
  result.scanned_since = since.toISOString()
  const orderIds = new Set<string>([
    ...consignments.filter((record) => !isFulfillmentWork(record)).map((record) => record.order_id),
    ...proOrders.map((record) => record.order_id),
    ...unrecorded.missing,
  ])
  const unfinished = new Set<string>()
  for (const order_id of orderIds) {
    const done = await attempt(`order ${order_id}`, () => handleOrderPlacedWorkflow(container).run({ input: { order_id } }))
    result.orders_retried += Number(done)
    if (!done) {
      unfinished.add(order_id)
    }
  }
  // what the next pass need not read again: orders read (now or before), less those still without a record
  const seen = [...(watermark?.seen ?? []), ...unrecorded.read.filter((order) => !unfinished.has(order.id))]

  for (const record of consignments.filter(isFulfillmentWork)) {
    await attempt(`${record.id}`, async () => {
      try {
        await retryRecord(app, record)
        result.fulfillments_retried += 1
      } catch (error) {
        if (!fulfillmentGone(error)) {
          throw error
        }
        // the fulfillment was canceled, or never committed: nothing may stay live in PRO for it
        const orphan = !(await existingFulfillments(app, [record.fulfillment_id!])).size
        await cancelRecord(app, record.id, { orphan })
        result.orphans += Number(orphan)
      }
    })
  }

  // fulfillments created before their PRO order existed: packed now (exactly once: the pack's claim and look-up)
  for (const fulfillment of await fulfillmentsWithoutRecords(app, since)) {
    await attempt(`fulfillment ${fulfillment.id}`, async () => {
      const input = await packInputFor(app, fulfillment.order_id, fulfillment.id)
      if (input) {
        await createFulfillmentConsignmentWorkflow(app).run({ input })
        result.fulfillments_retried += 1
      }
    })
  }

  // fulfillments created while PRO's answer was lost: their records may be synced now, by this pass or, since the
  // last one, by another process (the worker's `order.placed`, a retry from the admin)
  const synced = (await service.listSortedProConsignments(
    { sync_status: "synced", cancel_status: null, fulfillment_id: { $ne: null }, updated_at: { $gte: since } },
    { take: 1000, order: { updated_at: "DESC" } }
  )) as ConsignmentRecord[]
  for (const record of synced) {
    await attempt(`fulfillment ${record.fulfillment_id}`, async () => {
      result.fulfillments_finished += Number(await attachToFulfillment(app, record))
    })
  }

  // orphans: a packed consignment or return in PRO whose fulfillment never committed (checked once, past the lease)
  const window = { $gte: new Date(since.getTime() - ORPHAN_AGE_MS), $lt: new Date(started.getTime() - ORPHAN_AGE_MS) }
  const live = (await service.listSortedProConsignments(
    { sync_status: "synced", cancel_status: null, fulfillment_id: { $ne: null }, created_at: window },
    { take: 1000 }
  )) as ConsignmentRecord[]
  const candidates = live.filter(isFulfillmentWork)
  const present = await existingFulfillments(
    app,
    candidates.map((record) => record.fulfillment_id!)
  )
  for (const record of candidates.filter((candidate) => !present.has(candidate.fulfillment_id!))) {
    result.orphans += Number(await attempt(`orphan ${record.reference}`, () => cancelRecord(app, record.id, { orphan: true })))
  }

  await writeWatermark(service, started, seen, new Date(started.getTime() - grace))
  const [[, stillConsignments], [, stillOrders], [, parkedConsignments], [, parkedOrders]] = await Promise.all([
    service.listAndCountSortedProConsignments(open, { take: 1 }),
    service.listAndCountSortedProOrders(open, { take: 1 }),
    service.listAndCountSortedProConsignments({ ...open, attempts: { $gte: MAX_ATTEMPTS } }, { take: 1 }),
    service.listAndCountSortedProOrders({ ...open, attempts: { $gte: MAX_ATTEMPTS } }, { take: 1 }),
  ])
  result.still_open = stillConsignments + stillOrders
  result.parked = parkedConsignments + parkedOrders
  if (result.orders_retried || result.fulfillments_retried || result.cancels_finished || result.orphans) {
    logger.info(`SortedPRO reconcile: ${JSON.stringify(result)}`)
  }
  return new StepResponse(result)
})

/** Reconcile pass: {@link reconcileStep}. Run by the `sorted-pro-reconcile` job every 5 minutes. */
export const reconcileWorkflow = createWorkflow(
  "sorted-pro-reconcile",
  (input: { days?: number; grace_ms?: number }) => new WorkflowResponse(reconcileStep(input))
)
