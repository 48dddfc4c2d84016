/**
 * The rules of a catalogue service: collection and delivery days (never on England & Wales bank holidays),
 * transit, eligibility of parcels and the price list (part of the catalogue; `catalogue.ts` re-exports
 * everything here). Units: kg, cm, GBP.
 */
import { addDays, LocalDay, weekdayOf } from "./clock"
import type { CarrierService } from "./catalogue"
import { isBankHoliday, Zone } from "./places"

/** Whether the service collects on `day` (its collection weekdays, never on bank holidays). */
export function collectsOn(service: CarrierService, day: LocalDay): boolean {
  return !isBankHoliday(day) && service.collectsOn.includes(weekdayOf(day))
}

/** Whether the service delivers on `day` (its delivery weekdays, never on bank holidays). */
export function deliversOn(service: CarrierService, day: LocalDay): boolean {
  return !isBankHoliday(day) && service.deliversOn.includes(weekdayOf(day))
}

/**
 * Delivery day for a parcel collected on `shipDay`: `transit` service delivery days later.
 * Returns undefined when the service's `maxCalendarTransit` would be exceeded.
 */
export function deliveryDayFor(service: CarrierService, transit: number, shipDay: LocalDay): LocalDay | undefined {
  let cache = deliveryDayCache.get(service)
  if (!cache) {
    deliveryDayCache.set(service, (cache = new Map()))
  } else if (cache.size > 10_000) {
    cache.clear()
  }
  const key = `${transit}|${shipDay}`
  let out = cache.get(key)
  if (out === undefined) {
    cache.set(key, (out = computeDeliveryDay(service, transit, shipDay) ?? null))
  }
  return out ?? undefined
}

/** Memo of {@link deliveryDayFor} per service (the catalogue is immutable); `null` = no delivery day. */
const deliveryDayCache = new WeakMap<CarrierService, Map<string, LocalDay | null>>()

function computeDeliveryDay(service: CarrierService, transit: number, shipDay: LocalDay): LocalDay | undefined {
  let day = shipDay
  for (let i = 0; i < transit; i++) {
    do {
      day = addDays(day, 1)
    } while (!deliversOn(service, day))
  }
  if (service.maxCalendarTransit !== undefined && calendarDaysBetween(shipDay, day) > service.maxCalendarTransit) {
    return undefined
  }
  return day
}

/** Next day on or after `day` on which the service collects. */
export function nextCollectionDay(service: CarrierService, day: LocalDay): LocalDay {
  let candidate = day
  while (!collectsOn(service, candidate)) {
    candidate = addDays(candidate, 1)
  }
  return candidate
}

/** Whole calendar days from `a` to `b` (b − a). */
export function calendarDaysBetween(fromDay: LocalDay, toDay: LocalDay): number {
  return Math.round((Date.parse(`${toDay}T12:00:00Z`) - Date.parse(`${fromDay}T12:00:00Z`)) / 86_400_000)
}

/** A parcel as the price list sees it (kg, cm). */
export interface ParcelMeasure {
  weightKg: number
  widthCm: number
  lengthCm: number
  heightCm: number
}

/** Chargeable weight of one parcel: max(actual kg, volumetric kg = L×W×H cm / 5000). */
export function chargeableKg(parcel: ParcelMeasure): number {
  return Math.max(parcel.weightKg, (parcel.widthCm * parcel.lengthCm * parcel.heightCm) / 5000)
}

/**
 * Why a service cannot carry these parcels to this zone in this direction, or undefined if it can.
 * Checks zone coverage, direction, per-parcel weight and longest side.
 */
export function ineligibility(service: CarrierService, zone: Zone, parcels: ParcelMeasure[], direction: string): string | undefined {
  if (!service.zones[zone]) {
    return `Service does not deliver to zone ${zone}`
  }
  if (!service.direction.split(", ").includes(direction)) {
    return `Service does not support ${direction} consignments`
  }
  for (const parcel of parcels) {
    if (parcel.weightKg > service.maxWeightKg) {
      return `Package weight ${parcel.weightKg} Kg exceeds the service maximum of ${service.maxWeightKg} Kg`
    }
    if (Math.max(parcel.widthCm, parcel.lengthCm, parcel.heightCm) > service.maxLengthCm) {
      return `Package longest side exceeds the service maximum of ${service.maxLengthCm} Cm`
    }
  }
  return undefined
}

/**
 * Net price (GBP, 2 dp) of a service for these parcels to a zone: Σ (zone base + perKg × chargeable kg).
 * Throws if the service does not serve the zone (check {@link ineligibility} first).
 */
export function netPrice(service: CarrierService, zone: Zone, parcels: ParcelMeasure[]): number {
  const terms = service.zones[zone]
  if (!terms) {
    throw new Error(`Service ${service.Reference} does not serve ${zone}`)
  }
  return round2(parcels.reduce((sum, parcel) => sum + terms.base + service.perKg * chargeableKg(parcel), 0))
}

/** Rounds half away from zero to 2 decimal places (money). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100
}
