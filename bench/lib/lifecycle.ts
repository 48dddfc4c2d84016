/**
 * The rest of an order's life after checkout, done through Medusa's admin API as staff do it in the admin (project
 * issue #13): create its fulfillments (one per stock location its lines ship from: the provider packs and allocates
 * Order Flex and Consumer Options Flex, allocates a delivery-day choice), request a return of one line on the
 * SortedPRO return option, cancel it (its fulfillments first, as Medusa requires). Like staff, each action is retried
 * when Medusa answers an error or does not answer (killed, restarting), after looking at the order again so that
 * nothing is done twice. Which orders get what is drawn once per run ({@link planFates}).
 */
import type { DemoSeed } from "../../scripts/seed-demo"
import { sleep } from "../../scripts/lib/wait"
import type { AdminAnswer, AdminApi } from "./admin-api"
import { brief } from "./report"
import type { FlexSeed } from "./seed-flex"

/** What happens to one order after its checkout. `cancel`: while the faults are on (`during`) or once they are off (`after`). */
export interface OrderFate {
  fulfil: boolean
  return: boolean
  cancel: "none" | "during" | "after"
}

/**
 * The fates of `n` orders, drawn with `random`: half are fulfilled; of those a fifth get a return and a tenth are
 * cancelled (fulfillments first); of the others a sixth are cancelled. Cancels alternate between during and after
 * the faults.
 */
export function planFates(n: number, random: () => number): OrderFate[] {
  let cancels = 0
  const when = (): OrderFate["cancel"] => (cancels++ % 2 === 0 ? "during" : "after")
  return Array.from({ length: n }, () => {
    const fulfil = random() < 0.5
    const roll = random()
    if (fulfil) {
      return { fulfil, return: roll < 0.2, cancel: roll >= 0.2 && roll < 0.3 ? when() : "none" }
    }
    return { fulfil, return: false, cancel: roll < 1 / 6 ? when() : "none" }
  })
}

/** Per action: done, failed for good, admin retries, and the errors seen (last error of each failed action, counted). */
export interface ActionStats {
  done: number
  failed: number
  retries: number
  errors: Map<string, number>
}

const newStats = (): ActionStats => ({ done: 0, failed: 0, retries: 0, errors: new Map() })

/** How many times staff try an action before giving up, and the pause between tries (ms). */
const TRIES = 8
const PAUSE_MS = 4_000

export class Lifecycle {
  readonly stats = { fulfillments: newStats(), returns: newStats(), fulfillment_cancels: newStats(), cancels: newStats() }

  /** `admin()` is the admin API of a live Medusa server (the benches spread calls over the servers). */
  constructor(
    private readonly admin: () => Promise<AdminApi>,
    private readonly seed: DemoSeed,
    private readonly flex: FlexSeed
  ) {}

  /**
   * Runs `act` until it answers 200 or `isDone()` says the effect is there (checked before every retry), at most
   * {@link TRIES} times. @returns whether the action is done; counts it in `stats`.
   */
  private async attempt(stats: ActionStats, act: (api: AdminApi) => Promise<AdminAnswer>, isDone: (api: AdminApi) => Promise<boolean>) {
    let last = ""
    for (let tries = 0; tries < TRIES; tries++) {
      const api = await this.admin()
      if (tries > 0) {
        stats.retries += 1
        if (await isDone(api).catch(() => false)) {
          stats.done += 1
          return true
        }
      }
      const answer = await act(api)
      if (answer.status === 200) {
        stats.done += 1
        return true
      }
      last = `${answer.status} ${brief(answer.data?.message ?? answer.data)}`.replace(/(order|ful|ret|item)_[A-Z0-9]+|E[A-Z]{1,2}-[A-Z0-9-]+/g, "…")
      await sleep(PAUSE_MS)
    }
    stats.failed += 1
    stats.errors.set(last, (stats.errors.get(last) ?? 0) + 1)
    return false
  }

  private async order(api: AdminApi, orderId: string) {
    const fields =
      "id,status,items.id,items.variant_id,items.detail.quantity,items.detail.fulfilled_quantity,fulfillments.id,fulfillments.canceled_at"
    const answer = await api.call("GET", `/admin/orders/${orderId}?fields=${fields}`)
    if (answer.status !== 200) {
      throw new Error(`GET order ${orderId} → ${answer.status}`)
    }
    return answer.data.order as {
      status: string
      items: Array<{ id: string; variant_id: string; detail: { quantity: number; fulfilled_quantity: number } }>
      fulfillments?: Array<{ id: string; canceled_at: string | null }>
    }
  }

