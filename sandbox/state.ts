/**
 * In-memory PRO state: consignments and their life cycle, delivery/pickup options, orders, quotes
 * and manifests, plus the JSON views PRO returns for them.
 *
 * Life cycle (docs/pro-api.md §3.7, §3.11, §3.13, §5):
 *   Unallocated ⇄ AllocationFailed → Allocated ⇄ ReadyToShip → Manifested → (tracking: Collected,
 *   InTransit, OutForDelivery, [AtCollectionPoint,] Delivered); Cancelled is terminal and reachable
 *   from every state before Manifested; deallocation returns Allocated/ReadyToShip/Manifested (until
 *   collected)/ManifestFailed to Unallocated.
 */
import { isoLondon, LocalDay } from "./clock"
import type { DeliveryPromise } from "./availability"
import { carrierOf, CarrierService, Carrier, ServiceGroup } from "./catalogue"
import { badRequest, notFound } from "./errors"
import { PackageInput, ShipmentRequest, WireItem } from "./model"
import { RefGenerator } from "./refs"
import { eventsSoFar, trackingTimeline, TrackingEvent } from "./tracking"
import type { StoredQuote } from "./routes/allocation"
import type { StoredOption } from "./routes/options"
import type { Order } from "./routes/orders"

export * from "./views"
import { recipientName } from "./views"

/** Where a pickup consignment is collected (§4 `LocationInformation`). */
export interface LocationInformation {
  ShopReference: string
  ReservationReference: string | null
}

/** A failed allocation attempt (§3.7 `FailedAllocation`). */
export interface FailedAllocation {
  CarrierServiceGroupReference: string | null
  MpdCarrierServiceGroupName: string | null
  MpdCarrierServiceReference: string | null
  MpdCarrierServiceName: string | null
  AttemptedAllocationDate: string
  Message: string
}

/** A manifest call's record, as listed by `/consignments/customer/manifests`. */
export interface ManifestRecord {
  ManifestReference: string
  DateCreated: string
  ConsignmentReferences: string[]
  ShippingLocationReferences: string[]
  CarrierReferences: string[]
}

/** States a consignment is stored in; tracking states after Manifested are derived (see {@link Store.stateOf}). */
export type StoredState = "Unallocated" | "AllocationFailed" | "Allocated" | "ReadyToShip" | "Manifested" | "ManifestFailed" | "Cancelled"

/** A package of a stored consignment. */
export interface StoredPackage {
  Reference: string
  input: PackageInput
  items: WireItem[]
  trackingReference: string | null
}

/** The allocation of a consignment to a service. */
export interface AllocationRecord {
  service: CarrierService
  group: ServiceGroup | null
  at: Date
  net: number
  shipDay: LocalDay
  deliveryDay: LocalDay
}

/** Event types of `POST /events/consignments` (§3.15). */
export type ConsignmentEventType =
  "ConsignmentCreated" | "ConsignmentUpdated" | "LabelsPrinted" | "PackageAdded" | "PackageRemoved" | "PackageUpdated" | "Rescheduled"

/** A stored consignment. */
export interface Consignment {
  Reference: string
  req: ShipmentRequest
  state: StoredState
  dateCreated: Date
  packages: StoredPackage[]
  allocation: AllocationRecord | null
  failedAllocation: FailedAllocation | null
  labelCount: number
  labelsFirstPrinted: Date | null
  manifest: { reference: string; at: Date } | null
  /** Stored-state transitions, oldest first (tracking transitions are derived from the timeline). */
  history: { state: string; at: Date }[]
  events: { type: ConsignmentEventType; at: Date }[]
  orderReference: string | null
  deliveryOptionReference: string | null
  locationInformation: LocationInformation | null
}

/** States from which each action is allowed. */
export const ALLOWED: Record<string, readonly StoredState[]> = {
  allocate: ["Unallocated", "AllocationFailed"],
  manifest: ["Allocated", "ManifestFailed", "ReadyToShip"],
  cancel: ["Unallocated", "AllocationFailed", "Allocated", "ReadyToShip", "ManifestFailed"],
  deallocate: ["Allocated", "ReadyToShip", "Manifested", "ManifestFailed"],
  labels: ["Allocated", "ReadyToShip", "Manifested", "ManifestFailed"],
  update: ["Unallocated", "AllocationFailed"],
  setReadyToShip: ["Allocated"],
  setNotReadyToShip: ["ReadyToShip"],
}

