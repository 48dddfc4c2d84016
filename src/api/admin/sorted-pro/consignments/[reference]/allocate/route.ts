import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { allocateConsignmentWorkflow } from "../../../../../../workflows/allocate-consignment"
import { withConsignmentInPro } from "../../../helpers"
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
  await withConsignmentInPro(req, res, { what: "Allocation of" }, async (_record, reference, service) => {
    const strategy = req.validatedBody.strategy ?? (await service.getSettings()).allocation_strategy
    const { result } = await allocateConsignmentWorkflow(req.scope).run({ input: { reference, strategy } })
    res.status(result.settled ? 200 : 202).json(result)
  })
}
