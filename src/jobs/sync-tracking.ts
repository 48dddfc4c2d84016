import type { MedusaContainer } from "@medusajs/framework/types"
import { jobsDisabled } from "../lib/jobs"
import { syncTrackingWorkflow } from "../workflows/sync-tracking"

/** Every 15 minutes: move Medusa fulfillments forward from PRO consignment states (see `syncTrackingWorkflow`). */
export default async function sortedProSyncTracking(container: MedusaContainer) {
  if (jobsDisabled()) {
    return
  }
  const { result } = await syncTrackingWorkflow(container).run({ input: {} })
  if (result.checked) {
    container.resolve("logger").info(`SortedPRO tracking: ${JSON.stringify(result)}`)
  }
}

export const config = { name: "sorted-pro-sync-tracking", schedule: "*/15 * * * *" }
