/**
 * Simulated carrier tracking after manifest (docs/pro-api.md §3.14: events normalised across carriers,
 * consignment state derives from them). The timeline is a pure function of the manifest time and
 * the allocation, so it "advances" simply by moving the sandbox clock:
 *
 * Manifested (at manifest) → Collected (shipping day 17:30 if manifested before then, else the next
 * collection day 10:00) → InTransit (+3 h) → OutForDelivery (delivery day 06:30) → Delivered
 * (delivery day, middle of the window; 13:00 for all-day services). Pickup services add
 * AtCollectionPoint at delivery and Delivered (collected by the customer) the next day at 12:00.
 * The delivery day is the promised one unless collection slipped, in which case it moves with it.
 */
import { addDays, LocalDay, londonDay, londonTime } from "./clock"
import { carrierOf, CarrierService, collectsOn, deliveryDayFor, nextCollectionDay, Zone } from "./catalogue"

/** One tracking event; `state` is the ConsignmentState it puts the consignment in (§5). */
export interface TrackingEvent {
  state: string
  code: string
  description: string
  at: Date
  location: string
  signedBy: string | null
}

/** What the timeline needs to know about a manifested consignment. */
export interface TimelineInput {
  manifestedAt: Date
  service: CarrierService
  zone: Zone
  shipDay: LocalDay
  deliveryDay: LocalDay
  originTown: string
  destinationTown: string
  recipientName: string
}

/**
 * Full (past and future) event timeline of a manifested consignment, oldest first.
 * Filter by `at <= now` for what has happened.
 */
export function trackingTimeline(input: TimelineInput): TrackingEvent[] {
  const manifestDay = londonDay(input.manifestedAt)
  const candidate = input.shipDay > manifestDay ? input.shipDay : manifestDay
  const sameDay = collectsOn(input.service, candidate) && londonTime(candidate, "17:30") > input.manifestedAt
  const collectionDay = sameDay ? candidate : nextCollectionDay(input.service, addDays(candidate, 1))
  const collectedAt = londonTime(collectionDay, sameDay ? "17:30" : "10:00")
  const deliveryDay =
    collectionDay <= input.shipDay
      ? input.deliveryDay
      : (deliveryDayFor(input.service, input.service.zones[input.zone]?.transit ?? 1, collectionDay) ?? input.deliveryDay)
  const carrier = carrierOf(input.service).Name
  const { start, end } = input.service.window
  const deliveredAt = start === "00:00" ? londonTime(deliveryDay, "13:00") : midpoint(deliveryDay, start, end)
  const events: TrackingEvent[] = [
    ev("Manifested", "MANIFESTED", "Consignment details sent to the carrier", input.manifestedAt, "", null),
    ev("Collected", "COLLECTED", `Collected by ${carrier}`, collectedAt, input.originTown, null),
    ev("InTransit", "IN_TRANSIT", "In transit at the carrier hub", new Date(collectedAt.getTime() + 3 * 3600_000), `${carrier} hub`, null),
    ev("OutForDelivery", "OUT_FOR_DELIVERY", "Out for delivery", londonTime(deliveryDay, "06:30"), `${input.destinationTown} delivery depot`, null),
  ]
  if (input.service.Type === "PickUp") {
    events.push(ev("AtCollectionPoint", "AT_COLLECTION_POINT", "Ready to collect at the pickup point", deliveredAt, input.destinationTown, null))
    events.push(
      ev(
        "Delivered",
        "DELIVERED",
        "Collected by the customer from the pickup point",
        londonTime(addDays(deliveryDay, 1), "12:00"),
        input.destinationTown,
        input.recipientName
      )
    )
  } else {
    events.push(ev("Delivered", "DELIVERED", "Delivered", deliveredAt, input.destinationTown, input.service.signed ? input.recipientName : null))
  }
  return events
}

/** Events of a timeline that have happened by `now`. */
export function eventsSoFar(events: TrackingEvent[], now: Date): TrackingEvent[] {
  return events.filter((event) => event.at.getTime() <= now.getTime())
}

function ev(state: string, code: string, description: string, at: Date, location: string, signedBy: string | null): TrackingEvent {
  return { state, code, description, at, location, signedBy }
}

function midpoint(day: LocalDay, start: string, end: string): Date {
  const startMs = londonTime(day, start).getTime()
  const endMs = londonTime(day, end).getTime()
  return new Date(startMs + Math.round((endMs - startMs) / 2 / 60_000) * 60_000)
}
