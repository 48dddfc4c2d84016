import { newCart } from "./helpers/fixtures"
import { sweepRequests, SweepRequest } from "./helpers/bad-input"
import { sortedProSuite } from "./helpers/suite"

/** Requests in flight at once: enough to keep the server busy, few enough for a 2-core machine. */
const CONCURRENCY = 6

/**
 * Issue 14 item 8: no 5xx on any bad input. Sweeps every store and admin route of the plugin, and Medusa's own
 * calculate and add-shipping-method routes with malformed SortedPRO `data` (helpers/bad-input.ts), while PRO (the
 * sandbox) is healthy; prints how many requests were sent and how many answered 5xx, and fails on any 5xx.
 */
sortedProSuite({}, ({ api, seed, admin, store }) => {
  it("answers every malformed request of every SortedPRO route with a 4xx, never a 5xx", async () => {
    const cart = await newCart(api, seed, store)
    const requests = sweepRequests(cart.id, seed.shipping_options)
    const statuses = new Map<number, number>()
    const serverErrors: string[] = []
    const send = async (request: SweepRequest) => {
      const response = await api
        .request({
          method: request.method,
          url: request.url,
          data: request.body,
          headers: { ...(request.auth === "admin" ? admin : store).headers, ...(request.body ? { "content-type": "application/json" } : {}) },
          transformRequest: [(data: unknown) => data],
          timeout: 30_000,
        })
        .catch((e: any) => {
          if (!e.response) {
            throw e
          }
          return e.response
        })
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      if (response.status >= 500) {
        serverErrors.push(`${response.status} ${request.method} ${request.url.slice(0, 200)} ${(request.body ?? "").slice(0, 200)}`)
      }
    }
    const started = Date.now()
    const concurrent = requests.filter((request) => !request.serial)
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < concurrent.length) {
          await send(concurrent[next++])
        }
      })
    )
    for (const request of requests.filter((r) => r.serial)) {
      await send(request)
    }
    console.log(
      `bad-input sweep: ${requests.length} requests in ${Date.now() - started} ms, ${serverErrors.length} server errors; statuses ${JSON.stringify(Object.fromEntries(statuses))}` +
        (serverErrors.length ? `\n${serverErrors.join("\n")}` : "")
    )
    expect(serverErrors).toEqual([])
  })
})
