/**
 * `npm run bench:faults` — exactly once and nothing lost over the whole life of an order while PRO fails (project
 * issues #5 and #13). Prints figures; exits 1 when a goal is missed (`verdict` in lib/exactly-once.ts and the PRO
 * audit in lib/audit.ts).
 *
 * 1. A fresh stack (bench/lib/stack.ts): one process with in-memory modules on embedded PostgreSQL (or
 *    `$DATABASE_URL`), or with `--production` two servers and a worker with Redis event bus, workflow engine and
 *    cache on the machine's PostgreSQL 15 and Redis, each process on Medusa's default in-memory locking (the plugin's
 *    claim is a PostgreSQL lease); checkouts and admin calls take turns between the servers.
 * 2. `--orders` (300) orders — 3 in 10 delivery-day, 1 delivery-day from two warehouses (Consumer Options Flex),
 *    3 pickup, 3 standard (Order Flex) — by `--concurrency` (4) shoppers, while `--rate` (30 %) of PRO requests fail:
 *    5xx, 429 with Retry-After, hangs, connection resets, about a third of them AFTER PRO did the write (sandbox
 *    `phase: "after"`: the answer is lost). After its checkout each order lives on through the admin API
 *    (lib/lifecycle.ts): about half are fulfilled (Pack and allocate, or allocate the choice), a tenth get a return,
 *    an eighth are cancelled, half of those while the faults last. A reconcile pass runs every `--reconcile-every`
 *    seconds (15; 0 = off), so that reconcile and `order.placed` book the same fresh orders at once.
 * 3. The faults stop; the other cancels are made; reconcile runs until nothing is open (at most `--max-passes`);
 *    PRO is audited (lib/audit.ts): duplicate consignments, missing ones, live consignments of cancelled orders,
 *    fulfillments without labels, orphans — goal 0 each. Then the writes PRO did per kind and the faults that fired.
 *
 * Options: `--orders 300 --concurrency 4 --rate 0.3 --reconcile-every 15 --max-passes 10 --production --redis --strict --keep-logs`.
 */
import { FaultSpec } from "../sandbox/faults"
import { pool } from "../scripts/lib/pool"
import { runExactlyOnceBench } from "./lib/bench-main"
import { backgroundReconcile, checkoutSummary, diffCounts, kindOf, modeLabel, printOutcome, printRequestCounts, verdict } from "./lib/exactly-once"
import { auditFailures, printAudit, printWrites } from "./lib/audit"
import { OrderLives, printActions } from "./lib/order-life"
import { printTable } from "./lib/report"
import type { Stack } from "./lib/stack"

/** One kind of injected failure and its share of all failures. */
interface FaultKind {
  name: string
  share: number
  spec: Omit<FaultSpec, "pathPattern" | "method" | "rate">
}

/** The failure mix (shares sum to 1): 35 % of failures strike after PRO processed the request. */
const KINDS: FaultKind[] = [
  { name: "503 before", share: 0.15, spec: { status: 503 } },
  { name: "500 before", share: 0.1, spec: { status: 500 } },
  { name: "429 Retry-After 1 s", share: 0.2, spec: { retryAfterSeconds: 1 } },
  { name: "reset before", share: 0.125, spec: { reset: true } },
  { name: "hang before", share: 0.075, spec: { hang: true } },
  { name: "500 after", share: 0.1, spec: { status: 500, phase: "after" } },
  { name: "502 after", share: 0.05, spec: { status: 502, phase: "after" } },
  { name: "reset after", share: 0.125, spec: { reset: true, phase: "after" } },
  { name: "hang after", share: 0.075, spec: { hang: true, phase: "after" } },
]

/** Endpoint groups with their own faults, so the bench can tell which writes lost their answer. */
const GROUPS = [
  { name: "Create Order", method: "POST", pathPattern: "/orders" },
  { name: "Select Option", method: "POST", pathPattern: "/deliveryoptions/select/*" },
  // a request tries every matching fault in turn: keep the two groups above out of this one
  { name: "every other PRO request", pathPattern: "^(?!/orders/?$)(?!/deliveryoptions/select/).*$" },
]

/**
 * Adds the faults: per group, one fault per kind, with conditional rates so that a request of the group fails with
 * probability `rate` in total and each kind takes its share (the sandbox tries a request's faults in order and the
 * first that fires wins). Returns the fault ids by group and kind.
 */
