/**
 * Allocation (docs/pro-api.md §3.7) and quotes (§3.8).
 *
 * Every allocation route picks, among the services it is allowed to use, the cheapest one that can
 * deliver (ties: earliest delivery), collecting on the consignment's `ShippingDate` or the first day
 * whose cut-off has not passed, and meeting its `RequiredDeliveryDate` when given. Single-consignment
 * routes answer the AllocationSummary object (400 `AllocationFailed` when nothing fits); bulk routes
 * answer an array with one summary per reference (failures carry `StatusCode` 400/404).
 */
import { Request, Router } from "express"
import { deliveryBounds, DeliveryPromise, earliestPromise, pricedServices, rate, ServiceKind } from "../availability"
import { isoDateOnly, isoLondon } from "../clock"
import { carrierOf, CarrierService, findService, findServiceGroup, ineligibility, SERVICES, ServiceGroup, SERVICE_GROUPS } from "../catalogue"
import { badRequest, notFound, ProError } from "../errors"
import { baseUrl, created, handle, ok, param, SandboxContext } from "../http"
import { isObject, parseShipmentRequest, ShipmentRequest, str } from "../model"
import { allocationSummary, Consignment, referenceList, Store } from "../state"

/** Which services an allocation may use. */
interface Selection {
  kind: ServiceKind
  only?: readonly string[]
  group: ServiceGroup | null
  /** Fixed promise (allocation with a quote). */
  promise?: DeliveryPromise
  /** Describes the selection in failure messages. */
  label: string
}

/** A stored quote. */
export interface StoredQuote {
  QuoteReference: string
  promise: DeliveryPromise
  req: ShipmentRequest
  consignmentReference: string | null
  created: Date
  expiry: Date
}

