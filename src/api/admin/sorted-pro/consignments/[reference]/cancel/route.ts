import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelConsignmentWorkflow } from "../../../../../../workflows/cancel-consignment"
import { findRecord, withConsignmentInPro } from "../../../helpers"

/**
 * `POST /admin/sorted-pro/consignments/:reference/cancel` — cancels the consignment in PRO (docs/pro-api.md §3.13;
 * idempotent: an already cancelled one is a success). Body: `{}`.
 * 200 `{ consignment: Record, outcome: "cancelled" }`.
 * Errors: 400 names `reference` or an unexpected body field; 404 unknown; 409 when PRO refuses (e.g. `Manifested`:
 * deallocate first), with PRO's CorrelationId, recorded as `last_error`; 502 PRO unavailable.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await withConsignmentInPro(req, res, { what: "Cancellation of", nothingTo: "nothing to cancel" }, async (record, reference, service) => {
    await cancelConsignmentWorkflow(req.scope).run({ input: { reference } })
    res.json({ consignment: await findRecord(service, record.id), outcome: "cancelled" })
  })
}
