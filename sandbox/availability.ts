/**
 * Delivery promises: which services can carry a shipment, on which days, at what price.
 *
 * Implements the rules behind Delivery Options (docs/pro-api.md §3.2: max 14 days unless `DeliveryDate`,
 * "cheapest service per promise", `GuaranteedOnly`), Pickup Options (§3.3), allocation (§3.7) and
 * quotes (§3.8). All days are Europe/London local days; cut-offs are London wall-clock times.
 */
import { addDays, formatOffset, isoDateOnly, isoLondon, LocalDay, londonDay, londonOffsetMinutes, londonTime, weekdayOf } from "./clock"
import { carrierOf, CarrierService, collectsOn, deliveryDayFor, ineligibility, netPrice, round2, SERVICES, Zone } from "./catalogue"
import { ShipmentRequest } from "./model"

/** Days ahead searched when a request gives no `DeliveryDate` (§3.2). */
export const DEFAULT_HORIZON_DAYS = 14
/** Minutes between the operational and the allocation cut-off (§3.3 example: 15:00 vs 15:30). */
export const OPERATIONAL_LEAD_MINUTES = 30

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Price with tax (§4 Rate). `taxKey` is `TaxRate` for delivery options and quotes, `VatRate` for pickup options (§6). */
export function rate(net: number, zone: Zone, taxKey: "TaxRate" | "VatRate" = "TaxRate"): Record<string, unknown> {
  const domestic = zone === "UK_MAINLAND" || zone === "UK_HIGHLANDS_ISLANDS" || zone === "NORTHERN_IRELAND"
  const r = domestic ? 0.2 : 0
  const vat = round2(net * r)
  return {
    Net: round2(net),
    Gross: round2(net + vat),
    [taxKey]: { Reference: domestic ? "GB-0.2000" : "GB-0.0000", CountryIsoCode: "GB", Type: domestic ? "Standard" : "Zero", Rate: r },
    VatAmount: vat,
    Currency: { Name: "Pound Sterling", IsoCode: "GBP" },
  }
}

/** A service able to carry a shipment, with its net price (GBP). */
export interface PricedService {
  service: CarrierService
  net: number
}

/** Which services are considered: home delivery, pickup (Type PickUp) or drop-off (Type DropOff). */
export type ServiceKind = "delivery" | "pickup" | "dropoff" | "any"

function kindOf(service: CarrierService): ServiceKind {
  return service.Type === "PickUp" ? "pickup" : service.Type === "DropOff" ? "dropoff" : "delivery"
}

/**
 * Services that can carry `req` (zone, direction, weight and size limits, `GuaranteedOnly`),
 * optionally restricted to a kind and a list of references, with prices. Keeps catalogue order.
 */
export function pricedServices(req: ShipmentRequest, kind: ServiceKind, only?: readonly string[]): PricedService[] {
  const parcels = req.Packages.map((packageInput) => packageInput.measure)
  return SERVICES.filter(
    (service) =>
      (kind === "any" || kindOf(service) === kind) &&
      (!only || only.includes(service.Reference)) &&
      (!req.GuaranteedOnly || service.guaranteed) &&
      !ineligibility(service, req.zone, parcels, req.Direction)
  ).map((service) => ({ service, net: netPrice(service, req.zone, parcels) }))
}

/** One concrete delivery promise of a service: collected on `shipDay`, delivered on `deliveryDay`. */
export interface DeliveryPromise {
  service: CarrierService
  net: number
  shipDay: LocalDay
  deliveryDay: LocalDay
  allocationCutOff: Date
  operationalCutOff: Date
}

/**
 * All promises of one service with delivery days in (today, lastDay], never with a passed allocation
 * cut-off (by `now`), shipping no earlier than `firstShipDay`. For each delivery day the latest
 * possible shipping day is used.
 */
