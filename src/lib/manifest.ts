import { STATE_RULES } from "./pro"
import type { ProClient } from "./pro"

/**
 * Filters of an end-of-day manifest (all optional, ANDed): PRO shipping location references, carrier
 * references, shipping date `YYYY-MM-DD`. With none, every manifestable consignment is manifested.
 * With `references` (EC-…), exactly those consignments are manifested (`PUT /consignments/manifest`) and the
 * filters are ignored.
 */
export interface ManifestInput {
  shipping_location_references?: string[]
  carriers?: string[]
  shipping_date?: string
  references?: string[]
}

/** One line of a manifest preview: how many consignments of a carrier at a shipping location would be manifested. */
export interface ManifestPreviewGroup {
  carrier_reference: string | null
  carrier_name: string | null
  shipping_location_reference: string | null
  count: number
  references: string[]
}

/** What a Manifest From Query with these filters would include, grouped by carrier and shipping location. */
export interface ManifestPreview {
  total: number
  groups: ManifestPreviewGroup[]
  /** True when PRO had more manifestable consignments than the preview reads ({@link MANIFEST_PREVIEW_MAX_PAGES}). */
  truncated: boolean
}

/** Consignments per PRO search page of a preview. */
const PAGE = 100
/** Pages a preview reads per manifestable state at most: 3 states × 10 pages = 30 searches, 3,000 consignments. */
export const MANIFEST_PREVIEW_MAX_PAGES = 10

/**
 * Previews a Manifest From Query without manifesting: searches PRO once per manifestable state
 * (`GET /consignments/{take}/{skip}?State=…`, docs/pro-api.md §2; `State` is the only filter PRO documents there),
 * in pages of 100, at most {@link MANIFEST_PREVIEW_MAX_PAGES} pages per state (beyond: `truncated: true`), so at
 * most 30 searches whatever the filters. The filters are applied to the summaries: shipping locations
 * (`ShippingLocationReference`), carriers (`CarrierReference`), shipping day `YYYY-MM-DD` compared with the
 * summary's `ShippingDate` in `timeZone` (IANA, the settings' `manifest_time_zone`). Counts per carrier and shipping
 * location. Consignments not created through this store are included, as PRO would manifest them too.
 * @throws ProApiError when PRO cannot be searched.
 */
export async function previewManifest(client: ProClient, input: ManifestInput, timeZone: string): Promise<ManifestPreview> {
  const groups = new Map<string, ManifestPreviewGroup>()
  const seen = new Set<string>()
  const locations = input.shipping_location_references?.length ? new Set(input.shipping_location_references) : undefined
  const carriers = input.carriers?.length ? new Set(input.carriers) : undefined
  let truncated = false
  for (const State of STATE_RULES.manifestable) {
    for (let page = 0; ; page += 1) {
      if (page === MANIFEST_PREVIEW_MAX_PAGES) {
        truncated = true
        break
      }
      const result = await client.consignments.search(PAGE, page * PAGE, { State })
      const summaries = result?.ConsignmentSummaries ?? []
      for (const summary of summaries) {
        const carrier = (summary.CarrierReference as string | undefined) ?? null
        const location = (summary.ShippingLocationReference as string | undefined) ?? null
        if (
          seen.has(summary.Reference) ||
          (summary.ConsignmentState && summary.ConsignmentState !== State) ||
          (locations && !locations.has(location ?? "")) ||
          (carriers && !carriers.has(carrier ?? "")) ||
          (input.shipping_date && zonedDay(summary.ShippingDate as string | undefined, timeZone) !== input.shipping_date)
        ) {
          continue
        }
        seen.add(summary.Reference)
        const key = `${carrier}|${location}`
        const group = groups.get(key) ?? {
          carrier_reference: carrier,
          carrier_name: (summary.CarrierName as string | undefined) ?? null,
          shipping_location_reference: location,
          count: 0,
          references: [],
        }
        group.count += 1
        group.references.push(summary.Reference)
        groups.set(key, group)
      }
      if (summaries.length < PAGE || (page + 1) * PAGE >= (result?.Count ?? 0)) {
        break
      }
    }
  }
  const list = [...groups.values()].sort(
    (a, b) =>
      (a.shipping_location_reference ?? "").localeCompare(b.shipping_location_reference ?? "") ||
      (a.carrier_reference ?? "").localeCompare(b.carrier_reference ?? "")
  )
  return { total: seen.size, groups: list, truncated }
}

/** The manifest time zone when neither the settings nor the plugin options name one. */
export const DEFAULT_MANIFEST_TIME_ZONE = "Europe/London"

/**
 * The canonical spelling of an IANA time zone `Intl` knows ("pacific/auckland" → "Pacific/Auckland", "UTC"), or
 * `undefined` for anything else (an unknown name, an offset such as "+01:00", not a string).
 */
export function canonicalTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== "string" || !zone) {
    return undefined
  }
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

/** The calendar day (`YYYY-MM-DD`) of a PRO instant in the IANA `timeZone`; date-only values keep their own day. */
export function zonedDay(value: string | null | undefined, timeZone: string): string | null {
  if (!value) {
    return null
  }
  const instant = new Date(value)
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(instant.getTime())) {
    return value.slice(0, 10)
  }
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant)
}

/** The 24-hour `HH:MM` of an instant in the IANA `timeZone`. */
export function zonedTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant)
}
