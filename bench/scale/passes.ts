/**
 * `medusa exec bench/scale/passes.ts` — run by bench/scale.ts inside the bench's stack (its database and sandbox): one
 * tracking pass (`syncTrackingWorkflow`) and one daily manifest (`dailyManifestWorkflow`, at `SCALE_MANIFEST_NOW`),
 * each timed, with the PRO requests it made read from the sandbox's request log before and after. Prints one line
 * `SCALE_PASSES {json}`.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { syncTrackingWorkflow } from "../../src/workflows/sync-tracking"
import { dailyManifestWorkflow } from "../../src/workflows/manifest-consignments"

/** PRO requests the sandbox logged so far, in total and per endpoint. */
async function requests(): Promise<{ total: number; counts: Record<string, number> }> {
  const response = await fetch(`${process.env.SORTED_PRO_SANDBOX_URL}/_sandbox/requests`)
  return (await response.json()) as { total: number; counts: Record<string, number> }
}

/** Runs `work`, answering its wall time (ms), PRO requests made, per endpoint, and its result. */
async function measured<T>(work: () => Promise<T>) {
  const before = await requests()
  const started = performance.now()
  const result = await work()
  const ms = performance.now() - started
  const after = await requests()
  const endpoints = Object.fromEntries(
    Object.entries(after.counts)
      .map(([endpoint, count]) => [endpoint, count - (before.counts[endpoint] ?? 0)])
      .filter(([, count]) => Number(count) > 0)
  )
  return { ms, calls: after.total - before.total, endpoints, result }
}

export default async function scalePasses({ container }: ExecArgs) {
  const tracking = await measured(async () => (await syncTrackingWorkflow(container).run({ input: {} })).result)
  const manifest = await measured(async () => (await dailyManifestWorkflow(container).run({ input: { now: process.env.SCALE_MANIFEST_NOW } })).result)
  console.log(
    `SCALE_PASSES ${JSON.stringify({
      tracking: { ms: tracking.ms, calls: tracking.calls, endpoints: tracking.endpoints, result: tracking.result },
      manifest: {
        ms: manifest.ms,
        calls: manifest.calls,
        endpoints: manifest.endpoints,
        skipped: manifest.result.skipped ?? null,
        manifested: manifest.result.manifest?.consignments.length ?? 0,
      },
    })}`
  )
}
