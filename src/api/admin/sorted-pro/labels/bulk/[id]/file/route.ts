import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { IFileModuleService } from "@medusajs/framework/types"
import { labelJobView } from "../../../../../../../lib/labels"
import { findLabelJob } from "../../helpers"

/**
 * `GET /admin/sorted-pro/labels/bulk/:id/file` — the merged PDF of a finished bulk label job (`application/pdf`,
 * shown inline so the browser can print it), read through Medusa's File Module (any instance answers). Admin only.
 * 404 when the job is unknown or expired; 409 while it is still running or when it failed (the body says why).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const row = await findLabelJob(req, res)
  if (!row) {
    return
  }
  const job = labelJobView(row)
  if (job.status !== "done" || !row.file_id) {
    return res.status(409).json({
      type: "not_allowed",
      message: job.status === "running" ? `job ${job.id} is still running (${job.fetched}/${job.total})` : `job ${job.id} failed: ${job.error}`,
    })
  }
  const pdf = await req.scope.resolve<IFileModuleService>(Modules.FILE).getAsBuffer(row.file_id)
  res.setHeader("content-type", "application/pdf")
  res.setHeader("content-disposition", `inline; filename="sortedpro-labels-${job.id}.pdf"`)
  res.setHeader("cache-control", "private, no-store")
  res.end(pdf)
}