  /** The stock location a line ships from: the umbrella from London, everything else from the demo's warehouse. */
  private locationOf(variantId: string): string {
    return variantId === this.flex.flex_variant_ids[1] ? this.flex.london_id : this.seed.stock_location_id
  }

  /** Creates the order's fulfillments: every unfulfilled line, one fulfillment per stock location. @returns whether all were made. */
  async fulfil(orderId: string): Promise<boolean> {
    const api = await this.admin()
    const order = await this.order(api, orderId).catch(() => null)
    const locations = new Set((order?.items ?? []).map((item) => this.locationOf(item.variant_id)))
    let all = true
    for (const location of locations.size ? locations : [this.seed.stock_location_id]) {
      const open = async (api: AdminApi) =>
        (await this.order(api, orderId)).items
          .filter((item) => this.locationOf(item.variant_id) === location)
          .map((item) => ({ id: item.id, quantity: item.detail.quantity - item.detail.fulfilled_quantity }))
          .filter((item) => item.quantity > 0)
      all =
        (await this.attempt(
          this.stats.fulfillments,
          async (api) => {
            const items = await open(api).catch(() => null)
            if (!items) {
              return { status: 0, data: { message: "order not readable" } }
            }
            // nothing left to fulfil from here: an earlier try was done after all
            return items.length
              ? api.call("POST", `/admin/orders/${orderId}/fulfillments`, { location_id: location, items })
              : { status: 200, data: {} }
          },
          async (api) => (await open(api)).length === 0
        )) && all
    }
    return all
  }

  /**
   * Requests a return of one unit of the order's first line shipped from the demo's warehouse, on the SortedPRO
   * return option (create the return, add the line, add the shipping method, request it; each step once).
   */
  async requestReturn(orderId: string): Promise<void> {
    let returnId: string | null = null
    const steps = { items: false, method: false }
    const requested = async (api: AdminApi) => {
      const answer = await api.call("GET", `/admin/returns?order_id=${orderId}&fields=id,status`)
      return ((answer.data?.returns ?? []) as Array<{ id: string; status: string }>).some((found) => found.status === "requested")
    }
    await this.attempt(
      this.stats.returns,
      async (api) => {
        if (!returnId) {
          const answer = await api.call("POST", "/admin/returns", { order_id: orderId, location_id: this.seed.stock_location_id })
          if (answer.status !== 200) {
            return answer
          }
          returnId = answer.data.return.id as string
        }
        if (!steps.items) {
          const order = await this.order(api, orderId)
          const line = order.items.find((item) => this.locationOf(item.variant_id) === this.seed.stock_location_id) ?? order.items[0]
          const answer = await api.call("POST", `/admin/returns/${returnId}/request-items`, { items: [{ id: line.id, quantity: 1 }] })
          if (answer.status !== 200) {
            return answer
          }
          steps.items = true
        }
        if (!steps.method) {
          const answer = await api.call("POST", `/admin/returns/${returnId}/shipping-method`, {
            shipping_option_id: this.seed.shipping_options.return,
          })
          if (answer.status !== 200) {
            return answer
          }
          steps.method = true
        }
        return api.call("POST", `/admin/returns/${returnId}/request`, {})
      },
      requested
    )
  }

  /** Cancels the order in the admin: its fulfillments first, then the order. */
  async cancel(orderId: string): Promise<void> {
    const api = await this.admin()
    const order = await this.order(api, orderId).catch(() => null)
    for (const fulfillment of (order?.fulfillments ?? []).filter((f) => !f.canceled_at)) {
      const cancelled = await this.attempt(
        this.stats.fulfillment_cancels,
        (api) => api.call("POST", `/admin/orders/${orderId}/fulfillments/${fulfillment.id}/cancel`, {}),
        async (api) => Boolean((await this.order(api, orderId)).fulfillments?.find((f) => f.id === fulfillment.id)?.canceled_at)
      )
      if (!cancelled) {
        return
      }
    }
    await this.attempt(
      this.stats.cancels,
      (api) => api.call("POST", `/admin/orders/${orderId}/cancel`, {}),
      async (api) => (await this.order(api, orderId)).status === "canceled"
    )
  }
}
