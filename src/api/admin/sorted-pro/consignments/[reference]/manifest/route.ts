import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { manifestConsignmentsWorkflow } from "../../../../../../workflows/manifest-consignments"
import { withConsignmentInPro } from "../../../helpers"

/**
 * `POST /admin/sorted-pro/consignments/:reference/manifest` — manifests this one consignment now
 * (`PUT /consignments/manifest`, docs/pro-api.md §3.11). Body: `{}`.
 * 200 `{ manifest: { message, failed_consignments: [{reference, reason}], consignments: [{id, reference, state}] },
 * outcome: "manifested" | "failed" }` — PRO's per-consignment refusal (e.g. not allocated) is `failed` with its reason.
 * Errors: 400 names `reference`; 404 unknown; 409/502 from PRO with its CorrelationId.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await withConsignmentInPro(req, res, { what: "Manifest of", nothingTo: "nothing to manifest" }, async (_record, reference) => {
    const { result } = await manifestConsignmentsWorkflow(req.scope).run({ input: { references: [reference] } })
    res.json({ manifest: result, outcome: result.failed_consignments.length ? "failed" : "manifested" })
  })
}
