import type { ShippingMethodData } from "../../types/shipping-method"

/**
 * Why a cart may no longer be completed with its SortedPRO shipping choice, or null when it may: a Consumer Options
 * delivery or pickup choice (`data.flow` `consumer_options` | `consumer_options_pickup`) whose `allocation_cut_off`
 * (ISO date-time, PRO's AllocationCutOff, docs/pro-api.md §3.2) is at or before `now` (ms since the epoch) can no
 * longer be kept by PRO. The message, shown to the shopper, names the choice and asks them to choose again. Methods of
 * other providers and choices without a cut-off pass. Pure; used by the `POST /store/carts/:id/complete` middleware
 * (src/api/store/cart-completion.ts), and a host that completes carts another way can call it from its own check.
 */
export function expiredChoiceMessage(methods: ReadonlyArray<{ data?: unknown } | null | undefined> | null | undefined, now: number): string | null {
  for (const method of methods ?? []) {
    const data = (method?.data ?? null) as ShippingMethodData | null
    if (!data || (data.flow !== "consumer_options" && data.flow !== "consumer_options_pickup") || !data.allocation_cut_off) {
      continue
    }
    if (Date.parse(data.allocation_cut_off) <= now) {
      const when = [data.day_of_week, data.delivery_date, data.window ? `${data.window.start}–${data.window.end}` : ""].filter(Boolean).join(" ")
      return `The ${data.flow === "consumer_options_pickup" ? "pickup" : "delivery"} option you chose (${when}) is no longer available: its cut-off passed at ${data.allocation_cut_off}. Please choose your delivery again.`
    }
  }
  return null
}
