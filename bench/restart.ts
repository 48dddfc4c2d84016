/**
 * `npm run bench:restart` — nothing lost and nothing doubled when Medusa is killed mid-batch (project issue #5).
 * Prints figures; exits non-zero when an order is missing in PRO or PRO holds a duplicate (lib/exactly-once.ts).
 *
 * 1. A fresh stack (bench/lib/stack.ts): one Medusa process, or with `--production` a server and a worker with Redis
 *    modules on the machine's PostgreSQL 15 and Redis.
 * 2. `--orders` (60) orders (4 in 10 delivery-day, 3 pickup, 3 standard) by `--concurrency` (4) shoppers. PRO answers
 *    its writes (Select Option, Create Order) `--pro-latency` ms (400) AFTER committing them (sandbox latency fault,
 *    `phase: "after"`), so a kill lands between PRO's write and our record of it as it would with a slow PRO.
 * 3. After `--kill-after` (half) checkouts, `kill -9` of the whole process group of `--kill` (`shared` in single
 *    mode; `worker` (default), `server` or `both` in production mode). Shoppers arriving while it is down wait; those
 *    in flight fail or not (only orders Medusa has are counted). The killed process is restarted, the batch finishes.
 *    A reconcile pass runs every `--reconcile-every` seconds (10; 0 = off) throughout, also while the process is
 *    down and right after it is back: it meets the dead process's locks and the re-delivered `order.placed` events.
 * 4. Reconcile through `POST /admin/sorted-pro/reconcile` until nothing is open; the table shows the same counts as
 *    bench:faults, plus what the kill left: records open, PRO writes whose answer died with the process.
 *
 * Options: `--orders 60 --concurrency 4 --kill-after 30 --kill worker|server|both --pro-latency 400 --reconcile-every 10
 * --max-passes 10 --production --redis --strict --keep-logs`.
 */
import { pool } from "../scripts/lib/pool"
import { BenchContext, drainAndCount, runExactlyOnceBench } from "./lib/bench-main"
import { backgroundReconcile, checkoutSummary, diffCounts, kindOf, modeLabel, printOutcome, printRequestCounts, verdict } from "./lib/exactly-once"
import { printTable } from "./lib/report"
import type { MedusaProcess, Stack } from "./lib/stack"

/** What the kill left behind, read while the killed process is down (nothing else books then). */
interface KillSnapshot {
  /** Checkouts that had started but not finished when the process died. */
  checkouts_in_flight: number
  /** Our records not synced (pending/failed), consignments and PRO orders. */
  open_consignment_records: number
  open_order_records: number
  /** Of those, the ones PRO already holds under our reference: the write was done, its answer died with the process. */
  lost_select_answers: number
  lost_create_order_answers: number
  /** Orders Medusa has with no record of ours yet (their `order.placed` had not run or was lost). */
  orders_without_records: number
}

async function snapshot(stack: Stack, inFlight: number): Promise<KillSnapshot> {
  const store = stack.sandbox.sandbox.store
  const selected = new Set([...store.consignments.values()].map((c: any) => c.req?.ConsignmentReferenceProvidedByCustomer))
  const ordered = new Set([...store.orders.values()].map((o: any) => o.OrderReferenceProvidedByCustomer))
  const consignments = await stack.sql<{ customer_reference: string }>(
    "select customer_reference from sorted_pro_consignment where deleted_at is null and sync_status <> 'synced'"
  )
  const orders = await stack.sql<{ customer_reference: string }>(
    "select customer_reference from sorted_pro_order where deleted_at is null and sync_status <> 'synced'"
  )
  const [{ n }] = await stack.sql<{ n: string }>(
    `select count(*) as n from "order" o where o.deleted_at is null
       and not exists (select 1 from sorted_pro_consignment c where c.order_id = o.id)
       and not exists (select 1 from sorted_pro_order p where p.order_id = o.id)`
  )
  return {
    checkouts_in_flight: inFlight,
    open_consignment_records: consignments.length,
    open_order_records: orders.length,
    lost_select_answers: consignments.filter((r) => selected.has(r.customer_reference)).length,
    lost_create_order_answers: orders.filter((r) => ordered.has(r.customer_reference)).length,
    orders_without_records: Number(n),
  }
}

/** The bench's own options, parsed and checked. @throws Error when `--kill` names no process of the mode. */
function settings({ values, options, orders }: BenchContext) {
  const target = String(values.kill ?? (options.topology === "split" ? "worker" : "shared"))
  const allowed = options.topology === "split" ? ["worker", "server", "both"] : ["shared"]
  if (!allowed.includes(target)) {
    throw new Error(`--kill ${target}: expected one of ${allowed.join(", ")} in this mode`)
  }
  return {
    killAfter: Number(values["kill-after"] ?? Math.floor(orders / 2)),
    target,
    latency: Number(values["pro-latency"]),
  }
}