/** Routes under `/allocation` and `/quotes`. */
export function allocationRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  /** Allocates the references in a body field with a selection; one summary per reference. */
  const bulk = (req: Request, selection: Selection) =>
    referenceList(isObject(req.body) ? req.body.ConsignmentReferences : undefined, "ConsignmentReferences").map((ref) => {
      try {
        return allocationSummary(allocate(store, store.get(ref), selection, clock.now()), baseUrl(req))
      } catch (error) {
        if (!(error instanceof ProError)) {
          throw error
        }
        return {
          StatusCode: error.status,
          ApiLinks: [],
          Description: error.message,
          ConsignmentLegs: [],
          CarrierReference: null,
          CarrierName: null,
          CarrierServiceReference: null,
          CarrierServiceName: null,
        }
      }
    })
  /** Allocates one consignment; 400 `AllocationFailed` when no service fits. */
  const single = (req: Request, selection: Selection) => {
    const consignment = allocate(store, store.get(param(req, "reference")), selection, clock.now())
    if (!consignment.allocation) {
      throw badRequest("AllocationFailed", consignment.failedAllocation!.Message, "consignmentReference")
    }
    return allocationSummary(consignment, baseUrl(req))
  }

  r.put(
    "/allocation/allocate",
    handle((req) => ok(bulk(req, { kind: "any", only: DEFAULT_RULE_SERVICES, group: null, label: "the default allocation rules" })))
  )

  r.put(
    "/allocation/allocatewithservicegroup",
    handle((req) => {
      const ref = isObject(req.body) ? str(req.body.MpdCarrierServiceGroupReference) : ""
      const group = findServiceGroup(ref)
      if (!group) {
        throw badRequest("UnknownServiceGroup", `Service group ${ref || "(none)"} not found`, "MpdCarrierServiceGroupReference")
      }
      return ok(bulk(req, groupSelection(group)))
    })
  )
  r.put(
    "/allocation/:reference/allocatewithservicegroup/:group",
    handle((req) => {
      const group = findServiceGroup(param(req, "group"))
      if (!group) {
        throw notFound("Service group", param(req, "group"))
      }
      return ok(single(req, groupSelection(group)))
    })
  )

  r.put(
    "/allocation/allocatewithcarrierservice",
    handle((req) => {
      const ref = isObject(req.body) ? str(req.body.MpdCarrierServiceReference) : ""
      const service = findService(ref)
      if (!service) {
        throw badRequest("UnknownCarrierService", `Carrier service ${ref || "(none)"} not found`, "MpdCarrierServiceReference")
      }
      return ok(bulk(req, { kind: "any", only: [service.Reference], group: null, label: `carrier service ${service.Reference}` }))
    })
  )

  /**
   * Allocate With Service Filters (docs/pro-api.md §2, S3): body `{ConsignmentReferences, Filters {ServiceDirection?,
   * IsPickup?, IsDropOff?}}` → `[AS]`, the cheapest service passing every given filter. Pickup services need a shop, so
   * (as for default rules) they are left out unless `IsPickup: true` asks for them; `IsPickup: true` then allows only
   * pickup services. `IsDropOff` true/false keeps only / drops the drop-off service; `ServiceDirection` keeps services
   * supporting one of the given directions ("Inbound", "Outbound" or "Inbound, Outbound"). Per-reference failures as
   * for every bulk route (StatusCode 400/404).
   */
  r.put(
    "/allocation/allocateConsignmentsWithServiceFilters",
    handle((req) => {
      const filterGiven = isObject(req.body) && isObject(req.body.Filters) ? req.body.Filters : {}
      const direction = filterGiven.ServiceDirection ? String(filterGiven.ServiceDirection).toLowerCase() : undefined
      const only = SERVICES.filter(
        (service) =>
          (service.Type === "PickUp") === !!filterGiven.IsPickup &&
          (filterGiven.IsDropOff === undefined || filterGiven.IsDropOff === null || (service.Type === "DropOff") === !!filterGiven.IsDropOff) &&
          (!direction ||
            service.direction
              .toLowerCase()
              .split(", ")
              .some((wanted) => direction.includes(wanted)))
      ).map((service) => service.Reference)
      return ok(bulk(req, { kind: "any", only, group: null, label: "the service filters" }))
    })
  )

  r.put(
    "/allocation/:reference/allocatewithcheapestquote",
    handle((req) => ok(single(req, { kind: "any", only: DEFAULT_RULE_SERVICES, group: null, label: "any service" })))
  )

  r.put(
    "/allocation/:reference/allocatewithquote/:quote",
    handle((req) => {
      const quote = store.quotes.get(param(req, "quote").toLowerCase()) as StoredQuote | undefined
      const now = clock.now()
      if (!quote) {
        throw badRequest("QuoteNotFound", `Quote ${param(req, "quote")} not found`, "quoteReference")
      }
      if (now >= quote.expiry) {
        throw badRequest("QuoteExpired", `Quote ${quote.QuoteReference} expired at ${isoLondon(quote.expiry)}`, "quoteReference")
      }
      const allocated = store.get(param(req, "reference"))
      if (quote.consignmentReference && quote.consignmentReference !== allocated.Reference) {
        throw badRequest(
          "QuoteMismatch",
          `Quote ${quote.QuoteReference} was issued for consignment ${quote.consignmentReference}, not ${allocated.Reference}`,
          "quoteReference"
        )
      }
      return ok([
        single(req, {
          kind: "any",
          only: [quote.promise.service.Reference],
          group: null,
          promise: quote.promise,
          label: `quote ${quote.QuoteReference}`,
        }),
      ])
    })
  )

  r.post(
    "/quotes",
    handle((req) => created(quoteResult(store, parseShipmentRequest(req.body, "quote"), null, clock.now())))
  )
  r.get(
    "/quotes/consignment/:reference",
    handle((req) => {
      const consignment = store.get(param(req, "reference"))
      return created(quoteResult(store, consignment.req, consignment, clock.now()))
    })
  )
  r.post(
    "/quotes/serviceGroups",
    handle((req) => {
      const shipment = parseShipmentRequest(req.body, "quote")
      const now = clock.now()
      return ok(
        SERVICE_GROUPS.map((group) => {
          const result = quoteResult(store, shipment, null, now, group.services)
          return {
            MpdCarrierServiceGroupReference: group.Reference,
            MpdCarrierServiceGroupName: group.Name,
            QuoteRequestReference: result.QuoteRequestReference,
            Quotes: result.Quotes,
          }
        })
      )
    })
  )

  return r
}

/** Services the default rules and cheapest quote may pick: everything except pickup-point services (they need a shop). */
const DEFAULT_RULE_SERVICES = SERVICES.filter((service) => service.Type !== "PickUp").map((service) => service.Reference)

function groupSelection(group: ServiceGroup): Selection {
  return { kind: "any", only: group.services, group, label: `service group ${group.Reference}` }
}

/**
 * Allocates `c` per `selection`: state must allow allocation (400 otherwise); on success the
 * consignment is Allocated, else AllocationFailed with `FailedAllocation.Message` explaining why.
 */
function allocate(store: Store, target: Consignment, selection: Selection, now: Date): Consignment {
  store.assertCan(target, "allocate", now)
  const candidates = pricedServices(target.req, selection.kind, selection.only)
  let best: DeliveryPromise | undefined = selection.promise
  if (!best) {
    for (const priced of candidates) {
      const promise = earliestPromise(priced, target.req, now)
      if (!promise || (target.req.DeliveryDay && promise.deliveryDay > target.req.DeliveryDay)) {
        continue
      }
      if (!best || promise.net < best.net || (promise.net === best.net && promise.deliveryDay < best.deliveryDay)) {
        best = promise
      }
    }
  }
  if (best) {
    store.allocate(target, best, selection.group, now)
  } else {
    const single = selection.only?.length === 1 ? (findService(selection.only[0]) ?? null) : null
    const why = single
      ? ineligibility(
          single,
          target.req.zone,
          target.req.Packages.map((packageInput) => packageInput.measure),
          target.req.Direction
        )
      : undefined
    const message = `Could not be booked with courier: no service in ${selection.label} can deliver consignment ${target.Reference} to ${target.req.destination.Postcode || target.req.destination.Country.IsoCode.TwoLetterCode}${target.req.DeliveryDay ? ` by ${target.req.DeliveryDay}` : ""}${why ? ` (${why})` : ""}`
    store.failAllocation(target, message, selection.group, single, now)
  }
  return target
}