/** Central store of one sandbox. All methods take the current sandbox time explicitly. */
/**
 * Rules the sandbox picked where no PRO guide says what happens (sandbox/README.md "Decisions", marked **(sandbox's own
 * choice)**), each on by default. Tests switch them off to show the plugin does not depend on them.
 */
export interface OwnRules {
  /** A delivery or pickup option can no longer be selected or reserved at or after its `AllocationCutOff`. */
  expireAtCutOff: boolean
  /** Selecting an option that was already selected (as a consignment or an order) is refused instead of done again. */
  refuseSecondSelect: boolean
}

export class Store {
  /** The sandbox's own rules in force (see {@link OwnRules}); kept across `reset()`. */
  rules: OwnRules = { expireAtCutOff: true, refuseSecondSelect: true }
  readonly consignments = new Map<string, Consignment>()
  readonly options = new Map<string, StoredOption>()
  readonly orders = new Map<string, Order>()
  readonly quotes = new Map<string, StoredQuote>()
  readonly manifests = new Map<string, ManifestRecord>()
  readonly customerReference: string

  constructor(readonly refs: RefGenerator) {
    this.customerReference = refs.fixedGuid("customer")
  }

  /** Forgets everything and restarts reference counters. */
  reset(): void {
    for (const map of [this.consignments, this.options, this.orders, this.quotes, this.manifests]) {
      map.clear()
    }
    this.refs.reset()
  }

  /** Creates an Unallocated consignment from a validated request (§3.1). */
  createConsignment(
    req: ShipmentRequest,
    now: Date,
    extra: Partial<Pick<Consignment, "orderReference" | "deliveryOptionReference">> = {}
  ): Consignment {
    const consignment: Consignment = {
      Reference: this.refs.reference("EC"),
      req,
      state: "Unallocated",
      dateCreated: now,
      packages: req.Packages.map((packageInput) => this.newPackage(packageInput)),
      allocation: null,
      failedAllocation: null,
      labelCount: 0,
      labelsFirstPrinted: null,
      manifest: null,
      history: [{ state: "Unallocated", at: now }],
      events: [{ type: "ConsignmentCreated", at: now }],
      orderReference: extra.orderReference ?? null,
      deliveryOptionReference: extra.deliveryOptionReference ?? null,
      locationInformation: null,
    }
    this.consignments.set(consignment.Reference, consignment)
    return consignment
  }

  /** A stored package with a fresh `EP-` reference; items get `EI-` references. */
  newPackage(packageInput: PackageInput): StoredPackage {
    return {
      Reference: this.refs.reference("EP"),
      input: packageInput,
      items: packageInput.Items.map((i) => ({ ...i, Reference: i.Reference ?? this.refs.reference("EI") })),
      trackingReference: null,
    }
  }

  /** Consignment by reference (case-insensitive). Throws 404 `NotFound` (§1). */
  get(reference: string): Consignment {
    const consignment = this.consignments.get(reference.toUpperCase())
    if (!consignment) {
      throw notFound("Consignment", reference)
    }
    return consignment
  }

  /** Current state, deriving post-manifest tracking states from the timeline at `now` (§3.14). */
  stateOf(consignment: Consignment, now: Date): string {
    if (consignment.state !== "Manifested") {
      return consignment.state
    }
    const happened = eventsSoFar(this.timeline(consignment), now)
    return happened.length ? happened[happened.length - 1].state : "Manifested"
  }

  /** Tracking timeline of a manifested consignment ([] before manifest). */
  timeline(consignment: Consignment): TrackingEvent[] {
    if (!consignment.manifest || !consignment.allocation) {
      return []
    }
    const dest = consignment.req.destination
    return trackingTimeline({
      manifestedAt: consignment.manifest.at,
      service: consignment.allocation.service,
      zone: consignment.req.zone,
      shipDay: consignment.allocation.shipDay,
      deliveryDay: consignment.allocation.deliveryDay,
      originTown: consignment.req.origin.Town,
      destinationTown: dest.Town || dest.Postcode,
      recipientName: recipientName(dest),
    })
  }

