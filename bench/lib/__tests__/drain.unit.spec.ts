import { drain } from "../exactly-once"
import type { ReconcileAnswer, Tally } from "../types"

/** A stack whose reconcile passes answer `answers` in turn (the last one again once they run out). */
function stackAnswering(answers: ReconcileAnswer[]) {
  let calls = 0
  return {
    calls: () => calls,
    reconcile: async () => answers[Math.min(calls++, answers.length - 1)],
    tally: async () => ({ missing: 0 }) as Tally,
  }
}
const open = (in_flight: number): ReconcileAnswer => ({ orders_retried: 0, fulfillments_retried: 0, still_open: in_flight, in_flight })
const done: ReconcileAnswer = { orders_retried: 1, fulfillments_retried: 0, still_open: 0, in_flight: 0 }

describe("bench drain", () => {
  it("goes on past its passes while a killed process's lease still holds a record, then sees it finished", async () => {
    const stack = stackAnswering([open(2), open(2), open(1), open(1), done])
    const result = await drain(stack, 2, () => undefined, { pauseMs: 1, leaseMs: 5_000 })
    expect(stack.calls()).toBe(5)
    expect(result.passes.at(-1)?.answer).toEqual(done)
  })

  it("stops after its passes when nothing is held by a lease", async () => {
    const stack = stackAnswering([{ ...open(0), still_open: 3 }])
    await drain(stack, 2, () => undefined, { pauseMs: 1, leaseMs: 5_000 })
    expect(stack.calls()).toBe(2)
  })

  it("stops once the leases must have lapsed, even if a pass still reports one held", async () => {
    const stack = stackAnswering([open(1)])
    await drain(stack, 1, () => undefined, { pauseMs: 5, leaseMs: 30 })
    expect(stack.calls()).toBeGreaterThan(1)
    expect(stack.calls()).toBeLessThan(20)
  })
})
