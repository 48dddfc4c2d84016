/**
 * `npm run bench:restart` — nothing lost and nothing doubled over the whole life of an order when Medusa processes are
 * killed (project issues #5 and #13). Prints figures; exits 1 when a goal is missed (`verdict` in
 * lib/exactly-once.ts and the PRO audit in lib/audit.ts).
 *
 * 1. A fresh stack (bench/lib/stack.ts): with `--kill server|worker|both` (default `worker`) the production topology
 *    (two servers and a worker, Redis event bus, workflow engine and cache, Medusa's default in-memory locking in each
 *    process); with `--kill shared`, one process.
 * 2. `--orders` (60) orders (the bench:faults mix) by `--concurrency` (4) shoppers; each order then lives on through
 *    the admin API as in bench:faults (fulfil, return, cancel: lib/order-life.ts). PRO answers every write
 *    `--pro-latency` ms (400) AFTER doing it (sandbox latency fault, `phase: "after"`).
 * 3. `--kills` (3) times, at random moments of the batch, `kill -9` of the process group of the target (`server`: one
 *    of the two servers, in turn; `both`: a server and the worker) right after PRO did a write — while its answer is
 *    held back, so between PRO's write and Medusa's commit whenever the write was the target's — then a restart.
 *    Shoppers and staff use the other server meanwhile (in one-process mode they wait), repeating what the kill cut
 *    as a storefront and staff would. A reconcile pass runs every `--reconcile-every` seconds (10; 0 = off).
 * 4. The remaining cancels, the drain, the PRO audit and the writes per kind, as bench:faults.
 *
 * Options: `--orders 60 --concurrency 4 --kill worker|server|both|shared --kills 3 --pro-latency 400
 * --reconcile-every 10 --max-passes 10 --strict --keep-logs`.
 */
import { seededRandom } from "../sandbox/faults"
import { pool } from "../scripts/lib/pool"
import { sleep } from "../scripts/lib/wait"
import { auditFailures, printAudit, printWrites } from "./lib/audit"
import { BenchContext, runExactlyOnceBench } from "./lib/bench-main"
import { backgroundReconcile, checkoutSummary, kindOf, modeLabel, printOutcome, verdict } from "./lib/exactly-once"
import { OrderLives, printActions } from "./lib/order-life"
import { printTable } from "./lib/report"
import type { MedusaProcess, Stack } from "./lib/stack"

// `--kill server|worker|both` means the production topology: the flag implies `--production`
const killArg = process.argv[process.argv.indexOf("--kill") + 1]
if (process.argv.includes("--kill") && killArg !== "shared" && !process.argv.includes("--production")) {
  process.argv.push("--production")
}

/** The bench's own options, parsed and checked. @throws Error when `--kill` names no process of the mode. */
function settings({ values, options, orders }: BenchContext) {
  const target = String(values.kill ?? (options.topology === "split" ? "worker" : "shared"))
  const allowed = options.topology === "split" ? ["worker", "server", "both"] : ["shared"]
  if (!allowed.includes(target)) {
    throw new Error(`--kill ${target}: expected one of ${allowed.join(", ")} in this mode`)
  }
  const kills = Number(values.kills)
  // the kill moments: checkouts after which a kill is armed, drawn in the middle 80 % of the batch
  const random = seededRandom("bench-restart-kills")
  const moments = Array.from({ length: kills }, () => Math.floor(orders * (0.1 + 0.8 * random()))).sort((a, b) => a - b)
  return { target, kills, moments, latency: Number(values["pro-latency"]) }
}

/** How many writes PRO has done so far: objects created plus state changes (a change means a write just happened). */
function proWrites(stack: Stack): number {
  const store = stack.sandbox.sandbox.store
  let n = store.consignments.size + store.orders.size
  for (const consignment of store.consignments.values()) {
    n += consignment.history.length
  }
  return n
}

/** What one kill did. */
interface Kill {
  victims: string
  afterWrite: boolean
  downMs: number
}

/** The processes to kill the `k`-th time: `server` alternates between the servers, `both` adds the worker. */
function victimsOf(stack: Stack, target: string, k: number): MedusaProcess[] {
  const servers = stack.processes.filter((p) => p.role === "server")
  const worker = stack.processes.filter((p) => p.role === "worker")
  const server = servers.length ? [servers[k % servers.length]] : []
  return target === "shared" ? stack.processes : target === "worker" ? worker : target === "server" ? server : [...server, ...worker]
}

