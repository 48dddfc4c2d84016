/**
 * What both exactly-once benches do with each order after its checkout, and how they end a run (project issue #13):
 * the order's fate (bench/lib/lifecycle.ts) while the batch runs, the cancels kept for after the faults, the drain,
 * and the PRO audit (bench/lib/audit.ts) — waiting, when the audit finds orphans, until they are old enough for the
 * reconcile job's orphan sweep (`ORPHAN_AGE_MS`), as the scheduled job would meet them.
 */
import { ORPHAN_AGE_MS } from "../../src/workflows/reconcile-sweeps"
import { seededRandom } from "../../sandbox/faults"
import { sleep } from "../../scripts/lib/wait"
import { Audit, auditPro } from "./audit"
import { drainAndCount } from "./bench-main"
import { OrderFate, planFates } from "./lifecycle"
import { printTable } from "./report"
import type { CheckoutResult, Stack } from "./types"

/** The fates of a run's orders and the orders whose cancel waits for the end of the faults. */
export class OrderLives {
  readonly fates: OrderFate[]
  readonly cancelLater: string[] = []
  private readonly random = seededRandom("bench-order-lives")
  /** When staff last acted (ms since epoch): orphans are judged from then. */
  lastAction = Date.now()

  constructor(
    readonly stack: Stack,
    orders: number
  ) {
    this.fates = planFates(orders, seededRandom("bench-fates"))
  }

  /** Order `i`'s life after its checkout `result`: fulfil (after 0–2 s), return, cancel now or later. */
  async live(i: number, result: CheckoutResult): Promise<void> {
    const fate = this.fates[i]
    const orderId = result.order_id
    if (!orderId) {
      return
    }
    const lifecycle = this.stack.lifecycle
    if (fate.fulfil) {
      await sleep(Math.floor(this.random() * 2_000))
      const fulfilled = await lifecycle.fulfil(orderId)
      if (fate.return && fulfilled) {
        await lifecycle.requestReturn(orderId)
      }
    }
    if (fate.cancel === "during") {
      await lifecycle.cancel(orderId)
    } else if (fate.cancel === "after") {
      this.cancelLater.push(orderId)
    }
    this.lastAction = Date.now()
  }

  /** The cancels kept for after the faults, 4 at a time. */
  async cancelTheRest(): Promise<void> {
    const queue = [...this.cancelLater]
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let orderId = queue.shift(); orderId; orderId = queue.shift()) {
          await this.stack.lifecycle.cancel(orderId)
        }
      })
    )
    this.lastAction = Date.now()
  }

  /**
   * Drains (reconcile until nothing is open), then audits PRO; when the audit finds orphans, waits until
   * `ORPHAN_AGE_MS` (plus a minute) after the last action, reconciles again and audits again.
   * @returns the drain outcome, the audit, and whether (and how long) it waited for the orphan sweep.
   */
  async drainAndAudit(maxPasses: number, log: (message: string) => void) {
    let outcome = await drainAndCount(this.stack, maxPasses, log)
    let audit: Audit = await auditPro(this.stack.sandbox, (text, values) => this.stack.sql(text, values))
    let waitedMs = 0
    if (audit.orphans || audit.missing_consignments || audit.fulfillments_without_labels) {
      const until = this.lastAction + ORPHAN_AGE_MS + 60_000
      waitedMs = Math.max(0, until - Date.now())
      log(`audit before the orphan sweep: ${JSON.stringify({ ...audit, examples: undefined })}; waiting ${Math.round(waitedMs / 1000)} s`)
      await sleep(waitedMs)
      outcome = await drainAndCount(this.stack, maxPasses, log)
      audit = await auditPro(this.stack.sandbox, (text, values) => this.stack.sql(text, values))
    }
    return { outcome, audit, waitedMs }
  }
}

/** Prints staff's actions: done, failed for good (with the last error), retries. */
export function printActions(lives: OrderLives): void {
  const stats = lives.stack.lifecycle.stats
  const planned = {
    fulfillments: lives.fates.filter((f) => f.fulfil).length,
    returns: lives.fates.filter((f) => f.return).length,
    cancels: lives.fates.filter((f) => f.cancel !== "none").length,
  }
  console.log("")
  printTable([
    ["staff actions (admin API)", "orders planned", "done", "failed", "retries"],
    [
      "create fulfillments (one per stock location)",
      planned.fulfillments,
      stats.fulfillments.done,
      stats.fulfillments.failed,
      stats.fulfillments.retries,
    ],
    ["request a return (SortedPRO return option)", planned.returns, stats.returns.done, stats.returns.failed, stats.returns.retries],
    [
      "cancel fulfillments before cancelling the order",
      "",
      stats.fulfillment_cancels.done,
      stats.fulfillment_cancels.failed,
      stats.fulfillment_cancels.retries,
    ],
    ["cancel the order (half while the batch runs, half after it)", planned.cancels, stats.cancels.done, stats.cancels.failed, stats.cancels.retries],
  ])
  for (const [name, stat] of Object.entries(stats)) {
    for (const [error, n] of stat.errors) {
      console.log(`  ${name} failed: ${n} × ${error}`)
    }
  }
}
