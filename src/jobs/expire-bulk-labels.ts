import type { MedusaContainer } from "@medusajs/framework/types"
import { jobsDisabled } from "../lib/jobs"
import { expireBulkLabelJobsWorkflow } from "../workflows/bulk-labels"

/** Every 10 minutes: deletes expired bulk label jobs and their merged PDFs (see `expireBulkLabelJobsWorkflow`). */
export default async function sortedProExpireBulkLabels(container: MedusaContainer) {
  if (jobsDisabled()) {
    return
  }
  await expireBulkLabelJobsWorkflow(container).run({ input: {} })
}

export const config = { name: "sorted-pro-expire-bulk-labels", schedule: "*/10 * * * *" }
