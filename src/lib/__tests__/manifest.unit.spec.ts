import { MANIFEST_PREVIEW_MAX_PAGES, previewManifest, zonedDay, zonedTime } from "../manifest"
import { STATE_RULES } from "../pro"
import type { ProClient } from "../pro"

/** A PRO whose search answers `total` consignments per state (pages of `take`), alternating two locations and carriers. */
function fakeClient(total: number, shippingDate = "2025-06-16T09:00:00+00:00") {
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
            ShippingDate: shippingDate,
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
    const preview = await previewManifest(
      client,
      {
        shipping_location_references: Array.from({ length: 20 }, (_, i) => (i ? `SL-${i}` : "SL-MANCHESTER")),
        carriers: Array.from({ length: 20 }, (_, i) => (i ? `C-${i}` : "CARRIER_X")),
      },
      "Europe/London"
    )
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
    const preview = await previewManifest(client, { shipping_date: "2025-06-16" }, "Europe/London")
    expect(searches.length).toBe(STATE_RULES.manifestable.length * MANIFEST_PREVIEW_MAX_PAGES)
    expect(preview.truncated).toBe(true)
    expect(preview.total).toBe(STATE_RULES.manifestable.length * MANIFEST_PREVIEW_MAX_PAGES * 100)
  })
})

describe("the manifest time zone (issue 18 item 5)", () => {
  // 2025-06-16 13:30 UTC: 14:30 on the 16th in London, 01:30 on the 17th in Auckland, 09:30 on the 16th in New York
  const instant = "2025-06-16T13:30:00Z"

  it("gives the day and time of an instant in the zone, not London's", () => {
    expect(zonedDay(instant, "Europe/London")).toBe("2025-06-16")
    expect(zonedDay(instant, "Pacific/Auckland")).toBe("2025-06-17")
    expect(zonedDay("2025-06-16", "Pacific/Auckland")).toBe("2025-06-16")
    expect(zonedTime(new Date(instant), "Europe/London")).toBe("14:30")
    expect(zonedTime(new Date(instant), "Pacific/Auckland")).toBe("01:30")
    expect(zonedTime(new Date("2025-06-16T04:05:00Z"), "America/New_York")).toBe("00:05")
  })

  it("filters a preview's shipping day in the zone given", async () => {
    const { client } = fakeClient(4, instant)
    const all = STATE_RULES.manifestable.length * 4
    expect((await previewManifest(client, { shipping_date: "2025-06-16" }, "Europe/London")).total).toBe(all)
    expect((await previewManifest(client, { shipping_date: "2025-06-16" }, "Pacific/Auckland")).total).toBe(0)
    expect((await previewManifest(client, { shipping_date: "2025-06-17" }, "Pacific/Auckland")).total).toBe(all)
  })
})
