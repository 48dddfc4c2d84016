/**
 * In-memory PRO state: consignments and their life cycle, delivery/pickup options, orders, quotes
 * and manifests, plus the JSON views PRO returns for them.
 *
 * Life cycle (CONTRACT.md §3.7, §3.11, §3.13, §5):
 *   Unallocated ⇄ AllocationFailed → Allocated ⇄ ReadyToShip → Manifested → (tracking: Collected,
 *   InTransit, OutForDelivery, [AtCollectionPoint,] Delivered); Cancelled is terminal and reachable
 *   from every state before Manifested; deallocation returns Allocated/ReadyToShip/Manifested (until
 *   collected)/ManifestFailed to Unallocated.
 */
import { describeShippingDay, isoDateOnly, isoLondon, LocalDay } from "./clock"
import { deliveryBounds, DeliveryPromise, rate } from "./availability"
import { carrierOf, CarrierService, Carrier, findCarrier, ServiceGroup } from "./catalogue"
import { badRequest, notFound } from "./errors"
import { Json, PackageInput, ShipmentRequest, totals, WireContact, WireItem, wirePackage } from "./model"
import { RefGenerator } from "./refs"
import { eventsSoFar, trackingTimeline, TrackingEvent } from "./tracking"
import type { StoredQuote } from "./routes/allocation"
import type { StoredOption } from "./routes/options"
import type { Order } from "./routes/orders"

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
  locationInformation: { ShopReference: string; ReservationReference: string | null } | null
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
export class Store {
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
    for (const m of [this.consignments, this.options, this.orders, this.quotes, this.manifests]) {
      m.clear()
    }
    this.refs.reset()
  }

  /** Creates an Unallocated consignment from a validated request (§3.1). */
  createConsignment(
    req: ShipmentRequest,
    now: Date,
    extra: Partial<Pick<Consignment, "orderReference" | "deliveryOptionReference">> = {}
  ): Consignment {
    const c: Consignment = {
      Reference: this.refs.reference("EC"),
      req,
      state: "Unallocated",
      dateCreated: now,
      packages: req.Packages.map((p) => this.newPackage(p)),
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
    this.consignments.set(c.Reference, c)
    return c
  }

  /** A stored package with a fresh `EP-` reference; items get `EI-` references. */
  newPackage(p: PackageInput): StoredPackage {
    return {
      Reference: this.refs.reference("EP"),
      input: p,
      items: p.Items.map((i) => ({ ...i, Reference: i.Reference ?? this.refs.reference("EI") })),
      trackingReference: null,
    }
  }

  /** Consignment by reference (case-insensitive). Throws 404 `NotFound` (§1). */
  get(reference: string): Consignment {
    const c = this.consignments.get(reference.toUpperCase())
    if (!c) {
      throw notFound("Consignment", reference)
    }
    return c
  }

  /** Current state, deriving post-manifest tracking states from the timeline at `now` (§3.14). */
  stateOf(c: Consignment, now: Date): string {
    if (c.state !== "Manifested") {
      return c.state
    }
    const happened = eventsSoFar(this.timeline(c), now)
    return happened.length ? happened[happened.length - 1].state : "Manifested"
  }

  /** Tracking timeline of a manifested consignment ([] before manifest). */
  timeline(c: Consignment): TrackingEvent[] {
    if (!c.manifest || !c.allocation) {
      return []
    }
    const dest = c.req.destination
    return trackingTimeline({
      manifestedAt: c.manifest.at,
      service: c.allocation.service,
      zone: c.req.zone,
      shipDay: c.allocation.shipDay,
      deliveryDay: c.allocation.deliveryDay,
      originTown: c.req.origin.Town,
      destinationTown: dest.Town || dest.Postcode,
      recipientName: recipientName(dest),
    })
  }

  /**
   * Throws 400 unless the consignment's current state allows `action` (see {@link ALLOWED}).
   * Codes: `AlreadyCancelled` for any action on a cancelled consignment, `AlreadyAllocated` when
   * allocating an allocated one, else `InvalidConsignmentState`.
   */
  assertCan(c: Consignment, action: keyof typeof ALLOWED, now: Date): void {
    const state = this.stateOf(c, now)
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
      `Consignment ${c.Reference} is in state ${state}; cannot ${ACTION_WORDS[action]} (allowed from: ${ALLOWED[action].join(", ")})`,
      "ConsignmentReference"
    )
  }

  /** Moves a consignment to a stored state and records the transition. */
  transition(c: Consignment, state: StoredState, now: Date): void {
    c.state = state
    c.history.push({ state, at: now })
  }

  /**
   * Allocates to the given promise (service + days): state Allocated, one tracking number per
   * package in the carrier's format. Caller has checked {@link assertCan}(…, "allocate").
   */
  allocate(c: Consignment, promise: DeliveryPromise, group: ServiceGroup | null, now: Date): void {
    const carrier = carrierOf(promise.service)
    for (const p of c.packages) {
      p.trackingReference = this.trackingNumber(carrier)
    }
    c.allocation = { service: promise.service, group, at: now, net: promise.net, shipDay: promise.shipDay, deliveryDay: promise.deliveryDay }
    c.failedAllocation = null
    this.transition(c, "Allocated", now)
  }

  /** Records a failed allocation attempt (§3.7 `FailedAllocation`), state AllocationFailed. */
  failAllocation(c: Consignment, message: string, group: ServiceGroup | null, service: CarrierService | null, now: Date): void {
    c.failedAllocation = {
      CarrierServiceGroupReference: group?.Reference ?? null,
      MpdCarrierServiceGroupName: group?.Name ?? null,
      MpdCarrierServiceReference: service?.Reference ?? null,
      MpdCarrierServiceName: service?.Name ?? null,
      AttemptedAllocationDate: isoLondon(now),
      Message: message,
    }
    this.transition(c, "AllocationFailed", now)
  }

  /** Clears allocation, tracking numbers and manifest; back to Unallocated (§3.13). */
  deallocate(c: Consignment, now: Date): void {
    c.allocation = null
    c.manifest = null
    for (const p of c.packages) {
      p.trackingReference = null
    }
    this.transition(c, "Unallocated", now)
  }

  /** Records a label print: `LabelsPrinted`, `LabelCount` (+1 per package label), first print date. */
  recordLabels(c: Consignment, labels: number, now: Date): void {
    c.labelCount += labels
    c.labelsFirstPrinted ??= now
    c.events.push({ type: "LabelsPrinted", at: now })
  }

  /** Next tracking number of a carrier, in its format, e.g. `TRK00000001`, `SP000000001GB`. */
  trackingNumber(carrier: Carrier): string {
    const n = String(this.refs.next(`trk:${carrier.Reference}`)).padStart(carrier.tracking.digits, "0")
    return `${carrier.tracking.prefix}${n}${carrier.tracking.suffix ?? ""}`
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

function recipientName(a: { Contact: WireContact | null; CompanyName: string | null }): string {
  const c = a.Contact
  const name = c ? [c.FirstName?.[0] ? `${c.FirstName[0]}.` : "", c.LastName ?? ""].join(" ").trim() : ""
  return name || a.CompanyName || "Recipient"
}

/** `{Rel, Href}` link (§1 ApiLink). */
export function link(rel: string, href: string): { Rel: string; Href: string } {
  return { Rel: rel, Href: href }
}

/**
 * AllocationSummary (§3.4/§3.7) of an allocated consignment, or the failure variant
 * (`StatusCode` 400, `Description` = failure message, no carrier fields) for AllocationFailed.
 */
export function allocationSummary(c: Consignment, baseUrl: string): Json {
  const detail = link("detail", `${baseUrl}/consignments/${c.Reference}`)
  if (!c.allocation) {
    return {
      StatusCode: 400,
      ApiLinks: [detail],
      Description: c.failedAllocation?.Message ?? `Consignment ${c.Reference} is not allocated`,
      ConsignmentLegs: [],
      CarrierReference: null,
      CarrierName: null,
      CarrierServiceReference: null,
      CarrierServiceName: null,
    }
  }
  const { service, shipDay } = c.allocation
  const carrier = carrierOf(service)
  return {
    StatusCode: 200,
    ApiLinks: [detail, link("label", `${baseUrl}/labels/${c.Reference}`)],
    Description: `Consignment ${c.Reference} has been successfully allocated with ${carrier.Name} ${service.Name} for shipping on ${describeShippingDay(shipDay)}`,
    ConsignmentLegs: [
      consignmentLeg(
        c,
        c.packages.map((p) => p.trackingReference!)
      ),
    ],
    CarrierReference: carrier.Reference,
    CarrierName: carrier.Name,
    CarrierServiceReference: service.Reference,
    CarrierServiceName: service.Name,
  }
}

function consignmentLeg(c: Consignment, tracking: string[]): Json {
  const carrier = carrierOf(c.allocation!.service)
  return { Leg: 1, TrackingReferences: tracking, CarrierReference: carrier.Reference, CarrierServiceReference: null, CarrierName: carrier.Name }
}

/** Full consignment JSON (§3.12 "Get Consignment", every key of the example plus §4 extras). */
export function consignmentJson(store: Store, c: Consignment, now: Date): Json {
  const a = c.allocation
  const bounds = a ? deliveryBounds({ service: a.service, deliveryDay: a.deliveryDay }) : null
  const happened = eventsSoFar(store.timeline(c), now)
  const at = (state: string) => happened.find((e) => e.state === state)?.at
  const delivered = at("Delivered")
  const t = totals(c.req.Packages)
  return {
    ConsignmentLegs: a
      ? [
          consignmentLeg(
            c,
            c.packages.map((p) => p.trackingReference!)
          ),
        ]
      : [],
    CollectionDate: a ? isoDateOnly(a.shipDay) : null,
    DateDelivered: iso(delivered),
    FirstAttemptedDeliveryDate: iso(delivered),
    DateReturned: null,
    DateShipped: iso(at("Collected")),
    DateCollected: iso(at("Collected")),
    AttemptedDeliveryDate: iso(delivered),
    MetaData: c.req.MetaData,
    Allocation: a
      ? {
          CarrierServiceGroupReference: a.group?.Reference ?? null,
          MpdCarrierServiceGroupName: a.group?.Name ?? null,
          MpdCarrierServiceReference: a.service.Reference,
          MpdCarrierServiceName: a.service.Name,
          AllocationDate: isoLondon(a.at),
          Price: rate(a.net, c.req.zone),
        }
      : null,
    FailedAllocation: c.failedAllocation,
    Source: c.req.Source,
    LabelCount: c.labelCount,
    LabelsPrinted: c.labelCount > 0,
    DateLabelsWereFirstPrinted: iso(c.labelsFirstPrinted ?? undefined),
    IsLate: !!(bounds && ((delivered && delivered > bounds.latest) || (!delivered && now > bounds.latest && c.state === "Manifested"))),
    LateForCustomer: false,
    CustomerReference: store.customerReference,
    Weight: { Value: t.weightKg, Unit: "Kg" },
    Value: t.value,
    CustomsDocumentation: c.req.CustomsDocumentation,
    Direction: c.req.Direction,
    Tags: c.req.Tags,
    Reference: c.Reference,
    ConsignmentState: store.stateOf(c, now),
    DateCreated: isoLondon(c.dateCreated),
    ShippingDate: a ? isoDateOnly(a.shipDay) : c.req.ShippingDay ? isoDateOnly(c.req.ShippingDay) : null,
    RequestedDeliveryDate: c.req.DeliveryDay ? isoDateOnly(c.req.DeliveryDay) : null,
    EarliestDeliveryDate: bounds ? isoLondon(bounds.earliest) : null,
    LatestDeliveryDate: bounds ? isoLondon(bounds.latest) : null,
    ConsignmentReferenceProvidedByCustomer: c.req.ConsignmentReferenceProvidedByCustomer,
    Addresses: c.req.Addresses,
    Packages: c.packages.map((p) => ({
      ConsignmentLegs: a && p.trackingReference ? [consignmentLeg(c, [p.trackingReference])] : [],
      Items: p.items,
      Charges: [],
      Reference: p.Reference,
      ...wirePackage(p.input),
    })),
    IsUnAllocated: !a,
    LocationInformation: c.locationInformation,
    ManifestReference: c.manifest?.reference ?? null,
    OrderReference: c.orderReference,
  }
}

/** ConsignmentStatusResponse (§3.12 second example). */
export function statusJson(store: Store, c: Consignment, now: Date, baseUrl: string): Json {
  const a = c.allocation
  return {
    ConsignmentReferenceForAllLegsAssignedByMpd: c.Reference,
    Status: store.stateOf(c, now),
    ExpectedDeliveryDate: a ? isoLondon(deliveryBounds({ service: a.service, deliveryDay: a.deliveryDay }).latest) : null,
    ApiLink: link("Link", `${baseUrl}/consignments/${c.Reference}`),
  }
}

/** One `ConsignmentSummaries` entry of Search Consignments (§2; keys chosen per README). */
export function consignmentSummary(store: Store, c: Consignment, now: Date): Json {
  const a = c.allocation
  const carrier = a ? carrierOf(a.service) : null
  return {
    Reference: c.Reference,
    ConsignmentReferenceProvidedByCustomer: c.req.ConsignmentReferenceProvidedByCustomer,
    ConsignmentState: store.stateOf(c, now),
    CarrierReference: carrier?.Reference ?? null,
    CarrierName: carrier?.Name ?? null,
    CarrierServiceReference: a?.service.Reference ?? null,
    CarrierServiceName: a?.service.Name ?? null,
    ShippingLocationReference: shippingLocationOf(c),
    ShippingDate: a ? isoDateOnly(a.shipDay) : c.req.ShippingDay ? isoDateOnly(c.req.ShippingDay) : null,
    DateCreated: isoLondon(c.dateCreated),
    Direction: c.req.Direction,
    LabelsPrinted: c.labelCount > 0,
    TrackingReferences: c.packages.map((p) => p.trackingReference).filter(Boolean),
    FailedAllocationMessage: c.failedAllocation?.Message ?? null,
    DestinationPostcode: c.req.destination.Postcode,
    DestinationCountryIsoCode: c.req.destination.Country.IsoCode.TwoLetterCode,
  }
}

/** Shipping location of a consignment: the origin's for outbound, the destination's for inbound, else the other one. */
export function shippingLocationOf(c: Consignment): string | null {
  const [first, second] = c.req.Direction === "Inbound" ? [c.req.destination, c.req.origin] : [c.req.origin, c.req.destination]
  return first.ShippingLocationReference ?? second.ShippingLocationReference ?? null
}

/** Carrier reference a consignment is allocated to, if any. */
export function carrierReferenceOf(c: Consignment): string | null {
  return c.allocation ? findCarrier(c.allocation.service.CarrierReference)!.Reference : null
}

function iso(d: Date | undefined): string | null {
  return d ? isoLondon(d) : null
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
