import { AdminConsignmentListQuery, AdminManifestBody, AdminManifestPreviewQuery, AdminSettingsBody } from "../../admin/sorted-pro/middlewares"
import { StoreDeliveryOptionsQuery } from "../../store/sorted-pro/middlewares"

/** The first issue's message of a failed parse ("" when it parsed). */
const refusal = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? "" : result.error!.issues[0].message

describe("dates, times and lists of the SortedPRO routes (issue 14 items 6 and 7)", () => {
  it.each(["2025-13-01", "2025-02-30", "2025-04-31", "0000-01-01", "2025-1-01"])("refuses the impossible date %s by field name", (day) => {
    expect(refusal(AdminConsignmentListQuery.safeParse({ created_from: day }))).toContain("created_from")
    expect(refusal(AdminConsignmentListQuery.safeParse({ created_to: day }))).toContain("created_to")
    expect(refusal(AdminManifestBody.safeParse({ shipping_date: day }))).toContain("shipping_date")
    expect(refusal(AdminManifestPreviewQuery.safeParse({ shipping_date: day }))).toContain("shipping_date")
    expect(refusal(StoreDeliveryOptionsQuery.safeParse({ cart_id: "cart_1", date_from: day }))).toContain("date_from")
  })

  it("accepts real dates (leap day included) and times", () => {
    expect(AdminConsignmentListQuery.parse({ created_from: "2024-02-29", created_to: "2025-12-31" })).toMatchObject({ created_from: "2024-02-29" })
    expect(AdminSettingsBody.parse({ manifest_time: "23:59" })).toEqual({ manifest_time: "23:59" })
    expect(refusal(AdminSettingsBody.safeParse({ manifest_time: "24:00" }))).toContain("manifest_time")
  })

  it("takes the manifest time zone as an IANA zone (canonical spelling kept), refusing others by field name", () => {
    expect(AdminSettingsBody.parse({ manifest_time_zone: "pacific/auckland" })).toEqual({ manifest_time_zone: "Pacific/Auckland" })
    expect(AdminSettingsBody.parse({ manifest_time_zone: "UTC" })).toEqual({ manifest_time_zone: "UTC" })
    for (const zone of ["Mars/Base", "", "GMT+25", 7]) {
      expect(refusal(AdminSettingsBody.safeParse({ manifest_time_zone: zone }))).toContain("manifest_time_zone")
    }
  })

  it("refuses NUL bytes and over-long filters by field name", () => {
    expect(refusal(AdminConsignmentListQuery.safeParse({ order_id: "order\u0000" }))).toContain("order_id")
    expect(refusal(StoreDeliveryOptionsQuery.safeParse({ cart_id: "\u0000" }))).toContain("cart_id")
    const many = Array.from({ length: 21 }, (_, i) => `SL-${i}`)
    expect(refusal(AdminManifestBody.safeParse({ shipping_location_references: many }))).toContain("shipping_location_references")
    expect(refusal(AdminManifestPreviewQuery.safeParse({ carriers: many.join(",") }))).toContain("carriers")
  })
})
