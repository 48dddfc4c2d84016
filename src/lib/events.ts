import { SORTED_PRO_EVENTS, SortedProEventData, SortedProEventName } from "../types/events"
import { stateIs, type ConsignmentState } from "./pro/states"

export { SORTED_PRO_EVENTS }
export type { SortedProEventData, SortedProEventName }

/** One event as Medusa's event bus takes it (`IEventBusModuleService.emit`). */
export interface SortedProMessage {
  name: SortedProEventName
  data: SortedProEventData
}

/**
 * How far along its way a consignment in each PRO state (docs/pro-api.md §5) is: 0 not allocated (or cancelled),
 * 1 allocated, 2 manifested (not yet collected), 3 shipped (left the warehouse: collected, in transit, and the
 * carrier's exceptions on the way), 4 delivered. An event fires when a record's milestone passes 1, 2, 3 or 4.
 */
export const MILESTONE = {
  Unallocated: 0,
  Allocating: 0,
  AllocationFailed: 0,
  Cancelling: 0,
  Cancelled: 0,
  Allocated: 1,
  ReadyToShip: 1,
  Manifesting: 1,
  ManifestFailed: 1,
  Manifested: 2,
  CollectionFailed: 2,
  CarrierUnableToCollect: 2,
  Dispatched: 3,
  AtDropOffPoint: 3,
  Collected: 3,
  InTransit: 3,
  InTransitWaiting: 3,
  Delayed: 3,
  AtCustoms: 3,
  HeldByCarrier: 3,
  OutForDelivery: 3,
  AtCollectionPoint: 3,
  DeliveryFailed: 3,
  DeliveryFailedCardLeft: 3,
  PartiallyDelivered: 3,
  ReturnToSender: 3,
  ActionRequired: 3,
  Missing: 3,
  Lost: 3,
  Damaged: 3,
  ExchangeFailed: 3,
  Delivered: 4,
  DeliveredDamaged: 4,
} as const satisfies Record<ConsignmentState, 0 | 1 | 2 | 3 | 4>

/** The fields of our consignment record (`sorted_pro_consignment`) the events are derived from and carry. */
export interface EventConsignment {
  id: string
  order_id: string
  fulfillment_id?: string | null
  reference?: string | null
  state?: string | null
  cancel_status?: string | null
  last_error?: unknown
  carrier_reference?: string | null
  carrier_service_reference?: string | null
  tracking_numbers?: string[] | null
}

/** The fields of our PRO order record (`sorted_pro_order`) the events are derived from and carry. */
export interface EventProOrder {
  id: string
  order_id: string
  reference?: string | null
}

/** What {@link consignmentEvents} reads from a record: the fields above, nothing else. */
export const EVENT_FIELDS = [
  "id",
  "order_id",
  "fulfillment_id",
  "reference",
  "state",
  "cancel_status",
  "last_error",
  "carrier_reference",
  "carrier_service_reference",
  "tracking_numbers",
] as const

const milestone = (record: EventConsignment | null | undefined) => MILESTONE[(record?.state ?? "") as ConsignmentState] ?? 0

const cancelled = (record: EventConsignment | null | undefined) =>
  Boolean(record?.reference) && (record!.state === "Cancelled" || record!.cancel_status === "done")

/**
 * PRO could not allocate the consignment: state `AllocationFailed`, or still unallocated with a refusal from PRO as its
 * last error (4xx other than 429; an outage is not a failure of the allocation).
 */
function allocationFailed(record: EventConsignment | null | undefined): boolean {
  if (!record?.reference || cancelled(record)) {
    return false
  }
  const status = (record.last_error as { status?: number } | null | undefined)?.status ?? 0
  return record.state === "AllocationFailed" || (stateIs(record.state, "unallocated") && status >= 400 && status < 500 && status !== 429)
}

