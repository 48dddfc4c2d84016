/**
 * Sandbox clock and Europe/London calendar helpers.
 *
 * PRO works in UK local days: cut-offs, delivery days and windows are London wall-clock times, while
 * responses carry ISO-8601 instants with an explicit offset (docs/pro-api.md §1 "Dates"). Everything here is
 * pure except {@link SandboxClock}, whose "now" can be set or advanced through the control API so tests
 * can move through cut-offs and tracking events without waiting.
 */

/** A calendar day in Europe/London, formatted `YYYY-MM-DD`. */
export type LocalDay = string

const LONDON = "Europe/London"
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const
export type Weekday = (typeof WEEKDAYS)[number]

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
})

/**
 * Mutable "now" of one sandbox instance.
 * Source: brief (control API `/_sandbox/clock`); not part of PRO.
 */
export class SandboxClock {
  private current: number

  /** @param start initial instant (Date or ISO-8601 string); defaults to the real current time. Throws `RangeError` on an unparseable string. */
  constructor(start?: Date | string) {
    this.current = start === undefined ? Date.now() : parseInstant(start)
  }

  /** Current sandbox instant (a fresh Date each call). */
  now(): Date {
    return new Date(this.current)
  }

  /** Sets the clock to an instant (Date or ISO-8601 string). Throws `RangeError` when unparseable. */
  set(instant: Date | string): void {
    this.current = parseInstant(instant)
  }

  /** Moves the clock forward (or back, when negative) by a number of minutes. */
  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000
  }

  /** Moves the clock by whole 24-hour periods (not London days: a DST change shifts local time by 1 h). */
  advanceDays(days: number): void {
    this.advanceMinutes(days * 24 * 60)
  }
}

/** Parses a Date or ISO-8601 string into epoch milliseconds. Throws `RangeError` when invalid. */
export function parseInstant(value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (!Number.isFinite(ms)) {
    throw new RangeError(`Invalid date: ${String(value)}`)
  }
  return ms
}

/** London wall-clock parts of an instant: `{day: "YYYY-MM-DD", hour, minute, second}`. */
export function londonWallClock(instant: Date): WallClock {
  const ms = Math.floor(instant.getTime() / 1000) * 1000
  let wall = wallClockCache.get(ms)
  if (!wall) {
    if (wallClockCache.size > 50_000) {
      wallClockCache.clear()
    }
    const parts = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]))
    wall = { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) }
    wallClockCache.set(ms, wall)
  }
  return wall
}

/** London wall-clock reading. */
export interface WallClock {
  day: LocalDay
  hour: number
  minute: number
  second: number
}

const wallClockCache = new Map<number, WallClock>()

/** London UTC offset in minutes at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(instant: Date): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000
  let out = offsetCache.get(ms)
  if (out === undefined) {
    if (offsetCache.size > 50_000) {
      offsetCache.clear()
    }
    const wall = londonWallClock(instant)
    const asUtc = Date.parse(`${wall.day}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}Z`)
    out = Math.round((asUtc - ms) / 60_000)
    offsetCache.set(ms, out)
  }
  return out
}

const offsetCache = new Map<number, number>()

/**
 * Instant of a London wall-clock time on a local day. `time` is `HH:MM` (24 h).
 * Times inside the spring-forward gap resolve one hour later, as UK clocks do.
 */
export function londonTime(day: LocalDay, time: string): Date {
  const key = `${day}T${time}`
  let ms = londonTimeCache.get(key)
  if (ms === undefined) {
    if (londonTimeCache.size > 50_000) {
      londonTimeCache.clear()
    }
    ms = resolveLondonTime(day, time)
    londonTimeCache.set(key, ms)
  }
  return new Date(ms)
}

const londonTimeCache = new Map<string, number>()

function resolveLondonTime(day: LocalDay, time: string): number {
  const guess = Date.parse(`${day}T${time}:00Z`)
  const first = guess - londonOffsetMinutes(new Date(guess)) * 60_000
  return guess - londonOffsetMinutes(new Date(first)) * 60_000
}

/** London local day of an instant. */
export function londonDay(instant: Date): LocalDay {
  return londonWallClock(instant).day
}

/** Adds calendar days to a local day (memoised: availability calls it thousands of times per request). */
export function addDays(day: LocalDay, days: number): LocalDay {
  const key = `${day}|${days}`
  let out = addDaysCache.get(key)
  if (out === undefined) {
    if (addDaysCache.size > 50_000) {
      addDaysCache.clear()
    }
    const noon = new Date(`${day}T12:00:00Z`)
    noon.setUTCDate(noon.getUTCDate() + days)
    out = noon.toISOString().slice(0, 10)
    addDaysCache.set(key, out)
  }
  return out
}

const addDaysCache = new Map<string, LocalDay>()

/** English weekday name of a local day, e.g. `"Wednesday"` (memoised). */
export function weekdayOf(day: LocalDay): Weekday {
  let out = weekdayCache.get(day)
  if (out === undefined) {
    if (weekdayCache.size > 50_000) {
      weekdayCache.clear()
    }
    out = WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]
    weekdayCache.set(day, out)
  }
  return out
}

const weekdayCache = new Map<LocalDay, Weekday>()

/** All weekday names, Sunday first (index = JS `getDay()`). */
export const WEEKDAY_NAMES: readonly Weekday[] = WEEKDAYS

/** Formats an offset in minutes as `+01:00` (PRO's window `UtcOffset` and ISO suffix style). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+"
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/**
 * Formats an instant as ISO-8601 in London local time with offset, e.g. `2019-06-17T15:30:00+01:00`.
 * Seconds are kept; milliseconds dropped (PRO sometimes sends 7-digit fractions, docs/pro-api.md §1).
 */
export function isoLondon(instant: Date): string {
  const ms = Math.floor(instant.getTime() / 1000) * 1000
  let out = isoLondonCache.get(ms)
  if (out === undefined) {
    if (isoLondonCache.size > 50_000) {
      isoLondonCache.clear()
    }
    const wall = londonWallClock(instant)
    out = `${wall.day}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${formatOffset(londonOffsetMinutes(instant))}`
    isoLondonCache.set(ms, out)
  }
  return out
}

const isoLondonCache = new Map<number, string>()

/** A date-only value the way PRO prints delivery / shipping dates: `2019-06-19T00:00:00+00:00`. */
export function isoDateOnly(day: LocalDay): string {
  return `${day}T00:00:00+00:00`
}

/**
 * Reads a PRO date field (`2019-06-19T00:00:00+00:00`, `…Z`, or `2019-06-19`) as the day it names.
 * PRO writes date-only values as midnight with an offset, so the calendar date written is taken as-is
 * (not shifted to London). Returns `undefined` when unparseable.
 */
export function dayOfDateField(value: unknown): LocalDay | undefined {
  if (typeof value !== "string") {
    return undefined
  }
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim())
  if (!match || !Number.isFinite(Date.parse(value.trim().length === 10 ? `${match[1]}T00:00:00Z` : value))) {
    return undefined
  }
  return match[1]
}

/** PRO's allocation description date style: `17/06/2019 00:00:00 +00:00` for a local day. */
export function describeShippingDay(day: LocalDay): string {
  const [y, m, d] = day.split("-")
  return `${d}/${m}/${y} 00:00:00 +00:00`
}

function pad(value: number): string {
  return String(value).padStart(2, "0")
}
