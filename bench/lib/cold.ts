/**
 * Cold-path measurement for `bench/checkout.ts` (project issue #19): the time a store request takes beyond PRO's own
 * time. PRO's time is what the sandbox logged for the PRO requests made while the store request ran
 * (`GET /_sandbox/requests`: `durationMs` from the sandbox's first middleware to its response, injected latency
 * included; sandbox/README.md "Control API"), so the overhead is the plugin's and Medusa's work plus the local hop.
 */

/** A sandbox control call: `GET|POST|DELETE {sandbox}/_sandbox/{pathname}`, answering the parsed JSON body. */
export type Control = (pathname: string, method?: string, body?: unknown) => Promise<any>

/** One timed store request: wall time, PRO's time within it and the number of PRO requests (all ms). */
export interface ColdSample {
  totalMs: number
  upstreamMs: number
  proCalls: number
  /** `totalMs − upstreamMs`: what the plugin and Medusa added. */
  overheadMs: number
}

/** The `p`th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (!values.length) {
    return NaN
  }
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * Runs `request` alone (the caller runs nothing else meanwhile) with the sandbox's request log emptied first, and
 * returns its wall time and the PRO time it waited for. PRO requests of one store request are taken as sequential
 * (their durations summed), which is how the checkout makes them.
 */
export async function coldSample(control: Control, request: () => Promise<unknown>): Promise<ColdSample> {
  await control("requests", "DELETE")
  const started = performance.now()
  await request()
  const totalMs = performance.now() - started
  const log = (await control("requests")) as { requests: Array<{ durationMs: number }> }
  const upstreamMs = log.requests.reduce((sum, entry) => sum + entry.durationMs, 0)
  return { totalMs, upstreamMs, proCalls: log.requests.length, overheadMs: totalMs - upstreamMs }
}

/** p50/p95 of `values`, one decimal, as table cells. */
export const p50p95 = (values: number[]): [number, number] => [Number(percentile(values, 50).toFixed(1)), Number(percentile(values, 95).toFixed(1))]
