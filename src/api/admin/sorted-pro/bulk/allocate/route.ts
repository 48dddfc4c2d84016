import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { allocateConsignmentWorkflow } from "../../../../../workflows/allocate-consignment"
import { forEachConcurrently } from "../../../../../lib/concurrency"
import { errorFields } from "../../../../../lib/pro"
import { proErrorView, reviveProError, sortedProService } from "../../helpers"
import type { AdminBulkAllocateBody } from "../../middlewares"

/**
 * `POST /admin/sorted-pro/bulk/allocate` — allocates (or re-allocates) several consignments with one strategy,
 * one {@link allocateConsignmentWorkflow} each, four at a time.
 * Body: `{ references: ["EC-…"] (1–100), strategy?: { type: default_rules | service_group | carrier_service |
 * cheapest_quote, reference? } }` (default: the settings' strategy).
 * 200 `{ results: [{ reference, ok, state, carrier_name, carrier_service_name, error: { status, code, message,
 * correlation_id } | null }], allocated, failed }` — one entry per reference, in order; failures are also recorded
 * as each record's `last_error`. 400 names the invalid field; 401 without admin auth.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminBulkAllocateBody>, res: MedusaResponse) {
  const service = sortedProService(req)
  const strategy = req.validatedBody.strategy ?? (await service.getSettings()).allocation_strategy
  const references = [...new Set(req.validatedBody.references.map((reference) => reference.toUpperCase()))]
  const results: Array<Record<string, unknown>> = new Array(references.length)
  await forEachConcurrently(references, 4, async (reference, index) => {
    try {
      const { result } = await allocateConsignmentWorkflow(req.scope).run({ input: { reference, strategy } })
      const record = result.consignment
      results[index] = {
        reference,
        ok: true,
        state: record.state,
        carrier_name: record.carrier_name,
        carrier_service_name: record.carrier_service_name,
        error: null,
      }
    } catch (error) {
      const revived = reviveProError(error)
      const medusa = errorFields(revived)
      const view = medusa?.type
        ? { status: medusa.type === "not_found" ? 404 : 409, code: medusa.type, message: medusa.message, correlation_id: null }
        : proErrorView(revived)
      const [record] = await service.listSortedProConsignments({ reference })
      results[index] = { reference, ok: false, state: record?.state ?? null, carrier_name: null, carrier_service_name: null, error: view }
    }
  })
  const allocated = results.filter((result) => result.ok).length
  res.json({ results, allocated, failed: results.length - allocated })
}
