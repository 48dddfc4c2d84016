/**
 * The frame of an exactly-once bench (`bench/faults.ts`, `bench/restart.ts`): parse the mode and the bench's own
 * options, log the plan, run the body on a fresh stack (always torn down), keep the logs when it failed, print the
 * verdict and set the exit code.
 */
import { elapsedLogger } from "../../scripts/lib/log"
import { sleep } from "../../scripts/lib/wait"
import { drain, ModeFlags, parseMode } from "./exactly-once"
import { Stack, StackOptions, withStack } from "./stack"

/** What the body of a bench gets: the parsed command line and the bench's logger. */
export interface BenchContext {
  flags: ModeFlags
  options: StackOptions
  /** The bench's own options, as util.parseArgs parsed them. */
  values: Record<string, string | boolean | undefined>
  /** `--orders`: checkouts in the batch. */
  orders: number
  /** `--concurrency`: shoppers at a time (default 4). */
  concurrency: number
  /** `--reconcile-every` in ms: the background reconcile's period (0 = off). */
  reconcileEveryMs: number
  log: (message: string) => void
}

/** An exactly-once bench, see {@link runExactlyOnceBench}. */
export interface ExactlyOnceBench {
  /** `bench:faults`: the log prefix and the report's title. */
  name: string
  /** Defaults of the options every such bench has: `--orders` and `--reconcile-every` (seconds). */
  defaults: { orders: number; reconcileEverySeconds: number }
  /** The bench's own options (util.parseArgs syntax) besides those and the mode flags. */
  options: Record<string, { type: "string" | "boolean"; default?: string | boolean }>
  /** Checks the options (throw to refuse them) and returns the plan, logged before the stack starts. */
  plan(context: BenchContext): string
  /** The measurement on the started stack; resolves with the verdict's failures (none: the bench passed). */
  run(stack: Stack, context: BenchContext): Promise<string[]>
  /** The closing line when nothing failed. */
  ok: string
}

/**
 * Runs `bench` as the process's main: exit code 1 when it reports failures or throws (then the error is printed),
 * otherwise the OK line is printed and the process ends normally. The run folder (Medusa logs) is kept when the bench
 * failed or with `--keep-logs`.
 */
export function runExactlyOnceBench(bench: ExactlyOnceBench): void {
  const main = async () => {
    const log = elapsedLogger(bench.name)
    const {
      flags,
      stack: options,
      values,
    } = parseMode({
      orders: { type: "string", default: String(bench.defaults.orders) },
      concurrency: { type: "string", default: "4" },
      "reconcile-every": { type: "string", default: String(bench.defaults.reconcileEverySeconds) },
      ...bench.options,
    })
    const context: BenchContext = {
      flags,
      options,
      values,
      log,
      orders: Number(values.orders),
      concurrency: Number(values.concurrency),
      reconcileEveryMs: Number(values["reconcile-every"]) * 1000,
    }
    log(bench.plan(context))
    const failures = await withStack({ ...options, log }, async (stack) => {
      const failed = await bench.run(stack, context)
      if (failed.length || flags.keepLogs) {
        stack.keepLogs = true
      }
      return failed
    })
    if (failures.length) {
      console.log(`\nFAILED:\n- ${failures.join("\n- ")}`)
      process.exit(1)
    }
    console.log(`\n${bench.ok}`)
  }
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}

/**
 * After the load: the tally, then reconcile passes until nothing is open (see `drain`), a second's pause for the last
 * `order.placed` handlers, and the final tally.
 * @returns the tally before the drain, the drain and the tally after it.
 */
export async function drainAndCount(stack: Stack, maxPasses: number, log: (message: string) => void) {
  const before = await stack.tally()
  const drained = await drain(stack, maxPasses, log)
  await sleep(1_000)
  const tally = await stack.tally()
  return { before, drain: drained, tally }
}
