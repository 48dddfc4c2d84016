import { model } from "@medusajs/framework/utils"

/**
 * A bulk label job (`POST /admin/sorted-pro/labels/bulk`), one row per job, so that every Medusa instance answers its
 * progress and serves its merged PDF (issue 15). Written by the `sorted-pro-bulk-labels` workflow
 * (`src/workflows/bulk-labels.ts`) while it runs; deleted with its file by the expiry job.
 * - `status`: `running` → `done` (the merged PDF is stored) or `failed` (`error` says why).
 * - `references`: the PRO consignment references (`EC-…`) asked for, de-duplicated, in the order of the merged PDF.
 * - `total`, `fetched`, `merged`: consignments asked for, labels fetched from PRO, files merged so far.
 * - `failed`: `{items: [{reference, status, code, message, correlation_id}]}` — labels PRO refused, with its CorrelationId.
 * - `pages`, `bytes`: the merged PDF's page count and size (bytes).
 * - `file_id`: the merged PDF's id in Medusa's File Module (`Modules.FILE`).
 * - `expires_at`: after it, the job answers 404 and the expiry job deletes the row and the file.
 */
const SortedProLabelJob = model.define("sorted_pro_label_job", {
  id: model.id({ prefix: "splbl" }).primaryKey(),
  status: model.enum(["running", "done", "failed"]).default("running"),
  references: model.array().default([]),
  total: model.number().default(0),
  fetched: model.number().default(0),
  merged: model.number().default(0),
  failed: model.json().nullable(),
  pages: model.number().nullable(),
  bytes: model.number().nullable(),
  error: model.text().nullable(),
  file_id: model.text().nullable(),
  finished_at: model.dateTime().nullable(),
  expires_at: model.dateTime().index(),
})

export default SortedProLabelJob
