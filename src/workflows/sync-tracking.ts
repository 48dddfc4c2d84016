import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderShipmentWorkflow, markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { toErrorRecord, type ConsignmentState } from "../lib/pro"
import type { FulfillmentForPro } from "../lib/mapping/orders"
import { resolveLogger } from "./steps/logger"
import { recordWriter } from "./steps/record-events"
import { EVENT_FIELDS, type EventConsignment } from "../lib/events"

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
/** States of a consignment still on its way (the records a pass follows). */
const OPEN_STATES = Object.keys(PROGRESS).filter((state) => PROGRESS[state] < DELIVERED)
/** Each window of state events starts this long before the last one ended: events PRO records late, clocks apart. */
const EVENTS_OVERLAP_MS = 10 * 60_000
/** An open consignment no state event named for this long is read on its own (what events cannot tell). */
const STALE_AFTER_MS = 6 * 60 * 60_000
/** Records looked up per query when matching events to our records. */
const CHUNK = 500

/** Outcome of one tracking pass: counts, for logs and the admin health panel. */
export interface TrackingSyncResult {
  /** Open consignments whose PRO state this pass learnt (from events or reads). */
  checked: number
  /** …of which from PRO's state events. */
  from_events: number
  /** Get Consignment calls made (one per consignment read on its own). */
  read: number
  moved: number
  shipped: number
  delivered: number
  failed: number
}

/** An open record as a pass reads it: what the tracking needs, and what its events are made of (`EVENT_FIELDS`). */
type OpenRecord = EventConsignment & { reference: string | null; fulfillment_id: string | null; state: string | null }
const FIELDS = [...EVENT_FIELDS]
const OPEN = { state: OPEN_STATES, reference: { $ne: null }, fulfillment_id: { $ne: null } }

/**
 * One tracking pass (docs/design.md `jobs/`): learns the PRO state of open consignments that have a Medusa fulfillment
 * and moves Medusa forward only — shipped or collected → a shipment with the tracking numbers (and our label URL,
 * which a shipment's labels would otherwise replace, Medusa #11160); delivered → the fulfillment is marked delivered.
 * A late event never moves a record back.
 *
 * The states come from PRO's state events since the last pass (docs/pro-api.md §3.15 `POST
 * /events/consignments/stateevents`, one call whatever the number of parcels in flight; the window starts
 * {@link EVENTS_OVERLAP_MS} before the last one ended, the first window at the oldest open record). Only what events
 * cannot tell is read per consignment (§3.12 Get Consignment), least recently tracked first, at most `limit`
 * (default 200) a pass: records no event named for {@link STALE_AFTER_MS}, or, when the events call fails, every open
 * record in turn (`tracked_at` is the cursor, so every one is visited). Failures are recorded on the consignment and
 * counted, never thrown. Stores `last_tracking_sync_at` and, after a full events window, `tracking_events_until`.
 */
