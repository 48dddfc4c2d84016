/**
 * What `bench/faults.ts` and `bench/restart.ts` share beyond the stack: the run modes (single process with
 * in-memory modules, or production-like two servers + worker with Redis on the machine's PostgreSQL), the reconcile drain
 * loop, the order mix, and the printed report with its verdict (project issue #5, "Exactly once, nothing lost").
 */
import { parseArgs } from "util"
import { sleep } from "../../scripts/lib/wait"
import { DEFAULT_LEASE_MS } from "../../src/modules/sorted-pro/lease"
import { printTable } from "./report"
import type { CheckoutResult, OrderKind, ReconcileAnswer, Stack, StackOptions, Tally } from "./types"

/** Command-line flags common to both benches. */
export interface ModeFlags {
  /** Production-like: two servers + worker, Redis event bus, workflow engine and cache (in-memory locking), PostgreSQL at `DATABASE_URL` (default the machine's PG 15). */
  production: boolean
  /** Count unpacked duplicate EO- orders left by ambiguous Create Order failures as a failure too. */
  strict: boolean
  /** Most reconcile passes of the drain; more while a pass reports a record held by a lease (a killed process's lapses after `DEFAULT_LEASE_MS`: `drain`). */
  maxPasses: number
  /** Keep the Medusa logs (the run folder) even when the bench passes. */
  keepLogs: boolean
}

/**
 * Parses `--production`, `--redis`, `--strict`, `--max-passes <n>`, `--keep-logs` plus the bench's own `extra` options (util.parseArgs
 * syntax) and returns the stack options for the mode: production → `{topology: "split", databaseUrl: $DATABASE_URL
 * or postgres://postgres@127.0.0.1:5432/postgres, redisUrl: $REDIS_URL or redis://127.0.0.1:6379}`; otherwise one
 * shared process on `$DATABASE_URL` if set, else embedded PostgreSQL, with in-memory modules (`--redis` adds Redis).
 * @throws TypeError (from parseArgs) on an unknown flag.
 */
export function parseMode<E extends Record<string, { type: "string" | "boolean"; default?: string | boolean }>>(extra: E) {
  const { values: parsed } = parseArgs({
    options: {
      production: { type: "boolean", default: false },
      redis: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      "max-passes": { type: "string", default: "10" },
      "keep-logs": { type: "boolean", default: false },
      ...extra,
    },
    strict: true,
  })
  const values = parsed as Record<string, string | boolean | undefined>
  const production = values.production === true
  const stack: StackOptions = production
    ? {
        topology: "split",
        databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
        redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      }
    : {
        topology: "shared",
        databaseUrl: process.env.DATABASE_URL,
        redisUrl: values.redis === true ? (process.env.REDIS_URL ?? "redis://127.0.0.1:6379") : undefined,
      }
  const flags: ModeFlags = {
    production,
    strict: values.strict === true,
    maxPasses: Number(values["max-passes"]),
    keepLogs: values["keep-logs"] === true,
  }
  return { flags, stack, values }
}

/** A human label of the mode, e.g. "single process, embedded PostgreSQL, in-memory modules". */
export function modeLabel(options: StackOptions): string {
  const topology = options.topology === "split" ? `${options.servers ?? 2} servers + worker` : "single process"
  const database = options.databaseUrl ? `PostgreSQL ${new URL(options.databaseUrl).host}` : "embedded PostgreSQL"
  const redis = options.redisLocking ? "Redis event bus/workflow engine/cache/locking" : "Redis event bus/workflow engine/cache, in-memory locking"
  return `${topology}, ${database}, ${options.redisUrl ? redis : "in-memory modules"}`
}

/**
 * The order mix: of every 10 orders, 3 delivery-day (Consumer Options), 1 delivery-day from two warehouses
 * (Consumer Options Flex), 3 pickup, 3 standard (Order Flex).
 */
export function kindOf(i: number): OrderKind {
  return (["delivery", "pickup", "standard", "flex", "pickup", "standard", "delivery", "delivery", "pickup", "standard"] as const)[i % 10]
}

