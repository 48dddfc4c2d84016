import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewManifest } from "../../../../../lib/manifest"
import { sendAdminError, sortedProService } from "../../helpers"
import type { AdminManifestPreviewQuery } from "../../middlewares"

/**
 * `GET /admin/sorted-pro/manifests/preview` — what `POST /admin/sorted-pro/manifests` with the same filters would
 * include, counted per carrier and PRO shipping location, from PRO's own consignment search (so consignments made
 * outside this store count too). Query (optional): `shipping_location_references`, `carriers` (comma lists),
 * `shipping_date` (YYYY-MM-DD, London day).
 * 200 `{ preview: { total, groups: [{ carrier_reference, carrier_name, shipping_location_reference, count, references }] } }`.
 * Errors: 400 naming the field; 409/502 from PRO with its CorrelationId.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminManifestPreviewQuery>, res: MedusaResponse) {
  try {
    const preview = await previewManifest(sortedProService(req).getClient(), req.validatedQuery as AdminManifestPreviewQuery)
    res.json({ preview })
  } catch (error) {
    sendAdminError(res, error, "Manifest preview")
  }
}
