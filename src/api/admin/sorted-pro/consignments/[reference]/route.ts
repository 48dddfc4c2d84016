import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { findRecord, proErrorView, sendAdminError, sortedProService, withActions } from "../../helpers"

/**
 * `GET /admin/sorted-pro/consignments/:reference` — one consignment: our record (with the `actions` staff may take,
 * computed from its state) and PRO's live view. `:reference` is an `EC-…` reference or our record id `spcon_…`.
 * Read-only: our record is brought up to date by the tracking job and by every action, not by reading.
 *
 * 200 `{ consignment: Record & {actions}, pro: ProConsignment | null, pro_error: {status, code, message, correlation_id} | null }`.
 * `pro` is PRO's Get Consignment (docs/pro-api.md §3.12, PascalCase), null for a record that never reached PRO or
 * when PRO fails (then `pro_error` carries its CorrelationId).
 * 400 names `reference`; 404 when this store has no such consignment; 401 without admin auth.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    const consignment = withActions(record)
    if (!record.reference) {
      return res.json({ consignment, pro: null, pro_error: null })
    }
    try {
      res.json({ consignment, pro: await service.getClient().consignments.get(record.reference), pro_error: null })
    } catch (error) {
      res.json({ consignment, pro: null, pro_error: proErrorView(error) })
    }
  } catch (error) {
    sendAdminError(res, error, `Consignment ${req.params.reference}`)
  }
}
