import { MANIFEST_PREVIEW_MAX_PAGES, previewManifest } from "../manifest"
import { STATE_RULES } from "../pro"
import type { ProClient } from "../pro"

/** A PRO whose search answers `total` consignments per state (pages of `take`), alternating two locations and carriers. */
function fakeClient(total: number) {
  const searches: Array<Record<string, string | undefined>> = []
  const client = {
    consignments: {
      search: async (take: number, skip: number, filters: Record<string, string | undefined> = {}) => {
        searches.push(filters)
        const count = Math.max(0, Math.min(take, total - skip))
        return {
          Count: total,
          ConsignmentSummaries: Array.from({ length: count }, (_, i) => ({
            Reference: `EC-${filters.State}-${skip + i}`,
            ConsignmentState: filters.State,
            ShippingLocationReference: (skip + i) % 2 ? "SL-LONDON" : "SL-MANCHESTER",
            CarrierReference: (skip + i) % 2 ? "SWIFTPOST" : "CARRIER_X",
            ShippingDate: "2025-06-16T09:00:00+00:00",
          })),
        }
      },
    },
  } as unknown as ProClient
  return { client, searches }
}

describe("previewManifest (issue 14 item 7: bounded PRO searches)", () => {
  it("makes one search per manifestable state and page, whatever the number of filters", async () => {
    const { client, searches } = fakeClient(150)
    const preview = await previewManifest(client, {
      shipping_location_references: Array.from({ length: 20 }, (_, i) => (i ? `SL-${i}` : "SL-MANCHESTER")),
      carriers: Array.from({ length: 20 }, (_, i) => (i ? `C-${i}` : "CARRIER_X")),
    })
    // 2 pages per state, never one search per location × carrier
    expect(searches.length).toBe(STATE_RULES.manifestable.length * 2)
    expect(searches.every((filters) => Object.keys(filters).join() === "State")).toBe(true)
    // filters applied to the summaries: only Manchester + CARRIER_X (even indexes), 75 per state
    expect(preview.total).toBe(75 * STATE_RULES.manifestable.length)
    expect(preview.groups).toEqual([expect.objectContaining({ shipping_location_reference: "SL-MANCHESTER", carrier_reference: "CARRIER_X" })])
    expect(preview.truncated).toBe(false)
  })

  it("stops after MANIFEST_PREVIEW_MAX_PAGES pages per state and says the preview is truncated", async () => {
    const { client, searches } = fakeClient(100 * (MANIFEST_PREVIEW_MAX_PAGES + 5))
    const preview = await previewManifest(client, { shipping_date: "2025-06-16" })
    expect(searches.length).toBe(STATE_RULES.manifestable.length * MANIFEST_PREVIEW_MAX_PAGES)
    expect(preview.truncated).toBe(true)
    expect(preview.total).toBe(STATE_RULES.manifestable.length * MANIFEST_PREVIEW_MAX_PAGES * 100)
  })
})
