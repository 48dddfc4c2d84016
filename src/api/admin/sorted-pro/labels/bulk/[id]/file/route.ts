import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { IFileModuleService } from "@medusajs/framework/types"
import { labelJobView } from "../../../../../../../lib/labels"
import { findLabelJob } from "../../helpers"

/**
 * `GET /admin/sorted-pro/labels/bulk/:id/file` — the merged PDF of a finished bulk label job (`application/pdf`,
 * shown inline so the browser can print it), streamed from Medusa's File Module (`getDownloadStream`: any instance
 * answers, and the file is never held whole in memory). Admin only.
 * 404 when the job is unknown or expired; 409 while it is still running or when it failed (the body says why); 500
 * when the stored file cannot be read.
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
  const pdf = await req.scope.resolve<IFileModuleService>(Modules.FILE).getDownloadStream(row.file_id)
  await new Promise<void>((resolve) => {
    pdf.once("error", (error) => {
      req.scope.resolve("logger").error(`SortedPRO bulk labels ${job.id}: file ${row.file_id} could not be read: ${error.message}`)
      if (res.headersSent) {
        res.destroy(error)
      } else {
        res.removeHeader("content-disposition")
        res.status(500).json({ type: "unexpected_state", message: `the merged PDF of job ${job.id} could not be read` })
      }
      resolve()
    })
    res.once("finish", resolve)
    res.once("close", resolve)
    res.setHeader("content-type", "application/pdf")
    res.setHeader("content-disposition", `inline; filename="sortedpro-labels-${job.id}.pdf"`)
    res.setHeader("cache-control", "private, no-store")
    pdf.pipe(res)
  })
}