/** One pass of {@link drain}. */
export interface DrainPass {
  pass: number
  answer: ReconcileAnswer | null
  error?: string
  missing: number
  ms: number
}

/** How the drain paces itself (ms); tests shorten both. */
export interface DrainTiming {
  /** Pause between passes (default 2 000). */
  pauseMs?: number
  /** How long a killed process's lease can still hold a record (default the plugin's `DEFAULT_LEASE_MS`). */
  leaseMs?: number
}

/**
 * Runs reconcile passes through the admin route until a pass reports `still_open: 0` and no order is missing in PRO,
 * `maxPasses` times at most, `pauseMs` apart; past `maxPasses` it goes on while a pass reports records `in_flight`
 * (held by a lease: after a kill -9 the dead process's lease lapses only after `leaseMs`), until `leaseMs` (plus one
 * pause) after the drain began. A pass that fails (non-200) is recorded and the loop goes on.
 * @returns the passes, the final tally and the drain time in ms (from the call to the end of the last pass).
 */
export async function drain(stack: Pick<Stack, "reconcile" | "tally">, maxPasses: number, log: (message: string) => void, timing: DrainTiming = {}) {
  const pauseMs = timing.pauseMs ?? 2_000
  const began = Date.now()
  const leasesLapse = began + (timing.leaseMs ?? DEFAULT_LEASE_MS) + pauseMs
  const passes: DrainPass[] = []
  let tally: Tally
  for (let pass = 1; ; pass++) {
    const t = Date.now()
    let answer: ReconcileAnswer | null = null
    let error: string | undefined
    try {
      answer = await stack.reconcile()
    } catch (thrown) {
      error = (thrown as Error).message
    }
    tally = await stack.tally()
    passes.push({ pass, answer, error, missing: tally.missing, ms: Date.now() - t })
    log(`reconcile pass ${pass}: ${error ? `failed: ${error}` : JSON.stringify(answer)}; missing in PRO ${tally.missing}`)
    if (answer && !answer.skipped && answer.still_open === 0 && tally.missing === 0) {
      break
    }
    const leased = (answer?.in_flight ?? 0) > 0 && Date.now() < leasesLapse
    if (pass >= maxPasses && !leased) {
      break
    }
    await sleep(pauseMs)
  }
  return { passes, tally, ms: Date.now() - began }
}

/** What {@link backgroundReconcile} counted. */
export interface BackgroundStats {
  passes: number
  /** PRO did not answer the health probe. */
  skipped: number
  /** Medusa answered with an error (a reconcile that broke). */
  failed: number
  /** Medusa was not there to answer (killed): not a reconcile failure. */
  unreachable: number
  errors: string[]
}

/**
 * Runs a reconcile pass through the admin route every `everyMs` (0: never) until `stop()` — the scheduled job, more
 * often, so that the server reconciles the very orders the worker (or the subscriber) is still handling: both then
 * book the same orders at the same time and only the locks keep it exactly once. Failed passes are counted, not thrown.
 * @returns `stop()`, which waits for the pass in progress and resolves with the counts.
 */
export function backgroundReconcile(stack: Stack, everyMs: number, log: (message: string) => void) {
  const stats: BackgroundStats = { passes: 0, skipped: 0, failed: 0, unreachable: 0, errors: [] }
  let stopped = everyMs <= 0
  const loop = (async () => {
    while (!stopped) {
      await sleep(everyMs)
      if (stopped) {
        break
      }
      try {
        const answer = await stack.reconcile()
        stats.passes += 1
        if (answer.skipped) {
          stats.skipped += 1
        }
      } catch (error) {
        stats.passes += 1
        if ((error as { status?: number }).status === 0) {
          stats.unreachable += 1
          continue
        }
        stats.failed += 1
        stats.errors.push((error as Error).message.slice(0, 300))
        log(`background reconcile pass failed: ${(error as Error).message.slice(0, 300)}`)
      }
    }
  })()
  return {
    stop: async () => {
      stopped = true
      await loop
      return stats
    },
  }
}

