import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryRecordWorkflow } from "../../../../../../workflows/retry-record"
import { findRecord, sendAdminError, sortedProService } from "../../../helpers"

/**
 * `POST /admin/sorted-pro/consignments/:reference/retry` — finishes the PRO work of a record that is `pending` or
 * `failed`: one that never reached PRO (`:reference` is then our record id `spcon_…`), or one in PRO (EC- reference
 * or id) whose allocation or move to its shipping location failed. Exactly once, with the workflow that made it
 * (`retryRecordWorkflow`: Select Option, Pack Order, a return): PRO is first asked whether it already holds it under our
 * reference. Body: `{}`.
 * 200 `{ consignment: Record, outcome: "synced" }` once PRO has it and our work there is done.
 * Errors: 400 names `reference` or the order field that cannot be mapped; 404 unknown record; 409 when the record
 * is already synced (allocate it instead), is a delivery choice PRO refused for good (the order then ships as Order
 * Flex; the message says so), or PRO refuses again; 502 when PRO is unavailable. PRO failures answer
 * `{ consignment, pro: {status, code, correlation_id} }` and stay recorded as `last_error`.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    const { result } = await retryRecordWorkflow(req.scope).run({ input: { id: record.id } })
    if (result.sync_status === "synced") {
      return res.json({ consignment: result, outcome: "synced" })
    }
    const error = (result.last_error ?? {}) as { status?: number; code?: string; message?: string; correlation_id?: string | null }
    const status = error.status && error.status >= 400 && error.status < 500 && error.status !== 429 ? 409 : 502
    res.status(status).json({
      type: status === 409 ? "not_allowed" : "sorted_pro_unavailable",
      message: `Retry of ${record.id}: SortedPRO answered ${error.status || "nothing"} ${error.code ?? ""}: ${error.message ?? "unknown error"}`,
      pro: { status: error.status ?? 0, code: error.code ?? null, correlation_id: error.correlation_id ?? null },
      consignment: result,
    })
  } catch (error) {
    sendAdminError(res, error, `Retry of ${req.params.reference}`)
  }
}