export const syncTrackingStep = createStep("sorted-pro-sync-tracking", async (input: { limit?: number }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const logger = resolveLogger(container)
  const now = new Date()
  const result: TrackingSyncResult = { checked: 0, from_events: 0, read: 0, moved: 0, shipped: 0, delivered: 0, failed: 0 }
  const failedOn = async (record: OpenRecord, error: unknown) => {
    result.failed += 1
    const lastError = toErrorRecord(error)
    logger.warn(`SortedPRO tracking sync of ${record.reference} failed: ${lastError.message} CorrelationId=${lastError.correlation_id ?? "none"}`)
    await service.updateSortedProConsignments({ id: record.id, last_error: lastError, tracked_at: now })
  }

  const events = await readStateEvents(service, now)
  if (events.failure) {
    logger.warn(`SortedPRO tracking: state events unavailable (${events.failure}); reading consignments one by one`)
  }
  const fromEvents: Learnt[] = []
  const named = [...events.states.keys()]
  for (let start = 0; start < named.length; start += CHUNK) {
    const records = await service.listSortedProConsignments({ ...OPEN, reference: named.slice(start, start + CHUNK) }, { select: FIELDS })
    fromEvents.push(...(records as OpenRecord[]).map((record) => ({ record, state: events.states.get(record.reference!)! })))
  }
  result.from_events = fromEvents.length
  await apply(container, fromEvents, now, result, failedOn)

  // what events cannot tell: records they have not named for a while (all of them, in turn, when events failed)
  const staleBefore = events.failure ? now : new Date(now.getTime() - STALE_AFTER_MS)
  const fromReads: Learnt[] = []
  for (const record of await leastRecentlyTracked(service, staleBefore, input.limit ?? 200)) {
    result.read += 1
    try {
      fromReads.push({ record, state: (await service.getClient().consignments.get(record.reference!)).ConsignmentState })
    } catch (error) {
      await failedOn(record, error)
    }
  }
  await apply(container, fromReads, now, result, failedOn)
  result.checked = fromEvents.length + fromReads.length
  await service.saveSettings({ last_tracking_sync_at: now, ...(events.failure ? {} : { tracking_events_until: now }) })
  return new StepResponse(result)
})

type Learnt = { record: OpenRecord; state: string }

/**
 * Applies learnt PRO states that are not behind our record: Medusa gets what it lacks ({@link moveMedusaForward}: our
 * record may already say Manifested, from the manifest route, while Medusa has no shipment yet) and a changed state is
 * stored and announced, a few statements for all (`recordWriter.moveConsignmentStates`: manifested, shipped,
 * delivered; docs/events.md). Every record gets `tracked_at = now` (those with nothing to do in bulk). A late state
 * never moves a record back.
 */
async function apply(
  container: MedusaContainer,
  learnt: Learnt[],
  now: Date,
  result: TrackingSyncResult,
  failedOn: (record: OpenRecord, error: unknown) => Promise<void>
): Promise<void> {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const writer = recordWriter(container)
  const rank = (state: string | null) => PROGRESS[state ?? ""] ?? 0
  const current = learnt.filter(({ record, state }) => PROGRESS[state] !== undefined && rank(state) >= rank(record.state))
  const fulfillments = await fulfillmentsById(
    container,
    current.filter(({ state }) => rank(state) >= SHIPPED).map(({ record }) => record.fulfillment_id!)
  )
  const done = new Set<Learnt>()
  const writes: Learnt[] = []
  for (const entry of current) {
    const { record, state } = entry
    const fulfillment = rank(state) >= SHIPPED ? fulfillments.get(record.fulfillment_id!) : undefined
    const medusaBehind = !!fulfillment && (!fulfillment.shipped_at || (rank(state) >= DELIVERED && !fulfillment.delivered_at))
    if (!medusaBehind && state === record.state) {
      continue
    }
    done.add(entry)
    try {
      await moveMedusaForward(container, record, rank(state), fulfillment, result)
      writes.push(entry)
    } catch (error) {
      await failedOn(record, error)
    }
  }
  // the states, in a few statements (one per 500), announced once written
  const byId = new Map(writes.map((entry) => [entry.record.id, entry]))
  const outcome = await writer.moveConsignmentStates(
    writes.map(({ record, state }) => ({ before: record, state })),
    now
  )
  result.moved += outcome.written.filter((id) => byId.get(id)!.state !== byId.get(id)!.record.state).length
  for (const { id, error } of outcome.failed) {
    await failedOn(byId.get(id)!.record, error)
  }
  const untouched = learnt.filter((entry) => !done.has(entry)).map(({ record }) => record.id)
  for (let start = 0; start < untouched.length; start += CHUNK) {
    await service.updateSortedProConsignments({ selector: { id: untouched.slice(start, start + CHUNK) }, data: { tracked_at: now } })
  }
}