/**
 * The events one committed change of a consignment record makes (`before` null for a new record), in the order of a
 * consignment's life. A change that repeats what the record already said (a retry, a late tracking event) makes none,
 * so each change is announced once however often it is written. Rules:
 * - `created`: the record got its PRO reference;
 * - `allocated`: its milestone ({@link MILESTONE}) reached 1 (first allocation, or again after a deallocation), or it
 *   stayed allocated on another carrier service (re-allocated);
 * - `allocation_failed`: it became unallocatable (see `allocationFailed` above);
 * - `manifested`, `shipped`, `delivered`: its milestone reached 2, 3, 4 (a jump announces each one passed);
 * - `cancelled`: state `Cancelled`, or our cancel finished (`cancel_status: "done"`) for a consignment in PRO.
 * Nothing is announced for a record without a PRO reference (nothing exists in PRO yet).
 */
export function consignmentEvents(before: EventConsignment | null | undefined, after: EventConsignment): SortedProEventName[] {
  if (!after.reference) {
    return []
  }
  const events: SortedProEventName[] = []
  const [from, to] = [before?.reference ? milestone(before) : 0, milestone(after)]
  const reached = (step: number) => from < step && to >= step
  if (!before?.reference) {
    events.push(SORTED_PRO_EVENTS.CONSIGNMENT_CREATED)
  }
  const reallocated =
    from === 1 && to === 1 && Boolean(before?.carrier_service_reference) && before!.carrier_service_reference !== after.carrier_service_reference
  if (reached(1) || reallocated) {
    events.push(SORTED_PRO_EVENTS.CONSIGNMENT_ALLOCATED)
  }
  if (!allocationFailed(before) && allocationFailed(after)) {
    events.push(SORTED_PRO_EVENTS.CONSIGNMENT_ALLOCATION_FAILED)
  }
  const progress: Array<[number, SortedProEventName]> = [
    [2, SORTED_PRO_EVENTS.CONSIGNMENT_MANIFESTED],
    [3, SORTED_PRO_EVENTS.CONSIGNMENT_SHIPPED],
    [4, SORTED_PRO_EVENTS.CONSIGNMENT_DELIVERED],
  ]
  events.push(...progress.filter(([step]) => reached(step)).map(([, name]) => name))
  if (!cancelled(before) && cancelled(after)) {
    events.push(SORTED_PRO_EVENTS.CONSIGNMENT_CANCELLED)
  }
  return events
}

/** The events one committed change of a PRO order record makes: `sorted-pro.order.created` when it got its EO- reference. */
export function proOrderEvents(before: EventProOrder | null | undefined, after: EventProOrder): SortedProEventName[] {
  return after.reference && !before?.reference ? [SORTED_PRO_EVENTS.ORDER_CREATED] : []
}

/** The payload of a consignment's events (see {@link SortedProEventData}). */
export function consignmentEventData(record: EventConsignment): SortedProEventData {
  return {
    id: record.id,
    reference: record.reference ?? "",
    order_id: record.order_id,
    fulfillment_id: record.fulfillment_id ?? null,
    state: record.state ?? null,
    carrier: record.carrier_reference ?? null,
    carrier_service: record.carrier_service_reference ?? null,
    tracking_numbers: [...(record.tracking_numbers ?? [])],
  }
}

/** The payload of `sorted-pro.order.created` (see {@link SortedProEventData}: no state, carrier or tracking). */
export function proOrderEventData(record: EventProOrder): SortedProEventData {
  return {
    id: record.id,
    reference: record.reference ?? "",
    order_id: record.order_id,
    fulfillment_id: null,
    state: null,
    carrier: null,
    carrier_service: null,
    tracking_numbers: [],
  }
}

/** The messages for one committed change of a consignment record (see {@link consignmentEvents}). */
export function consignmentMessages(before: EventConsignment | null | undefined, after: EventConsignment): SortedProMessage[] {
  return consignmentEvents(before, after).map((name) => ({ name, data: consignmentEventData(after) }))
}

/** The messages for one committed change of a PRO order record (see {@link proOrderEvents}). */
export function proOrderMessages(before: EventProOrder | null | undefined, after: EventProOrder): SortedProMessage[] {
  return proOrderEvents(before, after).map((name) => ({ name, data: proOrderEventData(after) }))
}
