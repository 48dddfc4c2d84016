/** Waiting: sleeps, polling a probe, and waiting for an HTTP endpoint to answer. */

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** How {@link waitFor} polls. */
export interface PollOptions {
  /** Give up after this many ms (default 20 000). */
  timeoutMs?: number
  /** Pause between probes in ms (default 250). */
  intervalMs?: number
  /** The error message on timeout; default `timed out waiting for <what>`. */
  timeoutMessage?: string
}

/**
 * Calls `probe` until it returns a truthy value, pausing `intervalMs` between calls.
 * @returns that value. @throws Error when `timeoutMs` passes first (or what `probe` throws).
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, options: PollOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) {
      return value
    }
    if (Date.now() > until) {
      throw new Error(options.timeoutMessage ?? `timed out waiting for ${what}`)
    }
    await sleep(options.intervalMs ?? 250)
  }
}

/** Whether a GET of `url` answers 2xx within `timeoutMs` (default: no limit of its own). Never throws. */
export async function answersOk(url: string, timeoutMs?: number): Promise<boolean> {
  try {
    const response = await fetch(url, timeoutMs === undefined ? undefined : { signal: AbortSignal.timeout(timeoutMs) })
    return response.ok
  } catch {
    return false
  }
}

/** How {@link waitForHttp} waits. */
export interface HttpWaitOptions {
  /** Give up after this many ms. */
  timeoutMs: number
  /** Pause between requests in ms (default 500). */
  intervalMs?: number
  /** Per-request timeout in ms (default: none). */
  requestTimeoutMs?: number
  /** Checked before each request: false stops the wait (the server process died). */
  alive?: () => boolean
}

/**
 * GETs `url` until it answers 2xx.
 * @returns "ready", "exited" (when `alive()` turned false) or "timeout" (after `timeoutMs`); never throws.
 */
export async function waitForHttp(url: string, options: HttpWaitOptions): Promise<"ready" | "exited" | "timeout"> {
  const until = Date.now() + options.timeoutMs
  while (Date.now() < until) {
    if (options.alive && !options.alive()) {
      return "exited"
    }
    if (await answersOk(url, options.requestTimeoutMs)) {
      return "ready"
    }
    await sleep(options.intervalMs ?? 500)
  }
  return "timeout"
}
