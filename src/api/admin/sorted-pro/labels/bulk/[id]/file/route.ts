import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bulkLabelJobs } from "../../../../../../../lib/labels"

/**
 * `GET /admin/sorted-pro/labels/bulk/:id/file` — the merged PDF of a finished bulk label job
 * (`application/pdf`, shown inline so the browser can print it). Admin only.
 * 404 when the job is unknown or expired; 409 while it is still running or when it failed (the body says why).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const job = bulkLabelJobs.get(req.params.id)
  if (!job) {
    return res.status(404).json({ type: "not_found", message: `id: no bulk label job ${req.params.id} (unknown or expired)` })
  }
  const pdf = bulkLabelJobs.file(req.params.id)
  if (!pdf) {
    return res.status(409).json({
      type: "not_allowed",
      message: job.status === "running" ? `job ${job.id} is still running (${job.fetched}/${job.total})` : `job ${job.id} failed: ${job.error}`,
    })
  }
  res.setHeader("content-type", "application/pdf")
  res.setHeader("content-disposition", `inline; filename="sortedpro-labels-${job.id}.pdf"`)
  res.setHeader("cache-control", "private, no-store")
  res.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength))
}
