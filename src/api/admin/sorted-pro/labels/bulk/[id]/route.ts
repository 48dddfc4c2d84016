import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bulkLabelJobs } from "../../../../../../lib/labels"

/**
 * `GET /admin/sorted-pro/labels/bulk/:id` — progress of a bulk label job: 200 `{ job: BulkLabelJobView }`
 * (see `POST /admin/sorted-pro/labels/bulk`). 404 when the job is unknown or expired (kept 30 minutes after it
 * finished, in the server process that ran it).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const job = bulkLabelJobs.get(req.params.id)
  if (!job) {
    return res.status(404).json({ type: "not_found", message: `id: no bulk label job ${req.params.id} (unknown or expired)` })
  }
  res.json({ job })
}