/** Checkout figures over a batch of {@link CheckoutResult}s. */
export function checkoutSummary(results: CheckoutResult[]) {
  const placed = results.filter((r) => r.order_id)
  const times = placed.map((r) => r.ms).sort((a, b) => a - b)
  const pct = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : 0)
  const errors = new Map<string, number>()
  for (const r of results.filter((r) => r.error)) {
    const key = r.error!.replace(/cart_[A-Z0-9]+|EDO-[A-Z0-9-]+|order_[A-Z0-9]+/g, "…").slice(0, 160)
    errors.set(key, (errors.get(key) ?? 0) + 1)
  }
  return {
    attempted: results.length,
    placed: placed.length,
    failed: results.length - placed.length,
    fallback: placed.filter((r) => r.fallback).length,
    recoveries: results.reduce((sum, r) => sum + r.recoveries, 0),
    p50: pct(50),
    p95: pct(95),
    errors,
  }
}

/**
 * The verdict: which goals failed (empty = pass). Fails on an order missing in PRO, a duplicate consignment, a
 * duplicate PRO order beyond `explainedOrderDuplicates` (lost Create Order answers: the known limitation; all of them
 * with `strict`), a record of ours left pending/failed or pointing at another PRO object, and a reconcile pass that
 * broke (Medusa answered an error) during the batch.
 */
export function verdict(tally: Tally, explainedOrderDuplicates: number, strict: boolean, background?: BackgroundStats): string[] {
  const failures: string[] = []
  if (tally.records_not_synced) {
    failures.push(`${tally.records_not_synced} order(s) whose record is still pending or failed after the drain`)
  }
  if (background?.failed) {
    failures.push(`${background.failed} reconcile pass(es) failed during the batch: ${background.errors.slice(0, 3).join(" | ")}`)
  }
  if (tally.missing) {
    failures.push(`${tally.missing} order(s) missing in PRO: ${tally.missing_ids.slice(0, 10).join(", ")}`)
  }
  if (tally.duplicate_consignments) {
    failures.push(`${tally.duplicate_consignments} duplicate consignment(s) for ${tally.duplicate_consignment_refs.slice(0, 10).join(", ")}`)
  }
  const unexplained = tally.duplicate_orders - Math.min(tally.unpacked_duplicate_orders, explainedOrderDuplicates)
  if (unexplained > 0) {
    failures.push(
      `${unexplained} duplicate PRO order(s) not explained by a lost Create Order answer (orders ${tally.duplicate_order_refs.slice(0, 10).join(", ")})`
    )
  }
  if (strict && tally.duplicate_orders) {
    failures.push(`--strict: ${tally.duplicate_orders} duplicate PRO order(s)`)
  }
  if (tally.records_mismatched) {
    failures.push(`${tally.records_mismatched} record(s) synced to a PRO object that is not under our reference`)
  }
  return failures
}

