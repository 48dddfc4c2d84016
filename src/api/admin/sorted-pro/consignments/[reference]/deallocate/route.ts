import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deallocateConsignmentWorkflow } from "../../../../../../workflows/deallocate-consignment"
import { findRecord, sendAdminError, sortedProService } from "../../../helpers"

/**
 * `POST /admin/sorted-pro/consignments/:reference/deallocate` — back to `Unallocated` in PRO (docs/pro-api.md §3.13):
 * carrier, tracking numbers and manifest are dropped. Body: `{}`.
 * 200 `{ consignment: Record, previous_state, outcome: "deallocated" }`.
 * Errors: 400 names `reference`; 404 unknown; 409 when the state forbids it (allowed from Allocated, ReadyToShip,
 * Manifested, ManifestFailed) or PRO refuses (with CorrelationId, recorded as `last_error`); 502 PRO unavailable.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    if (!record.reference) {
      return res.status(409).json({ type: "not_allowed", message: `${record.id} is not in SortedPRO (${record.sync_status}): nothing to deallocate` })
    }
    const { result } = await deallocateConsignmentWorkflow(req.scope).run({ input: { reference: record.reference } })
    res.json({ ...result, outcome: "deallocated" })
  } catch (error) {
    sendAdminError(res, error, `Deallocation of ${req.params.reference}`)
  }
}
