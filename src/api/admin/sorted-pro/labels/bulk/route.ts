import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bulkLabelJobs } from "../../../../../lib/labels"
import { recordLabelsPrintedWorkflow } from "../../../../../workflows/record-labels-printed"
import { sortedProService } from "../../helpers"
import type { AdminBulkLabelsBody } from "../../middlewares"

/**
 * `POST /admin/sorted-pro/labels/bulk` — starts merging the PDF labels of many consignments into one PDF
 * (pdf-lib), in the order given. The labels are fetched from PRO eight at a time in the background.
 * Body: `{ references: ["EC-…"] }` (1–500).
 * 202 `{ job: BulkLabelJobView }` (`src/lib/labels/jobs.ts`: id, status running|done|failed, total, fetched, merged,
 * failed [{reference, status, code, message, correlation_id}], pages, bytes, error); poll
 * `GET /admin/sorted-pro/labels/bulk/:id`, then download `GET /admin/sorted-pro/labels/bulk/:id/file`.
 * Consignments PRO refuses (e.g. not allocated) are listed in `failed` with PRO's CorrelationId; the others are merged.
 * 400 names the invalid field; 401 without admin auth.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminBulkLabelsBody>, res: MedusaResponse) {
  const service = sortedProService(req)
  const client = service.getClient()
  const references = req.validatedBody.references.map((reference) => reference.toUpperCase())
  const job = bulkLabelJobs.start(references, async (reference) => {
    const label = await client.labels.get(reference, "pdf")
    await recordLabelsPrintedWorkflow(req.scope).run({ input: { references: [reference] } })
    return label.bytes
  })
  res.status(202).json({ job })
}
