import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toErrorRecord } from "../../../../../lib/pro"
import { recordFieldsFromPro } from "../../../../../lib/mapping/records"
import { findRecord, proErrorView, sendAdminError, sortedProService } from "../../helpers"

/**
 * `GET /admin/sorted-pro/consignments/:reference` — one consignment: our record and PRO's live view.
 * `:reference` is an `EC-…` reference or our record id `spcon_…`.
 *
 * 200 `{ consignment: Record, pro: ProConsignment | null, pro_error: {status, code, message, correlation_id} | null }`.
 * `pro` is PRO's Get Consignment (CONTRACT.md §3.12, PascalCase); when it differs, our record's state, carrier,
 * service and tracking numbers are refreshed from it. `pro` is null for a record that never reached PRO; when PRO
 * fails, `pro_error` carries its CorrelationId and it is recorded as the record's `last_error`.
 * 400 names `reference`; 404 when this store has no such consignment; 401 without admin auth.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    let record = await findRecord(service, req.params.reference)
    if (!record.reference) {
      return res.json({ consignment: record, pro: null, pro_error: null })
    }
    try {
      const pro = await service.getClient().consignments.get(record.reference)
      const fields = recordFieldsFromPro(pro)
      const changed =
        pro.ConsignmentState !== record.state ||
        JSON.stringify(fields.tracking_numbers) !== JSON.stringify(record.tracking_numbers ?? []) ||
        (fields.carrier_service_reference ?? null) !== (record.carrier_service_reference ?? null)
      if (changed) {
        record = await service.updateSortedProConsignments({ id: record.id, ...fields, state: pro.ConsignmentState })
      }
      res.json({ consignment: record, pro, pro_error: null })
    } catch (error) {
      await service.updateSortedProConsignments({ id: record.id, last_error: toErrorRecord(error) as any })
      res.json({ consignment: await findRecord(service, record.id), pro: null, pro_error: proErrorView(error) })
    }
  } catch (error) {
    sendAdminError(res, error, `Consignment ${req.params.reference}`)
  }
}
