/**
 * Delivery options, pickup options, reservation and selection (docs/pro-api.md §3.2–§3.5).
 *
 * Options are stored with the validated request that produced them, so selecting one creates the
 * consignment from that request (§3.4). An option expires at its AllocationCutOff.
 */
import { Router } from "express"
import { cheapestPromises, DeliveryPromise, wireOption, wireOptionJson } from "../availability"
import { isoLondon } from "../clock"
import { badRequest, notFound, ProError } from "../errors"
import { baseUrl, handle, ok, param, Reply, SandboxContext } from "../http"
import { isObject, parseShipmentRequest, ShipmentRequest, str, WireAddress } from "../model"
import { pickupLocations, PickupLocation, parsePickupParameters, pickupRequest } from "../pickup"
import { allocationSummary, Consignment, link, LocationInformation, OwnRules, Store } from "../state"
import { createOrder } from "./orders"

/** A stored delivery or pickup option. */
export interface StoredOption {
  Reference: string
  kind: "delivery" | "pickup"
  req: ShipmentRequest
  promise: DeliveryPromise
  createdAt: Date
  location: PickupLocation | null
  reservation: { required: boolean; reference: string | null; expiry: Date | null }
  selectedAs: string | null
}

/**
 * Most options kept at once. Every Delivery Options answer stores each option (a checkout makes ~50), so a long-running
 * sandbox would grow without bound; beyond this many, the oldest options that were never selected are forgotten (select
 * or details on them → 404 NotFound, as for an unknown reference). Selected options are always kept.
 */
export const MAX_STORED_OPTIONS = 100_000

/** Routes under `/deliveryoptions`. */
export function optionRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  r.post(
    "/deliveryoptions/pickupoptions",
    handle((req) => {
      const now = clock.now()
      const request = pickupRequest(parseShipmentRequest(req.body, "pickup"))
      const params = parsePickupParameters(req.body, request)
      const locations = pickupLocations(request, params, now).map((loc) => {
        const options = cheapestPromises(request, now, "pickup", loc.services).map((promise) =>
          optionWire(storeOption(store, "pickup", request, promise, now, loc))
        )
        return { ...loc.wire, DeliveryOptions: options }
      })
      return ok({
        Distance: params.distanceKm,
        MaxResults: params.maxResults,
        Locations: locations.filter((location) => location.DeliveryOptions.length),
        NonGuaranteedLocation: null,
      })
    })
  )

  r.post(
    "/deliveryoptions/reserve/:reference",
    handle((req) => {
      const option = getOption(store, param(req, "reference"))
      const now = clock.now()
      assertSelectable(option, now, store.rules)
      if (!option.location) {
        throw badRequest(
          "NotAPickupOption",
          `Delivery option ${option.Reference} is not a pickup option and cannot be reserved`,
          "pickupOptionReference"
        )
      }
      option.reservation.reference ??= store.refs.reference("ER")
      option.reservation.expiry = option.promise.allocationCutOff
      return ok()
    })
  )

  r.post(
    "/deliveryoptions/select/:reference",
    handle((req) => {
      const option = getOption(store, param(req, "reference"))
      const consignment = selectOption(store, option, clock.now())
      return ok(allocationSummary(consignment, baseUrl(req)))
    })
  )

  r.post(
    "/deliveryoptions/selectorder",
    handle((req) => selectAsOrders(ctx, req.body, baseUrl(req)))
  )

  r.get(
    "/deliveryoptions/details/:reference",
    handle((req) => {
      const option = getOption(store, param(req, "reference"))
      return ok({
        ...optionWire(option),
        IsSelected: !!option.selectedAs,
        ConsignmentReference: option.selectedAs,
        Expired: clock.now() >= option.promise.allocationCutOff,
      })
    })
  )

  r.post(
    "/deliveryoptions",
    handle((req) => {
      const now = clock.now()
      const request = parseShipmentRequest(req.body, "quote")
      const options = cheapestPromises(request, now, "delivery").map((promise) => storeOption(store, "delivery", request, promise, now, null))
      // the hottest route (every checkout): serialised from memoised per-promise JSON, same bytes as created({DeliveryOptions})
      const json = options.map((option) => wireOptionJson(option.Reference, option.promise, request.zone, "TaxRate"))
      return { status: 201, rawJson: `{"DeliveryOptions":[${json.join(",")}]}` }
    })
  )

  return r
}

/** Stores a new option for `promise` (pruning the oldest unselected ones beyond {@link MAX_STORED_OPTIONS}). */
function storeOption(
  store: Store,
  kind: StoredOption["kind"],
  req: ShipmentRequest,
  promise: DeliveryPromise,
  now: Date,
  location: PickupLocation | null
): StoredOption {
  const Reference = store.refs.reference("EDO")
  const option: StoredOption = {
    Reference,
    kind,
    req,
    promise,
    createdAt: now,
    location,
    reservation: { required: !!location?.reservationRequired, reference: null, expiry: null },
    selectedAs: null,
  }
  if (store.options.size >= MAX_STORED_OPTIONS) {
    pruneOptions(store)
  }
  store.options.set(Reference, option)
  return option
}

/** Forgets the oldest unselected tenth of the stored options (a Map iterates in insertion order). */
function pruneOptions(store: Store): void {
  let drop = Math.ceil(MAX_STORED_OPTIONS / 10)
  for (const [ref, option] of store.options) {
    if (drop <= 0) {
      break
    }
    if ((option as StoredOption).selectedAs) {
      continue
    }
    store.options.delete(ref)
    drop--
  }
}

/** Wire JSON of a stored option (§3.2 keys, or §3.3's for pickup options); computed on demand, not stored. */
function optionWire(option: StoredOption): Record<string, unknown> {
  return wireOption(option.Reference, option.promise, option.req.zone, option.kind === "pickup" ? "VatRate" : "TaxRate")
}