/** QuoteResult (§3.8): one quote per eligible service (earliest promise), unqualified services with reasons. */
function quoteResult(
  store: Store,
  req: ShipmentRequest,
  consignment: Consignment | null,
  now: Date,
  only: readonly string[] = DEFAULT_RULE_SERVICES
): { QuoteRequestReference: string; Quotes: unknown[]; Message: null; UnqualifiedServices: unknown[] } {
  const parcels = req.Packages.map((packageInput) => packageInput.measure)
  const quotes: unknown[] = []
  const promised = new Set<string>()
  for (const priced of pricedServices(req, "any", only)) {
    const promise = earliestPromise(priced, req, now)
    if (!promise) {
      continue
    }
    promised.add(priced.service.Reference)
    quotes.push(storeQuote(store, req, consignment, promise, now))
  }
  const unqualified = SERVICES.filter((service) => only.includes(service.Reference) && !promised.has(service.Reference)).map((service) => ({
    Available: false,
    Rates: true,
    MpdCarrierService: service.Name,
    CarrierReference: service.CarrierReference,
    MpdCarrierServiceReference: service.Reference,
    ExclusionReason:
      ineligibility(service, req.zone, parcels, req.Direction) ??
      (req.GuaranteedOnly && !service.guaranteed ? "Service is not guaranteed" : "No collection available in the next 60 days"),
  }))
  return { QuoteRequestReference: store.refs.guid("quoteRequest"), Quotes: quotes, Message: null, UnqualifiedServices: unqualified }
}

function storeQuote(
  store: Store,
  req: ShipmentRequest,
  consignment: Consignment | null,
  promise: DeliveryPromise,
  now: Date
): Record<string, unknown> {
  const QuoteReference = store.refs.guid("quote")
  const stored: StoredQuote = {
    QuoteReference,
    promise,
    req,
    consignmentReference: consignment?.Reference ?? null,
    created: now,
    expiry: promise.allocationCutOff,
  }
  store.quotes.set(QuoteReference, stored)
  const service = promise.service
  const carrier = carrierOf(service)
  const { earliest, latest } = deliveryBounds(promise)
  const price = rate(promise.net, req.zone)
  return {
    MpdCarrierServiceSource: 2,
    MpdCarrierService: service.Name,
    CarrierReference: carrier.Reference,
    CollectionDate: isoDateOnly(promise.shipDay),
    EarliestDeliveryDate: isoLondon(earliest),
    LatestDeliveryDate: isoLondon(latest),
    Price: price,
    BasePrice: price,
    Surcharges: [],
    Legs: [
      {
        JourneyStage: 1,
        CarrierService: serviceDescriptor(service),
        CarrierAccountReference: `${carrier.Reference}-SANDBOX`,
        DeliveryHub: null,
        CostItems: null,
        VolumetricParcelWeight: null,
        CollectionType: "NotApplicable",
        Metadata: [],
      },
    ],
    CarrierAccountOwner: null,
    IsElectioService: false,
    ServiceDirection: service.direction,
    QuoteReference,
    CreationDate: isoLondon(now),
    ExpiryDate: isoLondon(stored.expiry),
    Requestor: "Sandbox",
    ConsignmentReference: consignment?.Reference ?? "",
    ConsignmentReferenceProvidedByCustomer: req.ConsignmentReferenceProvidedByCustomer,
    MpdCarrierServiceReference: service.Reference,
    OriginAddress: req.origin,
    DestinationAddress: req.destination,
  }
}

/** Carrier service descriptor as in quote legs (§3.8 `Legs[].CarrierService`). */
export function serviceDescriptor(service: CarrierService): Record<string, unknown> {
  return {
    Reference: service.Reference,
    Name: service.Name,
    CarrierReference: service.CarrierReference,
    CarrierName: carrierOf(service).Name,
    ExternalReference: null,
    IsDropOff: service.Type === "DropOff",
    IsPickUp: service.Type === "PickUp",
    IsTimed: service.window.start !== "00:00",
    IsTracked: service.tracked,
    IsSigned: service.signed,
    ServiceDirection: service.direction,
  }
}