runExactlyOnceBench({
  name: "bench:restart",
  defaults: { orders: 60, reconcileEverySeconds: 10 },
  options: {
    "kill-after": { type: "string" },
    kill: { type: "string" },
    "pro-latency": { type: "string", default: "400" },
  },
  plan: (context) => {
    const { options, orders, concurrency } = context
    const { killAfter, target, latency } = settings(context)
    return `mode: ${modeLabel(options)}; ${orders} orders, ${concurrency} at a time; kill -9 ${target} after ${killAfter} checkouts; PRO answers writes ${latency} ms after committing`
  },
  run: async (stack, context) => {
    const { flags, options, log, orders, concurrency, reconcileEveryMs: reconcileEvery } = context
    const { killAfter, target, latency } = settings(context)
    const faults = stack.sandbox.sandbox.faults
    for (const pathPattern of ["/orders", "/deliveryoptions/select/*"]) {
      faults.add({ pathPattern, method: "POST", latencyMs: latency, phase: "after" })
    }
    const victims: MedusaProcess[] = stack.processes.filter((p) => target === "both" || p.role === target)

    let finished = 0
    let inFlight = 0
    let gate: Promise<void> | null = null
    const state: { killed: { snapshot: KillSnapshot; downMs: number } | null } = { killed: null }
    const killAndRestart = async () => {
      const at = Date.now()
      const pending = inFlight
      log(`kill -9 ${victims.map((v) => `${v.role} (pid ${v.child?.pid})`).join(" and ")} with ${pending} checkout(s) in flight`)
      await Promise.all(victims.map((v) => stack.kill(v)))
      const snap = await snapshot(stack, pending)
      log(`killed: ${JSON.stringify(snap)}`)
      await Promise.all(victims.map((v) => stack.restart(v)))
      const downMs = Date.now() - at
      log(`restarted ${victims.map((v) => v.role).join(" and ")} after ${(downMs / 1000).toFixed(1)} s down`)
      state.killed = { snapshot: snap, downMs }
    }
    const background = backgroundReconcile(stack, reconcileEvery, log)
    const results = await pool(orders, concurrency, async (i) => {
      while (gate) {
        await gate
      }
      inFlight += 1
      const result = await stack.placeOrder(kindOf(i), i)
      inFlight -= 1
      finished += 1
      if (finished === killAfter && !gate) {
        gate = killAndRestart().finally(() => (gate = null))
      }
      return result
    })
    while (gate) {
      await gate
    }
    const backgroundStats = await background.stop()
    const kill = state.killed
    if (!kill) {
      throw new Error("the batch ended before the kill: raise --orders or lower --kill-after")
    }
    // shoppers whose checkout was cut by the kill: count those whose cart nevertheless became an order
    const cut = results.filter((r) => r.error && /ECONNRESET|socket hang up|ECONNREFUSED|complete → 0|threw/.test(r.error))
    const countsAtDrain = { ...stack.sandbox.sandbox.requests.counts }
    faults.clear()
    log("batch done; reconciling")
    const outcome = await drainAndCount(stack, flags.maxPasses, log)
    const { tally } = outcome
    const countsAtEnd = { ...stack.sandbox.sandbox.requests.counts }
    const placedCarts = new Set((await stack.listOrders()).map((o) => o.shipping_methods.find((m) => m?.data?.cart_id)?.data?.cart_id))
    const checkout = checkoutSummary(results)

    console.log(`\nbench:restart — ${modeLabel(options)}`)
    console.log(
      `${orders} orders, ${concurrency} concurrent shoppers; kill -9 of ${target} after ${killAfter} checkouts, ${(kill.downMs / 1000).toFixed(1)} s down`
    )
    printOutcome({
      ...outcome,
      checkout,
      background: backgroundStats,
      checkoutGoal: "only those the kill cut",
      lostCreateOrderAnswers: kill.snapshot.lost_create_order_answers,
      lostCreateOrderLabel: "Create Order answers lost with the killed process (PRO had the order)",
    })
    const s = kill.snapshot
    console.log("")
    printTable([
      ["at the kill", "value"],
      ["checkouts in flight", s.checkouts_in_flight],
      ["  cut by the kill / of which Medusa has the order", `${cut.length} / ${cut.filter((r) => placedCarts.has(r.cart_id)).length}`],
      ["orders without a record of ours", s.orders_without_records],
      ["consignment records open / PRO already had the consignment", `${s.open_consignment_records} / ${s.lost_select_answers}`],
      ["PRO order records open / PRO already had the order", `${s.open_order_records} / ${s.lost_create_order_answers}`],
    ])
    printRequestCounts([
      { label: "batch", counts: countsAtDrain },
      { label: "drain", counts: diffCounts(countsAtEnd, countsAtDrain) },
    ])
    return verdict(tally, s.lost_create_order_answers, flags.strict, backgroundStats)
  },
  ok: "OK: no order missing in PRO, no duplicate consignment; PRO order duplicates only where a Create Order answer died with the process",
})