function injectFaults(stack: Stack, rate: number): Array<{ group: string; kind: FaultKind; id: number }> {
  const ids: Array<{ group: string; kind: FaultKind; id: number }> = []
  for (const group of GROUPS) {
    let taken = 0
    for (const kind of KINDS) {
      const absolute = rate * kind.share
      const fault = stack.sandbox.sandbox.faults.add({
        pathPattern: group.pathPattern,
        method: group.method,
        ...kind.spec,
        rate: Math.min(1, absolute / (1 - taken)),
      })
      taken += absolute
      ids.push({ group: group.name, kind, id: fault.id })
    }
  }
  return ids
}

runExactlyOnceBench({
  name: "bench:faults",
  defaults: { orders: 300, reconcileEverySeconds: 15 },
  options: { rate: { type: "string", default: "0.3" } },
  plan: ({ options, values, orders, concurrency }) => {
    const rate = Number(values.rate)
    return `mode: ${modeLabel(options)}; ${orders} orders, ${concurrency} at a time, ${(rate * 100).toFixed(0)} % of PRO requests failing`
  },
  run: async (stack, { flags, options, values, log, orders, concurrency, reconcileEveryMs: reconcileEvery }) => {
    const rate = Number(values.rate)
    const faults = injectFaults(stack, rate)
    const placing = Date.now()
    const background = backgroundReconcile(stack, reconcileEvery, log)
    const lives = new OrderLives(stack, orders)
    let done = 0
    const results = await pool(orders, concurrency, async (i) => {
      const result = await stack.placeOrder(kindOf(i), i)
      await lives.live(i, result)
      done += 1
      if (done % 25 === 0) {
        log(`${done}/${orders} checkouts (${Math.round((Date.now() - placing) / 1000)} s)`)
      }
      return result
    })
    const placingMs = Date.now() - placing
    const backgroundStats = await background.stop()
    log(`checkouts and staff actions done in ${(placingMs / 1000).toFixed(1)} s; clearing the faults`)

    // the faults stop; `order.placed` handlers still in flight go on (their hung requests time out) while reconcile runs
    const fired = stack.sandbox.sandbox.faults.list().map((f) => ({ id: f.id, fired: f.fired }))
    stack.sandbox.sandbox.faults.clear()
    const countsAtClear = { ...stack.sandbox.sandbox.requests.counts }
    log(`${lives.cancelLater.length} cancels after the faults`)
    await lives.cancelTheRest()
    const { outcome, audit, waitedMs } = await lives.drainAndAudit(flags.maxPasses, log)
    const { tally } = outcome
    const countsAtEnd = { ...stack.sandbox.sandbox.requests.counts }

    const firedOf = (id: number) => fired.find((f) => f.id === id)?.fired ?? 0
    const lostCreateOrder = faults
      .filter((f) => f.group === "Create Order" && f.kind.spec.phase === "after")
      .reduce((sum, f) => sum + firedOf(f.id), 0)
    const checkout = checkoutSummary(results)

    console.log(`\nbench:faults — ${modeLabel(options)}`)
    console.log(
      `${orders} orders, ${concurrency} concurrent shoppers, ${(rate * 100).toFixed(0)} % of PRO requests failing; checkouts and staff actions took ${(placingMs / 1000).toFixed(1)} s; waited ${(waitedMs / 1000).toFixed(0)} s for the orphan sweep`
    )
    printOutcome({
      ...outcome,
      checkout,
      background: backgroundStats,
      lostCreateOrderAnswers: lostCreateOrder,
      lostCreateOrderLabel: "Create Order answers lost after PRO created the order (after-phase faults)",
    })
    printActions(lives)
    printAudit(audit)
    printWrites(stack.sandbox.sandbox.requests)
    printRequestCounts([
      { label: "with faults", counts: countsAtClear },
      { label: "drain", counts: diffCounts(countsAtEnd, countsAtClear) },
    ])
    const faultRows: Array<Array<string | number>> = [["faults fired", ...GROUPS.map((g) => g.name)]]
    for (const kind of KINDS) {
      faultRows.push([kind.name, ...GROUPS.map((g) => firedOf(faults.find((f) => f.group === g.name && f.kind === kind)!.id))])
    }
    faultRows.push(["total", ...GROUPS.map((g) => faults.filter((f) => f.group === g.name).reduce((sum, f) => sum + firedOf(f.id), 0))])
    console.log("")
    printTable(faultRows)

    return [...verdict(tally, lostCreateOrder, flags.strict, backgroundStats), ...auditFailures(audit)]
  },
  ok: "OK: no order or fulfillment missing in PRO, no duplicate consignment, no live consignment of a cancelled order, every fulfillment labelled, no orphan; PRO order duplicates only where a Create Order answer was lost",
})
