import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { labelJobView } from "../../../../../../lib/labels"
import { findLabelJob } from "../helpers"

/**
 * `GET /admin/sorted-pro/labels/bulk/:id` — progress of a bulk label job, from the database (any instance answers):
 * 200 `{ job: BulkLabelJobView }` (see `POST /admin/sorted-pro/labels/bulk`). 404 when the job is unknown or expired
 * (kept 30 minutes).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const row = await findLabelJob(req, res)
  if (row) {
    res.json({ job: labelJobView(row) })
  }
}
