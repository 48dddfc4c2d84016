import type { MedusaContainer } from "@medusajs/framework/types"
import { jobsDisabled } from "../lib/jobs"
import { dailyManifestWorkflow } from "../workflows/manifest-consignments"

/**
 * Every minute: sends the day's manifest once the settings' `manifest_time` (in `manifest_time_zone`, default Europe/London) has passed, once a day
 * (see `dailyManifestWorkflow`). Nothing happens while no manifest time is set. Failures are logged with PRO's
 * CorrelationId by the workflow and tried again a minute later.
 */
export default async function sortedProDailyManifest(container: MedusaContainer) {
  if (jobsDisabled()) {
    return
  }
  await dailyManifestWorkflow(container).run({ input: {}, throwOnError: false })
}

export const config = { name: "sorted-pro-daily-manifest", schedule: "* * * * *" }
