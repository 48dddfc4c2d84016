/**
 * Tracking (docs/pro-api.md §3.14) and event polling (§3.15).
 *
 * Tracking events are the simulated carrier timeline (sandbox/tracking.ts) up to the sandbox clock.
 * Event polling answers an array of `ConsignmentPayload`s, one per consignment with at least one
 * matching event in [Start, End] (and not after "now"); the sandbox adds `Events` listing the
 * matching events (`Type`, `TimeStamp`).
 */
import { Router } from "express"
import { isoLondon } from "../clock"
import { Validation } from "../errors"
import { handle, ok, param, SandboxContext } from "../http"
import { isObject } from "../model"
import { Consignment, ConsignmentEventType, consignmentJson, Store } from "../state"
import { eventsSoFar, TrackingEvent } from "../tracking"
import { CONSIGNMENT_STATES } from "./consignments"

const EVENT_TYPES: ConsignmentEventType[] = [
  "ConsignmentCreated",
  "ConsignmentUpdated",
  "LabelsPrinted",
  "PackageAdded",
  "PackageRemoved",
  "PackageUpdated",
  "Rescheduled",
]

/** Routes under `/tracking` and `/events`. */
export function trackingRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  /** Tracking (§3.14): per package, events grouped by leg, or `flattened` with the service name on each event. */
  const tracking = (flattened: boolean) =>
    handle((req) => {
      const consignment = store.get(param(req, "reference"))
      const events = eventsSoFar(store.timeline(consignment), clock.now())
      const service = consignment.allocation?.service.Name ?? null
      return ok({
        ConsignmentReferenceForAllLegsAssignedByMpd: consignment.Reference,
        TrackedPackages: consignment.packages.map((storedPackage) => ({
          PackageReferenceForAllLegsAssignedByMpd: storedPackage.Reference,
          ...(flattened
            ? { Events: events.map((event) => ({ ...wireEvent(event), CarrierServiceName: service })) }
            : { Legs: service ? [{ CarrierServiceName: service, Events: events.map(wireEvent) }] : [] }),
        })),
      })
    })
  r.get("/tracking/flattened/:reference", tracking(true))
  r.get("/tracking/:reference", tracking(false))

  r.post(
    "/events/consignments",
    handle((req) => {
      const window = parseWindow(req.body, "EventTypes", EVENT_TYPES)
      const now = clock.now()
      return ok(payloads(store, now, window, (consignment) => consignment.events.map((event) => ({ Type: event.type, at: event.at }))))
    })
  )

  const stateEvents = handle((req) => {
    const window = parseWindow(req.body, "ConsignmentStates", CONSIGNMENT_STATES)
    const now = clock.now()
    return ok(
      payloads(store, now, window, (consignment) => [
        ...consignment.history.map((entry) => ({ Type: entry.state, at: entry.at })),
        ...store
          .timeline(consignment)
          .slice(1)
          .map((event) => ({ Type: event.state, at: event.at })),
      ])
    )
  })
  r.post("/events/consignments/stateevents", stateEvents)
  r.post("/events/consignmentstateevents", stateEvents)

  return r
}

// SignedBy is "" (not null) when nobody signed: every event in the §3.14 examples carries a string.
function wireEvent(event: TrackingEvent): Record<string, unknown> {
  return {
    TimeStamp: isoLondon(event.at),
    Code: event.code,
    Description: event.description,
    SignedBy: event.signedBy ?? "",
    Location: event.location,
  }
}

interface EventWindow {
  types: string[]
  start: Date
  end: Date
}

/** Validates `{<listKey>: [names], Start, End}` (all required); 400 naming the field. */
function parseWindow(body: unknown, listKey: string, allowed: readonly string[]): EventWindow {
  const validation = new Validation()
  const fields = isObject(body) ? body : {}
  const list: unknown[] = Array.isArray(fields[listKey]) ? fields[listKey] : []
  if (validation.check(Array.isArray(list) && list.length > 0, listKey, `${listKey} must contain at least one value`, "Required")) {
    list.forEach((name: unknown, i: number) =>
      validation.check(
        allowed.some((known) => known.toLowerCase() === String(name).toLowerCase()),
        `${listKey}[${i}]`,
        `${listKey}[${i}] "${name}" is not one of ${allowed.join(", ")}`
      )
    )
  }
  const start = Date.parse(String(fields.Start))
  const end = Date.parse(String(fields.End))
  validation.check(Number.isFinite(start), "Start", "Start must be an ISO-8601 date and time")
  validation.check(Number.isFinite(end), "End", "End must be an ISO-8601 date and time")
  if (Number.isFinite(start) && Number.isFinite(end)) {
    validation.check(start <= end, "End", "End must not be before Start")
  }
  validation.throwIfAny()
  return { types: list.map((type) => String(type).toLowerCase()), start: new Date(start), end: new Date(end) }
}

/** ConsignmentPayloads (§3.15) of consignments with matching events. */
function payloads(store: Store, now: Date, window: EventWindow, eventsOf: (consignment: Consignment) => { Type: string; at: Date }[]): unknown[] {
  const out: unknown[] = []
  for (const consignment of store.all()) {
    const matched = eventsOf(consignment).filter(
      (event) => window.types.includes(event.Type.toLowerCase()) && event.at >= window.start && event.at <= window.end && event.at <= now
    )
    if (!matched.length) {
      continue
    }
    const full = consignmentJson(store, consignment, now)
    out.push({
      ConsignmentReference: consignment.Reference,
      ConsignmentReferenceProvidedByCustomer: consignment.req.ConsignmentReferenceProvidedByCustomer,
      ConsignmentTrackingReference: consignment.packages[0]?.trackingReference ?? null,
      ConsignmentState: full.ConsignmentState,
      Packages: consignment.packages.map((storedPackage) => ({
        Reference: storedPackage.Reference,
        TrackingDetails: storedPackage.trackingReference ? [{ Leg: 1, TrackingReference: storedPackage.trackingReference }] : [],
        PickupCode: null,
        Barcode: storedPackage.input.Barcode,
      })),
      ConsignmentLegs: full.ConsignmentLegs,
      CarrierServiceReference: consignment.allocation?.service.Reference ?? null,
      CarrierServiceName: consignment.allocation?.service.Name ?? null,
      EarliestDeliveryDate: full.EarliestDeliveryDate,
      LatestDeliveryDate: full.LatestDeliveryDate,
      DateDelivered: full.DateDelivered,
      PickupCode: null,
      Events: matched.map((event) => ({ Type: event.Type, TimeStamp: isoLondon(event.at) })),
    })
  }
  return out
}