/** Stored option by reference (case-insensitive). Throws 404 `NotFound`. */
export function getOption(store: Store, reference: string): StoredOption {
  const option = store.options.get(reference.toUpperCase()) as StoredOption | undefined
  if (!option) {
    throw notFound("Delivery option", reference)
  }
  return option
}

/**
 * Throws 400 if an option can no longer be selected or reserved:
 * `DeliveryOptionAlreadySelected` (existing EC- reference in Message and `Details[0].Target`) or
 * `DeliveryOptionExpired` (now ≥ AllocationCutOff). Both are the sandbox's own rules (`rules`, sandbox/README.md
 * "Decisions"): switched off, the option can be selected again or after its cut-off.
 */
function assertSelectable(option: StoredOption, now: Date, rules: OwnRules): void {
  if (option.selectedAs && rules.refuseSecondSelect) {
    throw badRequest(
      "DeliveryOptionAlreadySelected",
      `Delivery option ${option.Reference} has already been selected as consignment ${option.selectedAs}`,
      option.selectedAs
    )
  }
  if (rules.expireAtCutOff && now.getTime() >= option.promise.allocationCutOff.getTime()) {
    throw badRequest(
      "DeliveryOptionExpired",
      `Delivery option ${option.Reference} expired at its allocation cut-off ${isoLondon(option.promise.allocationCutOff)}`,
      "deliveryOptionReference"
    )
  }
}

/**
 * Select Option (§3.4): creates the consignment from the stored request and allocates it to the
 * option's service and days. Pickup options deliver to the shop (customer contact kept) and fill
 * `LocationInformation`; reservation-required pickup options must be reserved first (400
 * `ReservationRequired`).
 */
export function selectOption(store: Store, option: StoredOption, now: Date): Consignment {
  assertSelectable(option, now, store.rules)
  assertReserved(option)
  const consignment = store.createConsignment(selectedRequest(option), now, { deliveryOptionReference: option.Reference })
  consignment.locationInformation = locationInformation(option)
  store.allocate(consignment, option.promise, null, now)
  option.selectedAs = consignment.Reference
  return consignment
}

/** 400 `ReservationRequired` for a pickup option whose location needs a reservation that was not made. */
function assertReserved(option: StoredOption): void {
  if (option.reservation.required && !option.reservation.reference) {
    throw badRequest(
      "ReservationRequired",
      `Pickup option ${option.Reference} requires a reservation; call POST /deliveryoptions/reserve/${option.Reference} first`,
      "deliveryOptionReference"
    )
  }
}

/**
 * The options request as selected: the option's day as the required delivery date and, for a pickup option, the shop's
 * address as the Destination (the customer's contact kept, `ShopLocationReference` set).
 */
function selectedRequest(option: StoredOption): ShipmentRequest {
  const req: ShipmentRequest = { ...option.req, DeliveryDay: option.promise.deliveryDay }
  if (!option.location) {
    return req
  }
  const shop: WireAddress = {
    ...option.location.address,
    AddressType: "Destination",
    Contact: option.req.destination.Contact,
    ShopLocationReference: option.location.shopReference,
  }
  return { ...req, destination: shop, Addresses: req.Addresses.map((address) => (address.AddressType === "Destination" ? shop : address)) }
}

/** `LocationInformation` (§4) of what is shipped for a pickup option; `null` for home delivery. */
function locationInformation(option: StoredOption): LocationInformation | null {
  return option.location ? { ShopReference: option.location.shopReference, ReservationReference: option.reservation.reference } : null
}

/**
 * Select Delivery Option as an Order (§3.5): 201 all created, 207 mixed, 400 none. Each option becomes an `EO-` order
 * holding the option's items unpacked and its delivery promise; Pack Order then creates one consignment per
 * package request (e.g. per warehouse), allocated to that promise (Consumer Options Flex, docs/design.md).
 */
function selectAsOrders(ctx: SandboxContext, body: unknown, base: string): Reply {
  const list = isObject(body) && Array.isArray(body.DeliveryOptions) ? body.DeliveryOptions : undefined
  if (!list || !list.length) {
    throw badRequest("ValidationFailed", "DeliveryOptions must contain at least one option", "DeliveryOptions")
  }
  const now = ctx.clock.now()
  const results = list.map((entry: unknown, i: number) => {
    const given = isObject(entry) ? entry : {}
    const reference = str(given.Reference)
    try {
      if (!reference) {
        throw badRequest("Required", `DeliveryOptions[${i}].Reference is required`, `DeliveryOptions[${i}].Reference`)
      }
      const option = getOption(ctx.store, reference)
      assertSelectable(option, now, ctx.store.rules)
      assertReserved(option)
      const order = createOrder(
        ctx.store,
        selectedRequest(option),
        str(given.OrderReferenceProvidedByCustomer),
        Array.isArray(given.MetaData) ? given.MetaData : [],
        now
      )
      order.promise = option.promise
      order.locationInformation = locationInformation(option)
      option.selectedAs = order.Reference
      const orderRef = order.Reference
      return {
        DeliveryOptionReference: option.Reference,
        OrderReference: orderRef,
        Status: 201,
        Message: null,
        Links: [link("Detail", `${base}/orders/${orderRef}`)],
      }
    } catch (error) {
      if (!(error instanceof ProError)) {
        throw error
      }
      return { DeliveryOptionReference: reference, OrderReference: null, Status: error.status, Message: error.message, Links: [] }
    }
  })
  const good = results.filter((r: { Status: number }) => r.Status === 201).length
  return { status: good === results.length ? 201 : good === 0 ? 400 : 207, body: { SelectOrderResults: results } }
}