/** Prints the outcome table shared by both benches. */
export function printOutcome(args: {
  tally: Tally
  checkout: ReturnType<typeof checkoutSummary>
  drain: { passes: DrainPass[]; ms: number }
  lostCreateOrderAnswers: number
  lostCreateOrderLabel: string
  before?: Tally
  /** Reconcile passes run while the batch was placed. */
  background?: BackgroundStats
  /** Why checkouts may fail in this bench (shown as the goal), default "failed 0". */
  checkoutGoal?: string
}): void {
  const { tally, checkout, drain, before } = args
  const rows: Array<Array<string | number>> = [["figure", "value", "goal"]]
  rows.push(["orders placed (Medusa orders on a SortedPRO option)", tally.orders, ""])
  rows.push([
    "  delivery day / pickup / Consumer Options Flex / Order Flex",
    `${tally.by_flow.consumer_options ?? 0} / ${tally.by_flow.consumer_options_pickup ?? 0} / ${tally.by_flow.consumer_options_flex ?? 0} / ${tally.by_flow.order_flex ?? 0}`,
    "",
  ])
  rows.push(["  of which cancelled", tally.cancelled, ""])
  rows.push(["  of which checkout fell back (fallback price, Order Flex)", tally.fallback_orders, ""])
  rows.push(["  choice refused for good by PRO, shipped as Order Flex", tally.replaced_by_order_flex, ""])
  rows.push(["checkouts attempted / failed", `${checkout.attempted} / ${checkout.failed}`, args.checkoutGoal ?? "failed 0"])
  rows.push(["  storefront recoveries (choose again, repeat completion)", checkout.recoveries, ""])
  rows.push(["  checkout time p50 / p95", `${(checkout.p50 / 1000).toFixed(1)} s / ${(checkout.p95 / 1000).toFixed(1)} s`, ""])
  rows.push(["consignments in PRO", tally.pro_consignments, ""])
  rows.push(["PRO orders (EO-)", tally.pro_orders, ""])
  rows.push(["duplicate consignments in PRO", tally.duplicate_consignments, 0])
  rows.push(["duplicate PRO orders", tally.duplicate_orders, 0])
  rows.push(["  of which unpacked EO- duplicates (ship nothing; docs/pro-api.md §7)", tally.unpacked_duplicate_orders, ""])
  rows.push([`  ${args.lostCreateOrderLabel}`, args.lostCreateOrderAnswers, ""])
  rows.push(["orders missing in PRO", tally.missing, 0])
  if (before) {
    rows.push(["  missing / records open before reconcile", `${before.missing} / ${before.records_not_synced}`, ""])
  }
  rows.push(["our records not synced / pointing elsewhere", `${tally.records_not_synced} / ${tally.records_mismatched}`, "0 / 0"])
  if (args.background) {
    const b = args.background
    rows.push([
      "reconcile passes during the batch (skipped / unreachable / failed)",
      `${b.passes} (${b.skipped} / ${b.unreachable} / ${b.failed})`,
      "failed 0",
    ])
  }
  const failedPasses = drain.passes.filter((p) => p.error || p.answer?.skipped).length
  rows.push(["reconcile passes to drain (failed or skipped)", `${drain.passes.length} (${failedPasses})`, ""])
  rows.push(["time to drain", `${(drain.ms / 1000).toFixed(1)} s`, ""])
  console.log("")
  printTable(rows)
  if (checkout.errors.size) {
    console.log("\ncheckout failures:")
    for (const [error, n] of checkout.errors) {
      console.log(`  ${n} × ${error}`)
    }
  }
}

/** Prints the sandbox's request counts per endpoint (`GET /_sandbox/requests` counts), optionally split in two phases. */
export function printRequestCounts(raw: Array<{ label: string; counts: Record<string, number> }>): void {
  const phases = raw.map((p) => ({ label: p.label, counts: normalizeCounts(p.counts) }))
  const endpoints = [...new Set(phases.flatMap((p) => Object.keys(p.counts)))].sort()
  const rows: Array<Array<string | number>> = [["PRO endpoint (sandbox log)", ...phases.map((p) => p.label)]]
  for (const endpoint of endpoints) {
    rows.push([endpoint, ...phases.map((p) => p.counts[endpoint] ?? 0)])
  }
  rows.push(["total", ...phases.map((p) => Object.values(p.counts).reduce((a, b) => a + b, 0))])
  console.log("")
  printTable(rows)
}

/** `after - before` per key (request counts of one phase). */
export function diffCounts(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0)
    if (d) {
      out[key] = d
    }
  }
  return out
}

/**
 * Request counts keyed by route pattern: a request answered by a fault matched no route, so the sandbox logs its raw
 * path (`POST /deliveryoptions/select/EDO-000-000-04Q`); references become `:reference`, a trailing slash is dropped.
 */
export function normalizeCounts(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [endpoint, n] of Object.entries(counts)) {
    const [method, ...rest] = endpoint.split(" ")
    let path = rest.join(" ").replace(/\/+$/, "")
    if (!path.includes(":")) {
      path = path
        .replace(/\/clientReference\/[^/]+/i, "/clientReference/:clientReference")
        .replace(/\/E[A-Z]{1,2}-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+/gi, "/:reference")
    }
    const key = `${method} ${path}`
    out[key] = (out[key] ?? 0) + n
  }
  return out
}