export function promisesOf(priced: PricedService, zone: Zone, now: Date, firstShipDay: LocalDay, lastDay: LocalDay): DeliveryPromise[] {
  const nowMs = now.getTime()
  const byDelivery = new Map<LocalDay, DeliveryPromise>()
  for (const slot of scheduleOf(priced.service, zone, firstShipDay, lastDay)) {
    if (slot.allocationCutOff.getTime() <= nowMs) {
      continue
    }
    let promise = slot.promises.get(priced.net)
    if (!promise) {
      if (slot.promises.size > 1_000) {
        slot.promises.clear()
      }
      promise = {
        service: priced.service,
        net: priced.net,
        shipDay: slot.shipDay,
        deliveryDay: slot.deliveryDay,
        allocationCutOff: slot.allocationCutOff,
        operationalCutOff: slot.operationalCutOff,
      }
      slot.promises.set(priced.net, promise)
    }
    byDelivery.set(slot.deliveryDay, promise)
  }
  return [...byDelivery.values()]
}

/**
 * A collection day of a service and where it leads (calendar facts only: no price, no "now"), with the promises made
 * from it by net price. Promises are therefore shared between requests and must be treated as immutable.
 */
type Slot = Pick<DeliveryPromise, "shipDay" | "deliveryDay" | "allocationCutOff" | "operationalCutOff"> & { promises: Map<number, DeliveryPromise> }

/**
 * Collection days of a service in [firstShipDay, lastDay) whose delivery day is ≤ lastDay, in shipping order. Pure
 * calendar arithmetic on the immutable catalogue, so it is memoised per service (a checkout asks the same ranges over
 * and over); the Dates are shared and must not be mutated.
 */
function scheduleOf(service: CarrierService, zone: Zone, firstShipDay: LocalDay, lastDay: LocalDay): readonly Slot[] {
  let memo = scheduleMemo.get(service)
  if (!memo) {
    scheduleMemo.set(service, (memo = new Map()))
  } else if (memo.size > 5_000) {
    memo.clear()
  }
  const key = `${zone}|${firstShipDay}|${lastDay}`
  let slots = memo.get(key)
  if (!slots) {
    slots = []
    const transit = service.zones[zone]!.transit
    for (let ship = firstShipDay; ship < lastDay; ship = addDays(ship, 1)) {
      if (!collectsOn(service, ship)) {
        continue
      }
      const deliveryDay = deliveryDayFor(service, transit, ship)
      if (!deliveryDay || deliveryDay > lastDay) {
        continue
      }
      const allocationCutOff = londonTime(ship, service.cutOff)
      const operationalCutOff = new Date(allocationCutOff.getTime() - OPERATIONAL_LEAD_MINUTES * 60_000)
      slots.push({ shipDay: ship, deliveryDay, allocationCutOff, operationalCutOff, promises: new Map() })
    }
    memo.set(key, slots)
  }
  return slots
}

const scheduleMemo = new WeakMap<CarrierService, Map<string, Slot[]>>()

/** Date range searched for a request: first possible shipping day and last delivery day. */
export function searchRange(req: ShipmentRequest, now: Date): { firstShipDay: LocalDay; lastDay: LocalDay } {
  const today = londonDay(now)
  const firstShipDay = req.ShippingDay && req.ShippingDay > today ? req.ShippingDay : today
  const lastDay = req.DeliveryDay ?? addDays(today, DEFAULT_HORIZON_DAYS)
  return { firstShipDay, lastDay }
}

/**
 * Delivery promises for a request, keeping only the cheapest service per promise (delivery day +
 * window); ties go to the earlier catalogue service. Sorted by day, window start, price.
 * Source: docs/pro-api.md §3.2.
 */
export function cheapestPromises(req: ShipmentRequest, now: Date, kind: ServiceKind, only?: readonly string[]): DeliveryPromise[] {
  const { firstShipDay, lastDay } = searchRange(req, now)
  const best = new Map<string, DeliveryPromise>()
  for (const priced of pricedServices(req, kind, only)) {
    for (const promise of promisesOf(priced, req.zone, now, firstShipDay, lastDay)) {
      const key = `${promise.deliveryDay}|${priced.service.window.start}|${priced.service.window.end}`
      const current = best.get(key)
      if (!current || promise.net < current.net) {
        best.set(key, promise)
      }
    }
  }
  // days are YYYY-MM-DD and window times HH:MM, so plain string order is chronological (and much faster than localeCompare)
  return [...best.values()].sort(
    (a, b) => compareStrings(a.deliveryDay, b.deliveryDay) || compareStrings(a.service.window.start, b.service.window.start) || a.net - b.net
  )
}

