/**
 * PRO consignment states (docs/pro-api.md §5 ConsignmentState) and the rules this plugin applies to them: the one
 * definition, used by the workflows, the admin routes (records carry server-computed `actions`) and the admin UI.
 */

/** §5 ConsignmentState, by name. */
export const CONSIGNMENT_STATES = [
  "Unallocated",
  "Allocating",
  "AllocationFailed",
  "Allocated",
  "Manifesting",
  "Manifested",
  "ManifestFailed",
  "Dispatched",
  "AtDropOffPoint",
  "Collected",
  "CollectionFailed",
  "InTransit",
  "Delayed",
  "OutForDelivery",
  "DeliveryFailed",
  "DeliveryFailedCardLeft",
  "Delivered",
  "PartiallyDelivered",
  "AtCollectionPoint",
  "ReturnToSender",
  "ActionRequired",
  "Missing",
  "Lost",
  "Damaged",
  "Cancelling",
  "Cancelled",
  "InTransitWaiting",
  "HeldByCarrier",
  "ExchangeFailed",
  "AtCustoms",
  "CarrierUnableToCollect",
  "DeliveredDamaged",
  "ReadyToShip",
] as const

export type ConsignmentState = (typeof CONSIGNMENT_STATES)[number]

/** The states staff filter the consignment list by, in the order of a consignment's life. */
export const LISTED_STATES = [
  "Unallocated",
  "AllocationFailed",
  "Allocated",
  "ReadyToShip",
  "Manifested",
  "ManifestFailed",
  "Collected",
  "InTransit",
  "Delivered",
  "Cancelled",
] as const satisfies readonly ConsignmentState[]

/**
 * What PRO lets us do in each state (docs/pro-api.md §3.7 Allocate, §3.9 Labels, §3.11 Manifest, §3.13 Deallocate,
 * §3.14 Cancel), and what the plugin does:
 * - `unallocated`: not (or no longer) allocated: Allocate is the next step;
 * - `allocated`: allocated and not yet manifested: can be re-allocated (Deallocate, then Allocate);
 * - `manifestable`: Manifest From Query moves it to `Manifested`;
 * - `deallocatable`: Deallocate Consignment accepts it;
 * - `cancellable`: Cancel Consignment accepts it (in `allocated` states PRO may refuse; we deallocate instead);
 * - `labelled`: a carrier label exists (allocated, and not yet delivered or cancelled);
 * - `movable`: its origin can still be changed with Update Consignment (after Deallocate when allocated).
 */
export const STATE_RULES = {
  unallocated: ["Unallocated", "AllocationFailed"],
  allocated: ["Allocated", "ReadyToShip", "ManifestFailed"],
  manifestable: ["Allocated", "ReadyToShip", "ManifestFailed"],
  deallocatable: ["Allocated", "ReadyToShip", "Manifested", "ManifestFailed"],
  cancellable: ["Unallocated", "AllocationFailed", "Allocated", "ReadyToShip", "ManifestFailed"],
  labelled: ["Allocated", "ReadyToShip", "Manifested", "ManifestFailed", "Collected", "InTransit", "OutForDelivery"],
  movable: ["Unallocated", "AllocationFailed", "Allocated"],
} as const satisfies Record<string, readonly ConsignmentState[]>

export type StateRule = keyof typeof STATE_RULES

/** True when `state` (a PRO state name, or null when unknown) is one of `rule`'s states. */
export function stateIs(state: string | null | undefined, rule: StateRule): boolean {
  return Boolean(state) && (STATE_RULES[rule] as readonly string[]).includes(state as string)
}

/** Which admin actions apply to one of our records (see {@link consignmentActions}). */
export interface ConsignmentActions {
  retry: boolean
  allocate: boolean
  reallocate: boolean
  labels: boolean
  manifest: boolean
  deallocate: boolean
  cancel: boolean
}

/**
 * The actions staff may take on a record, computed on the server and sent with every admin record:
 * - `retry` for a record pending or failed: one not in PRO yet is created there, one in PRO (EC- reference) whose
 *   allocation or move to its shipping location failed is finished;
 * - `allocate` for a consignment in PRO that is unallocated or allocated (re-allocation), and for one whose allocation
 *   never finished and whose state we do not know; `reallocate` says the allocation would replace one;
 * - labels, manifest, deallocate and cancel by PRO state, only for consignments in PRO.
 * A `replaced` record (a refused delivery choice that shipped as Order Flex) is finished: no retry.
 */
export function consignmentActions(record: { reference?: string | null; state?: string | null; sync_status?: string | null }): ConsignmentActions {
  const inPro = Boolean(record.reference)
  const state = record.state ?? null
  const unfinished = record.sync_status === "pending" || record.sync_status === "failed"
  return {
    retry: unfinished,
    allocate: inPro && (stateIs(state, "unallocated") || stateIs(state, "allocated") || (unfinished && !state)),
    reallocate: stateIs(state, "allocated"),
    labels: inPro && stateIs(state, "labelled"),
    manifest: inPro && stateIs(state, "manifestable"),
    deallocate: inPro && stateIs(state, "deallocatable"),
    cancel: inPro && stateIs(state, "cancellable"),
  }
}
