import { z } from "@medusajs/framework/zod"
import { canonicalTimeZone } from "../../lib/manifest"

/**
 * The zod schemas every SortedPRO route validates its dates, times and free text with (store and admin), so that
 * each input is checked one way and a bad one is a 400 naming the field, never a value that fails later in
 * PostgreSQL or at PRO (an impossible date becomes `Invalid Date`; a NUL byte is refused by PostgreSQL).
 */

/**
 * A calendar day `YYYY-MM-DD` that exists (zod's ISO date: months 01–12, days of that month, leap years), from
 * year 1000 on (a year below that has no meaning here, and year 0 does not exist in PostgreSQL). Stays a string.
 * Error message: `<field> must be a real date YYYY-MM-DD`.
 */
export const isoDay = (field: string) =>
  z.iso
    .date({ error: `${field} must be a real date YYYY-MM-DD` })
    .refine((day) => !day.startsWith("0"), { error: `${field} must be a real date YYYY-MM-DD from year 1000` })

/** A 24-hour local time `HH:MM` (00:00–23:59). Error message: `<field> must be HH:MM (24 h)`. */
export const localTime = (field: string) => z.iso.time({ precision: -1, error: `${field} must be HH:MM (24 h)` })

/**
 * An IANA time zone name `Intl` knows ("Europe/London", "UTC"; case-insensitive), given back in its canonical
 * spelling. Error message: `<field> must be an IANA time zone, e.g. Europe/London`.
 */
export const timeZone = (field: string) =>
  z
    .string({ error: `${field} must be an IANA time zone, e.g. Europe/London` })
    .refine((zone) => canonicalTimeZone(zone) !== undefined, { error: `${field} must be an IANA time zone, e.g. Europe/London` })
    .transform((zone) => canonicalTimeZone(zone)!)

/** Control characters (NUL included): never part of an id, reference, code or search text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * A non-empty line of text of at most `max` characters without control characters (ids, references, codes,
 * search text). Error messages name `field`.
 */
export const text = (field: string, max = 100) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, `${field} must not be empty`)
    .max(max, `${field}: at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), { error: `${field} must not contain control characters` })

/**
 * A list query value, `a,b` or repeated `?x=a&x=b`, of 1–`max` entries each {@link text} (at most 100 characters).
 * Error messages name `field`.
 */
export const queryList = (field: string, max: number) =>
  z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(text(`${field}[]`), { error: `${field} must be a comma-separated list` }).max(max, `${field}: at most ${max} values`)
  )
