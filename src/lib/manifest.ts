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
}

/**
 * Previews a Manifest From Query without manifesting: searches PRO (`GET /consignments/{take}/{skip}?State=…`,
 * pages of 100, one search per manifestable state, filtered like the manifest: shipping locations, carriers,
 * shipping day `YYYY-MM-DD` compared with the summary's `ShippingDate` in London time) and counts per carrier and
 * shipping location. Consignments not created through this store are included, as PRO would manifest them too.
 * @throws ProApiError when PRO cannot be searched.
 */
export async function previewManifest(client: ProClient, input: ManifestInput): Promise<ManifestPreview> {
  const groups = new Map<string, ManifestPreviewGroup>()
  const seen = new Set<string>()
  const locations = input.shipping_location_references?.length ? input.shipping_location_references : [undefined]
  const carriers = input.carriers?.length ? input.carriers : [undefined]
  for (const State of STATE_RULES.manifestable) {
    for (const ShippingLocationReference of locations) {
      for (const CarrierReference of carriers) {
        for (let skip = 0; ; skip += 100) {
          const page = await client.consignments.search(100, skip, { State, ShippingLocationReference, CarrierReference })
          const summaries = page?.ConsignmentSummaries ?? []
          for (const summary of summaries) {
            if (seen.has(summary.Reference) || (summary.ConsignmentState && summary.ConsignmentState !== State)) {
              continue
            }
            if (input.shipping_date && londonDay(summary.ShippingDate as string | undefined) !== input.shipping_date) {
              continue
            }
            seen.add(summary.Reference)
            const carrier = (summary.CarrierReference as string | undefined) ?? null
            const location = (summary.ShippingLocationReference as string | undefined) ?? null
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
          if (summaries.length < 100 || skip + 100 >= (page?.Count ?? 0)) {
            break
          }
        }
      }
    }
  }
  const list = [...groups.values()].sort(
    (a, b) =>
      (a.shipping_location_reference ?? "").localeCompare(b.shipping_location_reference ?? "") ||
      (a.carrier_reference ?? "").localeCompare(b.carrier_reference ?? "")
  )
  return { total: seen.size, groups: list }
}

/** The Europe/London calendar day (`YYYY-MM-DD`) of a PRO instant; date-only values keep their own day. */
export function londonDay(value?: string | null): string | null {
  if (!value) {
    return null
  }
  const instant = new Date(value)
  if (Number.isNaN(instant.getTime())) {
    return value.slice(0, 10)
  }
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant)
}