/** Waits (up to 20 s) for PRO's next write, kills the victims at once, restarts them. */
async function killAndRestart(stack: Stack, victims: MedusaProcess[], log: (message: string) => void): Promise<Kill> {
  const before = proWrites(stack)
  const waitUntil = Date.now() + 20_000
  while (proWrites(stack) === before && Date.now() < waitUntil) {
    await sleep(10)
  }
  const afterWrite = proWrites(stack) !== before
  const at = Date.now()
  await Promise.all(victims.map((v) => stack.kill(v)))
  log(`kill -9 ${victims.map((v) => v.role).join(" and ")}${afterWrite ? " right after a PRO write" : " (no PRO write in 20 s)"}`)
  await Promise.all(victims.map((v) => stack.restart(v)))
  const downMs = Date.now() - at
  log(`restarted after ${(downMs / 1000).toFixed(1)} s down`)
  return { victims: victims.map((v) => v.role).join(" + "), afterWrite, downMs }
}

runExactlyOnceBench({
  name: "bench:restart",
  defaults: { orders: 60, reconcileEverySeconds: 10 },
  options: {
    kill: { type: "string" },
    kills: { type: "string", default: "3" },
    "pro-latency": { type: "string", default: "400" },
  },
  plan: (context) => {
    const { options, orders, concurrency } = context
    const { target, moments, latency } = settings(context)
    return `mode: ${modeLabel(options)}; ${orders} orders, ${concurrency} at a time; kill -9 ${target} after checkouts ${moments.join(", ")}; PRO answers writes ${latency} ms after doing them`
  },
  run: async (stack, context) => {
    const { flags, options, log, orders, concurrency, reconcileEveryMs } = context
    const { target, moments, latency } = settings(context)
    for (const method of ["POST", "PUT"]) {
      stack.sandbox.sandbox.faults.add({ pathPattern: "**", method, latencyMs: latency, phase: "after" })
    }
    const lives = new OrderLives(stack, orders)
    const kills: Kill[] = []
    // kills never overlap: each waits for the previous restart
    let killing: Promise<void> = Promise.resolve()
    const background = backgroundReconcile(stack, reconcileEveryMs, log)
    const placing = Date.now()
    let finished = 0
    const results = await pool(orders, concurrency, async (i) => {
      const result = await stack.placeOrder(kindOf(i), i)
      finished += 1
      for (const _ of moments.filter((m) => m === finished)) {
        killing = killing.then(async () => void kills.push(await killAndRestart(stack, victimsOf(stack, target, kills.length), log)))
      }
      await lives.live(i, result)
      return result
    })
    await killing
    const placingMs = Date.now() - placing
    const backgroundStats = await background.stop()
    stack.sandbox.sandbox.faults.clear()
    await lives.cancelTheRest()
    const { outcome, audit, waitedMs } = await lives.drainAndAudit(flags.maxPasses, log)
    const lostCreateOrder = stack.sandbox.sandbox.requests.writes["POST /orders"]?.answer_lost ?? 0

    console.log(`\nbench:restart — ${modeLabel(options)}`)
    console.log(
      `${orders} orders, ${concurrency} concurrent shoppers; ${kills.length} × kill -9 of ${target}; batch took ${(placingMs / 1000).toFixed(1)} s; waited ${(waitedMs / 1000).toFixed(0)} s for the orphan sweep`
    )
    printOutcome({
      ...outcome,
      checkout: checkoutSummary(results),
      background: backgroundStats,
      checkoutGoal: "only those a kill cut",
      lostCreateOrderAnswers: lostCreateOrder,
      lostCreateOrderLabel: "Create Order answers lost (a kill, or PRO's answer too late)",
    })
    console.log("")
    printTable([
      ["kill", "processes", "right after a PRO write", "down"],
      ...kills.map((k, i) => [i + 1, k.victims, k.afterWrite ? "yes" : "no", `${(k.downMs / 1000).toFixed(1)} s`]),
    ])
    printActions(lives)
    printAudit(audit)
    printWrites(stack.sandbox.sandbox.requests)
    return [...verdict(outcome.tally, lostCreateOrder, flags.strict, backgroundStats), ...auditFailures(audit)]
  },
  ok: "OK: no order or fulfillment missing in PRO, no duplicate consignment, no live consignment of a cancelled order, every fulfillment labelled, no orphan; PRO order duplicates only where a Create Order answer was lost",
})
