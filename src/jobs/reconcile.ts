import type { MedusaContainer } from "@medusajs/framework/types"
import { jobsDisabled } from "../lib/jobs"
import { reconcileWorkflow } from "../workflows/reconcile"

/** Every 5 minutes: finish PRO work that is missing or failed (see `reconcileWorkflow`). */
export default async function sortedProReconcile(container: MedusaContainer) {
  if (jobsDisabled()) {
    return
  }
  await reconcileWorkflow(container).run({ input: {} })
}

export const config = { name: "sorted-pro-reconcile", schedule: "*/5 * * * *" }
