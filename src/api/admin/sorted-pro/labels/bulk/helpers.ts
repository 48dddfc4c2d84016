import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BulkLabelJobRow, labelJobExpired } from "../../../../../lib/labels"
import { sortedProService } from "../../helpers"

/**
 * The stored bulk label job `req.params.id` (`sorted_pro_label_job`), read from the database so that any instance
 * answers; null after sending 404 when it is unknown or expired (kept 30 minutes).
 */
export async function findLabelJob(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<BulkLabelJobRow | null> {
  const [row] = await sortedProService(req).listSortedProLabelJobs({ id: req.params.id })
  if (!row || labelJobExpired(row)) {
    res.status(404).json({ type: "not_found", message: `id: no bulk label job ${req.params.id} (unknown or expired)` })
    return null
  }
  return row as BulkLabelJobRow
}
