/**
 * The bench's shoppers: one checkout through the store API as a real storefront makes it, with its recoveries
 * (see `Stack.placeOrder` in bench/lib/types.ts).
 */
import type { AxiosInstance } from "axios"
import type { DemoSeed } from "../../scripts/seed-demo"
import type { FlexSeed } from "./seed-flex"
import { sleep } from "../../scripts/lib/wait"
import { brief } from "./report"
import type { CheckoutResult, OrderKind } from "./types"

const UK_POSTCODES = [
  "M1 5WG",
  "M2 4WU",
  "M4 1HQ",
  "SW1A 1AA",
  "EH1 1YZ",
  "B1 1AA",
  "LS1 1UR",
  "E16 2EZ",
  "BS1 4DJ",
  "CF10 1EP",
  "NE1 7RU",
  "G1 1XQ",
  "L1 8JQ",
  "NG1 5FS",
  "S1 2HE",
]

/** Places bench orders through the store API with `http` (a Medusa base URL, any status accepted); `random` varies the choices. */
export class Shoppers {
  constructor(
    private readonly http: AxiosInstance,
    private readonly seed: DemoSeed,
    private readonly flex: FlexSeed,
    private readonly random: () => number
  ) {}

  private store(method: "GET" | "POST", url: string, data?: unknown) {
    return this.http.request({ method, url, data, headers: { "x-publishable-api-key": this.seed.publishable_key } })
  }

  /** One shopper's checkout; never throws (see `Stack.placeOrder`). */
  async placeOrder(kind: OrderKind, seq: number): Promise<CheckoutResult> {
    const began = Date.now()
    const result: CheckoutResult = { kind, cart_id: "", fallback: false, recoveries: 0, ms: 0 }
    const done = (extra: Partial<CheckoutResult>) => Object.assign(result, extra, { ms: Date.now() - began })
    try {
      const postcode = UK_POSTCODES[seq % UK_POSTCODES.length]
      const created = await this.store("POST", "/store/carts", {
        region_id: this.seed.region_id,
        email: `shopper${seq}@example.com`,
        items:
          kind === "flex"
            ? this.flex.flex_variant_ids.map((variant_id) => ({ variant_id, quantity: 1 }))
            : [{ variant_id: this.seed.variant_ids[seq % this.seed.variant_ids.length], quantity: 1 }],
        shipping_address: {
          first_name: "Bench",
          last_name: `Shopper ${seq}`,
          address_1: `${1 + (seq % 200)} Bench Street`,
          city: "Manchester",
          postal_code: postcode,
          country_code: "gb",
          phone: "07700900000",
        },
      })
      if (created.status !== 200) {
        return done({ error: `create cart → ${created.status} ${brief(created.data)}` })
      }
      const cartId: string = created.data.cart.id
      result.cart_id = cartId
      const chosen = await this.chooseShipping(kind, cartId, postcode, result)
      if (chosen) {
        return done({ error: chosen })
      }
      const collection = await this.store("POST", "/store/payment-collections", { cart_id: cartId })
      if (collection.status !== 200) {
        return done({ error: `payment collection → ${collection.status} ${brief(collection.data)}` })
      }
      const session = await this.store("POST", `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`, {
        provider_id: "pp_system_default",
      })
      if (session.status !== 200) {
        return done({ error: `payment session → ${session.status} ${brief(session.data)}` })
      }
      for (let attempt = 0; ; attempt++) {
        const completed = await this.store("POST", `/store/carts/${cartId}/complete`, {}).catch((error: Error) => ({
          status: 0,
          data: { message: error.message },
        }))
        if (completed.status === 200 && completed.data.type === "order") {
          const order = completed.data.order
          return done({ order_id: order.id, flow: order.shipping_methods?.[0]?.data?.flow })
        }
        // 5xx, no answer (Medusa restarting) or 409 "conflicted with another request, you may retry" (a lock held,
        // e.g. a dead process's inventory lock until its lease lapses): a storefront retries, bounded (~1 min)
        if ((completed.status >= 500 || completed.status === 0 || completed.status === 409) && attempt < 8) {
          result.recoveries += 1
          await sleep(3_000 + attempt * 1_000)
          continue
        }
        return done({ error: `complete → ${completed.status} ${brief(completed.data?.error ?? completed.data)}` })
      }
    } catch (error) {
      return done({ error: `checkout threw: ${(error as Error).message}` })
    }
  }

  /** Adds the shipping method for `kind`; returns an error text or null. */
  private async chooseShipping(kind: OrderKind, cartId: string, postcode: string, result: CheckoutResult): Promise<string | null> {
    const add = (option_id: string, data?: Record<string, unknown>) =>
      this.store("POST", `/store/carts/${cartId}/shipping-methods`, { option_id, ...(data ? { data } : {}) })
    const flat = async () => {
      const added = await add(this.seed.shipping_options.standard)
      return added.status === 200 ? null : `flat option → ${added.status} ${brief(added.data)}`
    }
    if (kind === "standard") {
      return flat()
    }
    let last = ""
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) {
        result.recoveries += 1
      }
      if (kind === "delivery" || kind === "flex") {
        const listing = await this.store("GET", `/store/sorted-pro/delivery-options?cart_id=${cartId}`)
        if (listing.status !== 200) {
          last = `delivery options → ${listing.status} ${brief(listing.data)}`
          continue
        }
        if (listing.data.fallback) {
          // what the storefront does without options: the delivery option without a choice, at the fallback price
          result.fallback = true
          const added = await add(listing.data.shipping_option_id)
          if (added.status === 200) {
            return null
          }
          last = `fallback delivery → ${added.status} ${brief(added.data)}`
          continue
        }
        const option = this.pick(listing.data.options as Array<{ reference: string; allocation_cut_off?: string }>)
        if (!option) {
          last = "no delivery option with a cut-off far enough ahead"
          continue
        }
        const added = await add(listing.data.shipping_option_id, { delivery_option_reference: option.reference })
        if (added.status === 200) {
          return null
        }
        last = `choose delivery → ${added.status} ${brief(added.data)}`
      } else {
        const search = await this.store(
          "GET",
          `/store/sorted-pro/pickup-options?cart_id=${cartId}&postal_code=${encodeURIComponent(postcode)}&max_results=8`
        )
        if (search.status !== 200) {
          last = `pickup options → ${search.status} ${brief(search.data)}`
          continue
        }
        if (search.data.fallback) {
          result.fallback = true
          return flat()
        }
        const locations = (
          search.data.locations as Array<{ shop_reference: string; options: Array<{ reference: string; allocation_cut_off?: string }> }>
        ).filter((l) => l.options.length)
        const location = locations[Math.floor(this.random() * locations.length)]
        const option = location && this.pick(location.options)
        if (!option) {
          last = "no pickup option with a cut-off far enough ahead"
          continue
        }
        const added = await add(search.data.shipping_option_id, {
          delivery_option_reference: option.reference,
          pickup_location_shop_reference: location.shop_reference,
        })
        if (added.status === 200) {
          return null
        }
        last = `choose pickup → ${added.status} ${brief(added.data)}`
      }
    }
    return last
  }

  /** A random option whose cut-off is at least 3 hours away (so it cannot pass while the bench runs). */
  private pick<T extends { allocation_cut_off?: string }>(options: T[]): T | undefined {
    const safe = options.filter((o) => !o.allocation_cut_off || Date.parse(o.allocation_cut_off) > Date.now() + 3 * 3_600_000)
    return safe[Math.floor(this.random() * safe.length)]
  }
}