/**
 * PRO's state events in `[cursor − overlap, now]` (docs/pro-api.md §3.15), as the most advanced state per consignment
 * reference (a consignment may appear once per state it reached or once with its current state: either reading gives
 * the same answer). Nothing to read before the first open record. `failure` is the error message when PRO did not answer.
 */
async function readStateEvents(service: SortedProModuleService, now: Date): Promise<{ states: Map<string, string>; failure?: string }> {
  const states = new Map<string, string>()
  const { tracking_events_until: until } = await service.getSettings()
  let start = until ? new Date(new Date(until).getTime() - EVENTS_OVERLAP_MS) : null
  if (!start) {
    const [oldest] = await service.listSortedProConsignments(OPEN, { select: ["id", "created_at"], order: { created_at: "ASC" }, take: 1 })
    if (!oldest) {
      return { states }
    }
    start = new Date(new Date(oldest.created_at).getTime() - EVENTS_OVERLAP_MS)
  }
  if (start > now) {
    start = now // our clock went back since the last pass
  }
  try {
    const events = await service.getClient().tracking.stateEvents(Object.keys(PROGRESS) as ConsignmentState[], start, now)
    for (const event of events ?? []) {
      const known = states.get(event.ConsignmentReference)
      if (PROGRESS[event.ConsignmentState] !== undefined && (!known || PROGRESS[event.ConsignmentState] > PROGRESS[known])) {
        states.set(event.ConsignmentReference, event.ConsignmentState)
      }
    }
    return { states }
  } catch (error) {
    const failure = toErrorRecord(error)
    return { states: new Map(), failure: `${failure.message} CorrelationId=${failure.correlation_id ?? "none"}` }
  }
}

/** Up to `limit` open records last tracked (or, never tracked, created) before `before`: never tracked first, then least recently tracked. */
async function leastRecentlyTracked(service: SortedProModuleService, before: Date, limit: number): Promise<OpenRecord[]> {
  const never = await service.listSortedProConsignments(
    { ...OPEN, tracked_at: null, created_at: { $lt: before } },
    { select: FIELDS, order: { created_at: "ASC" }, take: limit }
  )
  const rest =
    never.length < limit
      ? await service.listSortedProConsignments(
          { ...OPEN, tracked_at: { $lt: before } },
          { select: FIELDS, order: { tracked_at: "ASC" }, take: limit - never.length }
        )
      : []
  return [...never, ...rest] as OpenRecord[]
}

const FULFILLMENT_FIELDS = ["id", "shipped_at", "delivered_at", "canceled_at", "items.line_item_id", "items.quantity", "labels.*"]

/** The fulfillments with these ids that are not canceled, by id (one Query call per {@link CHUNK}). */
async function fulfillmentsById(container: MedusaContainer, ids: string[]): Promise<Map<string, FulfillmentForPro>> {
  const found = new Map<string, FulfillmentForPro>()
  for (let start = 0; start < ids.length; start += CHUNK) {
    const { data } = await container
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "fulfillment", fields: FULFILLMENT_FIELDS, filters: { id: ids.slice(start, start + CHUNK) } })
    for (const fulfillment of data as FulfillmentForPro[]) {
      if (!fulfillment.canceled_at) {
        found.set(fulfillment.id, fulfillment)
      }
    }
  }
  return found
}

/** Gives Medusa the shipment (rank ≥ shipped) and the delivery (rank delivered) it does not have yet; counts them. */
async function moveMedusaForward(
  container: MedusaContainer,
  record: OpenRecord,
  rank: number,
  fulfillment: FulfillmentForPro | undefined,
  result: TrackingSyncResult
): Promise<void> {
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
}

/** Tracking sync: {@link syncTrackingStep}. Run by the `sorted-pro-sync-tracking` job. */
export const syncTrackingWorkflow = createWorkflow(
  "sorted-pro-sync-tracking",
  (input: { limit?: number }) => new WorkflowResponse(syncTrackingStep(input))
)
