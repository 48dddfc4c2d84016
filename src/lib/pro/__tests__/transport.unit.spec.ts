import { ProApiError } from "../errors"
import { backoffDelay } from "../transport"

const failure = (retryAfterSeconds: number | null = null) =>
  new ProApiError({ status: 503, code: "ServiceUnavailable", message: "down", method: "GET", path: "/x", retryAfterSeconds })

describe("retry backoff", () => {
  it("spreads retries with jitter between half and all of the exponential delay, capped at 5 s", () => {
    expect(backoffDelay(failure(), 0, 250, () => 0)).toBe(125)
    expect(backoffDelay(failure(), 0, 250, () => 0.999)).toBe(250)
    expect(backoffDelay(failure(), 2, 250, () => 0.5)).toBe(750)
    expect(backoffDelay(failure(), 10, 250, () => 0.9999)).toBe(5000)
    expect(backoffDelay(failure(), 10, 250, () => 0)).toBe(2500)
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(failure(), 3, 250)))
    expect(delays.size).toBeGreaterThan(1)
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1000)
      expect(delay).toBeLessThanOrEqual(2000)
    }
  })

  it("waits exactly PRO's Retry-After when it sent one (at most 30 s), without jitter", () => {
    expect(backoffDelay(failure(2), 0, 250, () => 0.3)).toBe(2000)
    expect(backoffDelay(failure(120), 0, 250)).toBe(30_000)
  })
})
