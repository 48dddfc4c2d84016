/**
 * Tracking (CONTRACT.md §3.14) and event polling (§3.15).
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
      const c = store.get(param(req, "reference"))
      const events = eventsSoFar(store.timeline(c), clock.now())
      const service = c.allocation?.service.Name ?? null
      return ok({
        ConsignmentReferenceForAllLegsAssignedByMpd: c.Reference,
        TrackedPackages: c.packages.map((p) => ({
          PackageReferenceForAllLegsAssignedByMpd: p.Reference,
          ...(flattened
            ? { Events: events.map((e) => ({ ...wireEvent(e), CarrierServiceName: service })) }
            : { Legs: service ? [{ CarrierServiceName: service, Events: events.map(wireEvent) }] : [] }),
        })),
      })
    })
  r.get("/tracking/flattened/:reference", tracking(true))
  r.get("/tracking/:reference", tracking(false))

  r.post(
    "/events/consignments",
    handle((req) => {
      const q = parseWindow(req.body, "EventTypes", EVENT_TYPES)
      const now = clock.now()
      return ok(payloads(store, now, q, (c) => c.events.map((e) => ({ Type: e.type, at: e.at }))))
    })
  )

  const stateEvents = handle((req) => {
    const q = parseWindow(req.body, "ConsignmentStates", CONSIGNMENT_STATES)
    const now = clock.now()
    return ok(
      payloads(store, now, q, (c) => [
        ...c.history.map((h) => ({ Type: h.state, at: h.at })),
        ...store
          .timeline(c)
          .slice(1)
          .map((e) => ({ Type: e.state, at: e.at })),
      ])
    )
  })
  r.post("/events/consignments/stateevents", stateEvents)
  r.post("/events/consignmentstateevents", stateEvents)

  return r
}

// SignedBy is "" (not null) when nobody signed: every event in the §3.14 examples carries a string.
function wireEvent(e: TrackingEvent): Record<string, unknown> {
  return { TimeStamp: isoLondon(e.at), Code: e.code, Description: e.description, SignedBy: e.signedBy ?? "", Location: e.location }
}

interface EventWindow {
  types: string[]
  start: Date
  end: Date
}

/** Validates `{<listKey>: [names], Start, End}` (all required); 400 naming the field. */
function parseWindow(body: unknown, listKey: string, allowed: readonly string[]): EventWindow {
  const v = new Validation()
  const b = isObject(body) ? body : {}
  const list: unknown[] = Array.isArray(b[listKey]) ? b[listKey] : []
  if (v.check(Array.isArray(list) && list.length > 0, listKey, `${listKey} must contain at least one value`, "Required")) {
    list.forEach((t: unknown, i: number) =>
      v.check(
        allowed.some((a) => a.toLowerCase() === String(t).toLowerCase()),
        `${listKey}[${i}]`,
        `${listKey}[${i}] "${t}" is not one of ${allowed.join(", ")}`
      )
    )
  }
  const start = Date.parse(String(b.Start))
  const end = Date.parse(String(b.End))
  v.check(Number.isFinite(start), "Start", "Start must be an ISO-8601 date and time")
  v.check(Number.isFinite(end), "End", "End must be an ISO-8601 date and time")
  if (Number.isFinite(start) && Number.isFinite(end)) {
    v.check(start <= end, "End", "End must not be before Start")
  }
  v.throwIfAny()
  return { types: list.map((type) => String(type).toLowerCase()), start: new Date(start), end: new Date(end) }
}

/** ConsignmentPayloads (§3.15) of consignments with matching events. */
function payloads(store: Store, now: Date, q: EventWindow, eventsOf: (c: Consignment) => { Type: string; at: Date }[]): unknown[] {
  const out: unknown[] = []
  for (const c of store.all()) {
    const matched = eventsOf(c).filter((e) => q.types.includes(e.Type.toLowerCase()) && e.at >= q.start && e.at <= q.end && e.at <= now)
    if (!matched.length) {
      continue
    }
    const full = consignmentJson(store, c, now)
    out.push({
      ConsignmentReference: c.Reference,
      ConsignmentReferenceProvidedByCustomer: c.req.ConsignmentReferenceProvidedByCustomer,
      ConsignmentTrackingReference: c.packages[0]?.trackingReference ?? null,
      ConsignmentState: full.ConsignmentState,
      Packages: c.packages.map((p) => ({
        Reference: p.Reference,
        TrackingDetails: p.trackingReference ? [{ Leg: 1, TrackingReference: p.trackingReference }] : [],
        PickupCode: null,
        Barcode: p.input.Barcode,
      })),
      ConsignmentLegs: full.ConsignmentLegs,
      CarrierServiceReference: c.allocation?.service.Reference ?? null,
      CarrierServiceName: c.allocation?.service.Name ?? null,
      EarliestDeliveryDate: full.EarliestDeliveryDate,
      LatestDeliveryDate: full.LatestDeliveryDate,
      DateDelivered: full.DateDelivered,
      PickupCode: null,
      Events: matched.map((e) => ({ Type: e.Type, TimeStamp: isoLondon(e.at) })),
    })
  }
  return out
}