  /**
   * Throws 400 unless the consignment's current state allows `action` (see {@link ALLOWED}).
   * Codes: `AlreadyCancelled` for any action on a cancelled consignment, `AlreadyAllocated` when
   * allocating an allocated one, else `InvalidConsignmentState`.
   */
  assertCan(consignment: Consignment, action: keyof typeof ALLOWED, now: Date): void {
    const state = this.stateOf(consignment, now)
    if ((ALLOWED[action] as readonly string[]).includes(state)) {
      return
    }
    const code =
      state === "Cancelled"
        ? "AlreadyCancelled"
        : action === "allocate" && ["Allocated", "ReadyToShip"].includes(state)
          ? "AlreadyAllocated"
          : "InvalidConsignmentState"
    throw badRequest(
      code,
      `Consignment ${consignment.Reference} is in state ${state}; cannot ${ACTION_WORDS[action]} (allowed from: ${ALLOWED[action].join(", ")})`,
      "ConsignmentReference"
    )
  }

  /** Moves a consignment to a stored state and records the transition. */
  transition(consignment: Consignment, state: StoredState, now: Date): void {
    consignment.state = state
    consignment.history.push({ state, at: now })
  }

  /**
   * Allocates to the given promise (service + days): state Allocated, one tracking number per
   * package in the carrier's format. Caller has checked {@link assertCan}(…, "allocate").
   */
  allocate(consignment: Consignment, promise: DeliveryPromise, group: ServiceGroup | null, now: Date): void {
    const carrier = carrierOf(promise.service)
    for (const storedPackage of consignment.packages) {
      storedPackage.trackingReference = this.trackingNumber(carrier)
    }
    consignment.allocation = {
      service: promise.service,
      group,
      at: now,
      net: promise.net,
      shipDay: promise.shipDay,
      deliveryDay: promise.deliveryDay,
    }
    consignment.failedAllocation = null
    this.transition(consignment, "Allocated", now)
  }

  /** Records a failed allocation attempt (§3.7 `FailedAllocation`), state AllocationFailed. */
  failAllocation(consignment: Consignment, message: string, group: ServiceGroup | null, service: CarrierService | null, now: Date): void {
    consignment.failedAllocation = {
      CarrierServiceGroupReference: group?.Reference ?? null,
      MpdCarrierServiceGroupName: group?.Name ?? null,
      MpdCarrierServiceReference: service?.Reference ?? null,
      MpdCarrierServiceName: service?.Name ?? null,
      AttemptedAllocationDate: isoLondon(now),
      Message: message,
    }
    this.transition(consignment, "AllocationFailed", now)
  }

  /** Clears allocation, tracking numbers and manifest; back to Unallocated (§3.13). */
  deallocate(consignment: Consignment, now: Date): void {
    consignment.allocation = null
    consignment.manifest = null
    for (const storedPackage of consignment.packages) {
      storedPackage.trackingReference = null
    }
    this.transition(consignment, "Unallocated", now)
  }

  /** Records a label print: `LabelsPrinted`, `LabelCount` (+1 per package label), first print date. */
  recordLabels(consignment: Consignment, labels: number, now: Date): void {
    consignment.labelCount += labels
    consignment.labelsFirstPrinted ??= now
    consignment.events.push({ type: "LabelsPrinted", at: now })
  }

  /** Next tracking number of a carrier, in its format, e.g. `TRK00000001`, `SP000000001GB`. */
  trackingNumber(carrier: Carrier): string {
    const serial = String(this.refs.next(`trk:${carrier.Reference}`)).padStart(carrier.tracking.digits, "0")
    return `${carrier.tracking.prefix}${serial}${carrier.tracking.suffix ?? ""}`
  }

  /** Consignments in creation order. */
  all(): Consignment[] {
    return [...this.consignments.values()]
  }
}

const ACTION_WORDS: Record<string, string> = {
  allocate: "allocate it",
  manifest: "manifest it",
  cancel: "cancel it",
  deallocate: "deallocate it",
  labels: "produce labels",
  update: "update it",
  setReadyToShip: "set it ready to ship",
  setNotReadyToShip: "set it not ready to ship",
}

/** 400 naming the offending reference when a bulk body is not a string array. */
export function referenceList(raw: unknown, target: string): string[] {
  const list = Array.isArray(raw) ? raw : undefined
  if (!list || !list.every((r) => typeof r === "string" && r.trim())) {
    throw badRequest("ValidationFailed", `${target} must be a non-empty array of consignment references`, target)
  }
  if (!list.length) {
    throw badRequest("ValidationFailed", `${target} must contain at least one reference`, target)
  }
  return list.map((r) => r.trim())
}
