import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewManifest } from "../../../../../lib/manifest"
import { sendAdminError, sortedProService } from "../../helpers"
import type { AdminManifestPreviewQuery } from "../../middlewares"

/**
 * `GET /admin/sorted-pro/manifests/preview` — what `POST /admin/sorted-pro/manifests` with the same filters would
 * include, counted per carrier and PRO shipping location, from PRO's own consignment search (so consignments made
 * outside this store count too). Query (optional): `shipping_location_references`, `carriers` (comma lists of at
 * most 20 values, each ≤ 100 characters), `shipping_date` (a real date YYYY-MM-DD, a day in the settings'
 * `manifest_time_zone`).
 * Bounded work: one PRO search per manifestable state, pages of 100, at most 10 pages per state (30 searches,
 * 3,000 consignments); the filters are applied to the summaries, so their number costs no PRO call (lib/manifest.ts).
 * 200 `{ preview: { total, truncated, groups: [{ carrier_reference, carrier_name, shipping_location_reference, count,
 * references }] } }`; `truncated: true` when PRO had more manifestable consignments than the preview reads.
 * Errors: 400 naming the field; 409/502 from PRO with its CorrelationId.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminManifestPreviewQuery>, res: MedusaResponse) {
  try {
    const service = sortedProService(req)
    const { manifest_time_zone } = await service.cachedSettings()
    const preview = await previewManifest(service.getClient(), req.validatedQuery as AdminManifestPreviewQuery, manifest_time_zone)
    res.json({ preview })
  } catch (error) {
    sendAdminError(res, error, "Manifest preview")
  }
}
