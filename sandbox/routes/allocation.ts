/**
 * Allocation (CONTRACT.md §3.7) and quotes (§3.8).
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
      } catch (e) {
        if (!(e instanceof ProError)) {
          throw e
        }
        return {
          StatusCode: e.status,
          ApiLinks: [],
          Description: e.message,
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
    const c = allocate(store, store.get(param(req, "reference")), selection, clock.now())
    if (!c.allocation) {
      throw badRequest("AllocationFailed", c.failedAllocation!.Message, "consignmentReference")
    }
    return allocationSummary(c, baseUrl(req))
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
   * Allocate With Service Filters (CONTRACT.md §2, S3): body `{ConsignmentReferences, Filters {ServiceDirection?,
   * IsPickup?, IsDropOff?}}` → `[AS]`, the cheapest service passing every given filter. Pickup services need a shop, so
   * (as for default rules) they are left out unless `IsPickup: true` asks for them; `IsPickup: true` then allows only
   * pickup services. `IsDropOff` true/false keeps only / drops the drop-off service; `ServiceDirection` keeps services
   * supporting one of the given directions ("Inbound", "Outbound" or "Inbound, Outbound"). Per-reference failures as
   * for every bulk route (StatusCode 400/404).
   */
  r.put(
    "/allocation/allocateConsignmentsWithServiceFilters",
    handle((req) => {
      const f = isObject(req.body) && isObject(req.body.Filters) ? req.body.Filters : {}
      const direction = f.ServiceDirection ? String(f.ServiceDirection).toLowerCase() : undefined
      const only = SERVICES.filter(
        (s) =>
          (s.Type === "PickUp") === !!f.IsPickup &&
          (f.IsDropOff === undefined || f.IsDropOff === null || (s.Type === "DropOff") === !!f.IsDropOff) &&
          (!direction ||
            s.direction
              .toLowerCase()
              .split(", ")
              .some((d) => direction.includes(d)))
      ).map((s) => s.Reference)
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
      const c = store.get(param(req, "reference"))
      if (quote.consignmentReference && quote.consignmentReference !== c.Reference) {
        throw badRequest(
          "QuoteMismatch",
          `Quote ${quote.QuoteReference} was issued for consignment ${quote.consignmentReference}, not ${c.Reference}`,
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
      const c = store.get(param(req, "reference"))
      return created(quoteResult(store, c.req, c, clock.now()))
    })
  )
  r.post(
    "/quotes/serviceGroups",
    handle((req) => {
      const shipment = parseShipmentRequest(req.body, "quote")
      const now = clock.now()
      return ok(
        SERVICE_GROUPS.map((g) => {
          const result = quoteResult(store, shipment, null, now, g.services)
          return {
            MpdCarrierServiceGroupReference: g.Reference,
            MpdCarrierServiceGroupName: g.Name,
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
const DEFAULT_RULE_SERVICES = SERVICES.filter((s) => s.Type !== "PickUp").map((s) => s.Reference)

function groupSelection(group: ServiceGroup): Selection {
  return { kind: "any", only: group.services, group, label: `service group ${group.Reference}` }
}

/**
 * Allocates `c` per `selection`: state must allow allocation (400 otherwise); on success the
 * consignment is Allocated, else AllocationFailed with `FailedAllocation.Message` explaining why.
 */
function allocate(store: Store, c: Consignment, selection: Selection, now: Date): Consignment {
  store.assertCan(c, "allocate", now)
  const candidates = pricedServices(c.req, selection.kind, selection.only)
  let best: DeliveryPromise | undefined = selection.promise
  if (!best) {
    for (const p of candidates) {
      const promise = earliestPromise(p, c.req, now)
      if (!promise || (c.req.DeliveryDay && promise.deliveryDay > c.req.DeliveryDay)) {
        continue
      }
      if (!best || promise.net < best.net || (promise.net === best.net && promise.deliveryDay < best.deliveryDay)) {
        best = promise
      }
    }
  }
  if (best) {
    store.allocate(c, best, selection.group, now)
  } else {
    const single = selection.only?.length === 1 ? (findService(selection.only[0]) ?? null) : null
    const why = single
      ? ineligibility(
          single,
          c.req.zone,
          c.req.Packages.map((p) => p.measure),
          c.req.Direction
        )
      : undefined
    const message = `Could not be booked with courier: no service in ${selection.label} can deliver consignment ${c.Reference} to ${c.req.destination.Postcode || c.req.destination.Country.IsoCode.TwoLetterCode}${c.req.DeliveryDay ? ` by ${c.req.DeliveryDay}` : ""}${why ? ` (${why})` : ""}`
    store.failAllocation(c, message, selection.group, single, now)
  }
  return c
}

/** QuoteResult (§3.8): one quote per eligible service (earliest promise), unqualified services with reasons. */
function quoteResult(
  store: Store,
  req: ShipmentRequest,
  c: Consignment | null,
  now: Date,
  only: readonly string[] = DEFAULT_RULE_SERVICES
): { QuoteRequestReference: string; Quotes: unknown[]; Message: null; UnqualifiedServices: unknown[] } {
  const parcels = req.Packages.map((p) => p.measure)
  const quotes: unknown[] = []
  const promised = new Set<string>()
  for (const p of pricedServices(req, "any", only)) {
    const promise = earliestPromise(p, req, now)
    if (!promise) {
      continue
    }
    promised.add(p.service.Reference)
    quotes.push(storeQuote(store, req, c, promise, now))
  }
  const unqualified = SERVICES.filter((s) => only.includes(s.Reference) && !promised.has(s.Reference)).map((s) => ({
    Available: false,
    Rates: true,
    MpdCarrierService: s.Name,
    CarrierReference: s.CarrierReference,
    MpdCarrierServiceReference: s.Reference,
    ExclusionReason:
      ineligibility(s, req.zone, parcels, req.Direction) ??
      (req.GuaranteedOnly && !s.guaranteed ? "Service is not guaranteed" : "No collection available in the next 60 days"),
  }))
  return { QuoteRequestReference: store.refs.guid("quoteRequest"), Quotes: quotes, Message: null, UnqualifiedServices: unqualified }
}

function storeQuote(store: Store, req: ShipmentRequest, c: Consignment | null, promise: DeliveryPromise, now: Date): Record<string, unknown> {
  const QuoteReference = store.refs.guid("quote")
  const q: StoredQuote = { QuoteReference, promise, req, consignmentReference: c?.Reference ?? null, created: now, expiry: promise.allocationCutOff }
  store.quotes.set(QuoteReference, q)
  const s = promise.service
  const carrier = carrierOf(s)
  const { earliest, latest } = deliveryBounds(promise)
  const price = rate(promise.net, req.zone)
  return {
    MpdCarrierServiceSource: 2,
    MpdCarrierService: s.Name,
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
        CarrierService: serviceDescriptor(s),
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
    ServiceDirection: s.direction,
    QuoteReference,
    CreationDate: isoLondon(now),
    ExpiryDate: isoLondon(q.expiry),
    Requestor: "Sandbox",
    ConsignmentReference: c?.Reference ?? "",
    ConsignmentReferenceProvidedByCustomer: req.ConsignmentReferenceProvidedByCustomer,
    MpdCarrierServiceReference: s.Reference,
    OriginAddress: req.origin,
    DestinationAddress: req.destination,
  }
}

/** Carrier service descriptor as in quote legs (§3.8 `Legs[].CarrierService`). */
export function serviceDescriptor(s: CarrierService): Record<string, unknown> {
  return {
    Reference: s.Reference,
    Name: s.Name,
    CarrierReference: s.CarrierReference,
    CarrierName: carrierOf(s).Name,
    ExternalReference: null,
    IsDropOff: s.Type === "DropOff",
    IsPickUp: s.Type === "PickUp",
    IsTimed: s.window.start !== "00:00",
    IsTracked: s.tracked,
    IsSigned: s.signed,
    ServiceDirection: s.direction,
  }
}
