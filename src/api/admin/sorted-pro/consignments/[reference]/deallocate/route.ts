import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deallocateConsignmentWorkflow } from "../../../../../../workflows/deallocate-consignment"
import { withConsignmentInPro } from "../../../helpers"

/**
 * `POST /admin/sorted-pro/consignments/:reference/deallocate` — back to `Unallocated` in PRO (docs/pro-api.md §3.13):
 * carrier, tracking numbers and manifest are dropped. Body: `{}`.
 * 200 `{ consignment: Record, previous_state, outcome: "deallocated" }`.
 * Errors: 400 names `reference`; 404 unknown; 409 when the state forbids it (allowed from Allocated, ReadyToShip,
 * Manifested, ManifestFailed) or PRO refuses (with CorrelationId, recorded as `last_error`); 502 PRO unavailable.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await withConsignmentInPro(req, res, { what: "Deallocation of", nothingTo: "nothing to deallocate" }, async (_record, reference) => {
    const { result } = await deallocateConsignmentWorkflow(req.scope).run({ input: { reference } })
    res.json({ ...result, outcome: "deallocated" })
  })
}