/**
 * Earliest promise of a service for a consignment being allocated now: first shipping day on or
 * after the requested `ShippingDate` (or today) whose cut-off has not passed, within 60 days.
 * Returns undefined if the service cannot deliver in that period.
 */
export function earliestPromise(priced: PricedService, req: ShipmentRequest, now: Date): DeliveryPromise | undefined {
  const { firstShipDay } = searchRange(req, now)
  return promisesOf(priced, req.zone, now, firstShipDay, addDays(firstShipDay, 60)).sort((a, b) => a.deliveryDay.localeCompare(b.deliveryDay))[0]
}

/** Earliest and latest delivery instants of a promise (window start/end in London time). */
export function deliveryBounds(promise: Pick<DeliveryPromise, "service" | "deliveryDay">): { earliest: Date; latest: Date } {
  return {
    earliest: londonTime(promise.deliveryDay, promise.service.window.start),
    latest: londonTime(promise.deliveryDay, promise.service.window.end),
  }
}

/**
 * Wire delivery option (§3.2 keys). With `taxKey: "VatRate"` it is the pickup-option variant (§3.3),
 * which the contract shows without `CarrierServiceTypes` and `ServiceDirection`.
 */
export function wireOption(reference: string, promise: DeliveryPromise, zone: Zone, taxKey: "TaxRate" | "VatRate"): Record<string, unknown> {
  const { earliest } = deliveryBounds(promise)
  const option: Record<string, unknown> = {
    Reference: reference,
    EstimatedDeliveryDate: {
      Date: isoDateOnly(promise.deliveryDay),
      Guaranteed: promise.service.guaranteed,
      DayOfWeek: weekdayOf(promise.deliveryDay),
    },
    DeliveryWindow: {
      Start: `${promise.service.window.start}:00`,
      End: `${promise.service.window.end}:00`,
      UtcOffset: formatOffset(londonOffsetMinutes(earliest)),
    },
    Carrier: carrierOf(promise.service).Name,
    CarrierService: promise.service.Name,
    CarrierServiceReference: promise.service.Reference,
  }
  if (taxKey === "TaxRate") {
    option.CarrierServiceTypes = promise.service.ServiceTypes
  }
  option.Price = rate(promise.net, zone, taxKey)
  option.AllocationCutOff = isoLondon(promise.allocationCutOff)
  option.OperationalCutOff = isoLondon(promise.operationalCutOff)
  if (taxKey === "TaxRate") {
    option.ServiceDirection = promise.service.direction
  }
  return option
}

/**
 * `JSON.stringify(wireOption(reference, pr, zone, taxKey))`, fast: the JSON of everything but the `Reference` depends
 * only on the promise (service, zone, price, days) and is memoised, so a Delivery Options answer (~50 options, ~35 kB)
 * is mostly string concatenation instead of building and serialising objects. Same key order as {@link wireOption}.
 */
export function wireOptionJson(reference: string, promise: DeliveryPromise, zone: Zone, taxKey: "TaxRate" | "VatRate"): string {
  let byKey = wireJsonCache.get(promise)
  if (!byKey) {
    wireJsonCache.set(promise, (byKey = new Map()))
  }
  const key = `${zone}|${taxKey}`
  let rest = byKey.get(key)
  if (rest === undefined) {
    const { Reference: _omit, ...others } = wireOption("", promise, zone, taxKey)
    rest = JSON.stringify(others).slice(1) // drop the opening brace
    byKey.set(key, rest)
  }
  return `{"Reference":${JSON.stringify(reference)},${rest}`
}

/** Per promise object (promises are memoised, see scheduleOf), the option JSON after `Reference`, by zone and tax key. */
const wireJsonCache = new WeakMap<DeliveryPromise, Map<string, string>>()
