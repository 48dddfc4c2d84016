import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelConsignmentWorkflow } from "../../../../../../workflows/cancel-consignment"
import { findRecord, sendAdminError, sortedProService } from "../../../helpers"

/**
 * `POST /admin/sorted-pro/consignments/:reference/cancel` — cancels the consignment in PRO (docs/pro-api.md §3.13;
 * idempotent: an already cancelled one is a success). Body: `{}`.
 * 200 `{ consignment: Record, outcome: "cancelled" }`.
 * Errors: 400 names `reference` or an unexpected body field; 404 unknown; 409 when PRO refuses (e.g. `Manifested`:
 * deallocate first), with PRO's CorrelationId, recorded as `last_error`; 502 PRO unavailable.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    if (!record.reference) {
      return res.status(409).json({ type: "not_allowed", message: `${record.id} is not in SortedPRO (${record.sync_status}): nothing to cancel` })
    }
    await cancelConsignmentWorkflow(req.scope).run({ input: { reference: record.reference } })
    res.json({ consignment: await findRecord(service, record.id), outcome: "cancelled" })
  } catch (error) {
    sendAdminError(res, error, `Cancellation of ${req.params.reference}`)
  }
}
