import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { manifestConsignmentsWorkflow } from "../../../../workflows/manifest-consignments"
import { sendAdminError } from "../helpers"
import type { AdminManifestBody } from "../middlewares"

/**
 * `POST /admin/sorted-pro/manifests` — end-of-day manifest of allocated consignments (Manifest Consignments From
 * Query, docs/pro-api.md §3.11), or of exactly the given `references` (Manifest Consignments).
 * Body (all optional, ANDed): `shipping_location_references` (PRO `SL-…`, at most 20), `carriers` (PRO carrier
 * references, at most 20; each value ≤ 100 characters), `shipping_date` (a real date YYYY-MM-DD); or `references`
 * (`["EC-…"]`, 1–500; the filters are then ignored). One PRO manifest call either way.
 *
 * 200 `{ manifest: { message, failed_consignments: [{reference, reason}], consignments: [{id, reference, state}] } }`
 * — `failed_consignments` is PRO's `FailedConsignments` with why each failed.
 * Errors: 400 naming the invalid field; 409/502 when PRO refuses or is unavailable, with its CorrelationId.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminManifestBody>, res: MedusaResponse) {
  try {
    const { result } = await manifestConsignmentsWorkflow(req.scope).run({ input: req.validatedBody })
    res.json({ manifest: result })
  } catch (error) {
    sendAdminError(res, error, "Manifest")
  }
}
