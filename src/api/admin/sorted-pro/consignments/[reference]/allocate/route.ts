import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { allocateConsignmentWorkflow } from "../../../../../../workflows/allocate-consignment"
import { findRecord, sendAdminError, sortedProService } from "../../../helpers"
import type { AdminAllocateBody } from "../../../middlewares"

/**
 * `POST /admin/sorted-pro/consignments/:reference/allocate` — allocates, or re-allocates, one consignment
 * (docs/pro-api.md §3.7). An allocated consignment is deallocated first and allocated back to its previous service if
 * the new allocation fails. When PRO answers 202 the route polls the consignment until it leaves `Allocating`.
 *
 * Body: `{ strategy?: { type: "default_rules" | "service_group" | "carrier_service" | "quote" | "cheapest_quote",
 * reference?: "SG_NEXTDAY" | "CX_NDS" | <QuoteReference> } }` (default: the settings' strategy).
 * 200 `{ consignment: Record, settled: boolean }` (settled false: PRO still allocating after 30 s; 202 then).
 * Errors: 400 naming the field; 404 unknown consignment; 409 when PRO refuses (AllocationFailed, QuoteExpired,
 * wrong state) or the state allows no allocation; 502 PRO unavailable. PRO errors carry `pro.correlation_id` and are
 * recorded as the record's `last_error`.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminAllocateBody>, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    if (!record.reference) {
      return res.status(409).json({ type: "not_allowed", message: `${record.id} is not in SortedPRO yet (${record.sync_status}): retry it first` })
    }
    const strategy = req.validatedBody.strategy ?? (await service.getSettings()).allocation_strategy
    const { result } = await allocateConsignmentWorkflow(req.scope).run({ input: { reference: record.reference, strategy } })
    res.status(result.settled ? 200 : 202).json(result)
  } catch (error) {
    sendAdminError(res, error, `Allocation of ${req.params.reference}`)
  }
}
