/**
 * A PRO date on the wire in the ISO-8601 form with offset the examples use (docs/pro-api.md §1 "Dates", §3.6
 * `RequiredDeliveryDate`: `2019-06-19T00:00:00+00:00`): a calendar day (`YYYY-MM-DD`) becomes midnight UTC, a `Date`
 * its UTC instant with milliseconds and `+00:00`; any other string (already a date-time) is kept as it is.
 */
export function proDateTime(value: string | Date): string {
  if (value instanceof Date) {
    return value.toISOString().replace(/Z$/, "+00:00")
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+00:00` : value
}
