import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { labelJobView } from "../../../../../lib/labels"
import { createBulkLabelJobWorkflow, runBulkLabelJobWorkflow } from "../../../../../workflows/bulk-labels"
import type { AdminBulkLabelsBody } from "../../middlewares"

/**
 * `POST /admin/sorted-pro/labels/bulk` — starts merging the PDF labels of many consignments into one PDF
 * (pdf-lib), in the order given. The job is a row of our module (`sorted_pro_label_job`) and its merged PDF a file of
 * Medusa's File Module, so any server instance answers its progress and file; this instance fetches the labels from
 * PRO eight at a time in the background (`runBulkLabelJobWorkflow`). Body: `{ references: ["EC-…"] }` (1–500).
 * 202 `{ job: BulkLabelJobView }` (`src/lib/labels/jobs.ts`: id, status running|done|failed, total, fetched, merged,
 * failed [{reference, status, code, message, correlation_id}], pages, bytes, error); poll
 * `GET /admin/sorted-pro/labels/bulk/:id`, then download `GET /admin/sorted-pro/labels/bulk/:id/file`.
 * Consignments PRO refuses (e.g. not allocated) are listed in `failed` with PRO's CorrelationId; the others are merged.
 * 400 names the invalid field; 401 without admin auth.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminBulkLabelsBody>, res: MedusaResponse) {
  const references = req.validatedBody.references.map((reference) => reference.toUpperCase())
  const { result: job } = await createBulkLabelJobWorkflow(req.scope).run({ input: { references } })
  // the step records any failure on the job's row; nothing is left to catch here but a lost database
  runBulkLabelJobWorkflow(req.scope)
    .run({ input: { id: job.id } })
    .catch((error) => req.scope.resolve("logger").error(`SortedPRO bulk labels ${job.id}: ${(error as Error).message}`))
  res.status(202).json({ job: labelJobView(job) })
}
