import type { DeliveryDay, DeliveryOptionView, OpeningInterval, PickupLocation, Weekday } from "./types"

/** Weekday keys of `opening_times`, Monday first (ISO order). */
export const WEEKDAYS: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

/**
 * A price in MAJOR units in `locale` via `Intl.NumberFormat`: 11.65 `gbp` → "£11.65" (en-GB), "11,65 £" (de),
 * "11,65 £GB" (fr); each currency with its own minor unit (1358 `jpy` → "¥1,358", 1.235 `kwd` → "KWD 1.235"), the
 * plugin's price rules round the same way. Falls back to "11.65 GBP" if the currency code is not one `Intl` knows.
 */
export function formatMoney(amount: number, currencyCode: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
  } catch {
    return `${amount.toFixed(2)} ${currencyCode.toUpperCase()}`
  }
}

/** A `YYYY-MM-DD` day as a UTC midnight `Date`, so that formatting never shifts it by the viewer's time zone. */
function dayDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`)
}

/** Parts of a `YYYY-MM-DD` day for display: `weekday` ("Tue"), `dayMonth` ("12 Aug"), `long` ("Tuesday 12 August"). */
export function formatDay(date: string, locale: string) {
  const value = dayDate(date)
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options }).format(value)
  return {
    weekday: format({ weekday: "short" }),
    dayMonth: format({ day: "numeric", month: "short" }),
    long: format({ weekday: "long", day: "numeric", month: "long" }),
  }
}

/**
 * A local `HH:MM` time of day in `locale`'s clock via `Intl.DateTimeFormat` ("07:00" in en-GB, de and fr, "7:00 AM" in
 * en-US); the value as it is when it is not `HH:MM`.
 */
export function formatTime(time: string, locale = "en-GB"): string {
  const match = /^(\d{2}):(\d{2})/.exec(time)
  if (!match || Number(match[1]) > 23) {
    return time
  }
  const value = new Date(Date.UTC(2024, 0, 1, Number(match[1]), Number(match[2])))
  try {
    return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(value)
  } catch {
    return time
  }
}

/** "07:00–12:00" (times in `locale`'s clock, {@link formatTime}), or `anyTime` for an all-day option (`window: null`). */
export function formatWindow(window: DeliveryOptionView["window"], anyTime: string, locale = "en-GB"): string {
  return window ? `${formatTime(window.start, locale)}–${formatTime(window.end, locale)}` : anyTime
}

/** A distance in km, one decimal ("0.4 km"). */
export function formatDistance(km: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "kilometer", maximumFractionDigits: 1 }).format(km)
  } catch {
    return `${km.toFixed(1)} km`
  }
}

/** Opening intervals of one day as "09:00–12:00, 13:00–17:30" (times in `locale`'s clock), or `closed` when there are none. */
export function formatIntervals(intervals: OpeningInterval[] | undefined, closed: string, locale = "en-GB"): string {
  return intervals && intervals.length > 0
    ? intervals.map((interval) => `${formatTime(interval.start, locale)}–${formatTime(interval.end, locale)}`).join(", ")
    : closed
}

/** The `opening_times` key of a date's weekday in the viewer's time zone. */
export function weekdayKey(date: Date): Weekday {
  return WEEKDAYS[(date.getDay() + 6) % 7]
}

/** The localised long name of an ISO weekday key ("monday" → "Monday" in en-GB). */
export function weekdayName(key: Weekday, locale: string): string {
  // 2024-01-01 was a Monday
  const value = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(key)))
  return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(value)
}

/** One line of a pickup point's address: "12 Oxford Rd, Manchester M1 5WG". */
export function formatAddress(address: PickupLocation["address"]): string {
  const street = [address.address_1, address.address_2, address.address_3].filter(Boolean).join(", ")
  const town = [address.city, address.postal_code].filter(Boolean).join(" ")
  return [street, town].filter(Boolean).join(", ")
}

/** The cheapest option's price, or `undefined` for none. */
export function cheapest(options: DeliveryOptionView[]): DeliveryOptionView["price"] | undefined {
  return options.reduce<DeliveryOptionView["price"] | undefined>(
    (best, option) => (best === undefined || option.price.amount < best.amount ? option.price : best),
    undefined
  )
}

/**
 * Options grouped by `date` (days in date order, options in their given order within a day), each day with its
 * cheapest price as `from_price`: the shape of the delivery-options route's `days`, for a pickup point's options.
 */
export function groupByDay(options: DeliveryOptionView[]): DeliveryDay[] {
  const days = new Map<string, DeliveryDay>()
  for (const option of options) {
    const day = days.get(option.date)
    if (day) {
      day.windows.push(option)
      if (option.price.amount < day.from_price.amount) {
        day.from_price = { amount: option.price.amount, currency_code: option.price.currency_code }
      }
    } else {
      days.set(option.date, {
        date: option.date,
        day_of_week: option.day_of_week,
        from_price: { amount: option.price.amount, currency_code: option.price.currency_code },
        windows: [option],
      })
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date))
}
