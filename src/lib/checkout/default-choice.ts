import type { DeliveryOptionView } from "../../types"
import type { CartForDelivery, OriginLocation } from "../mapping"
import type { DeliveryOptionsService, PickupChoice } from "./delivery-options"

/**
 * What a storefront that sends no `data` (Medusa's Next.js starter: `POST /store/shipping-options/:id/calculate
 * {cart_id}` then `POST /store/carts/:id/shipping-methods {option_id}`) is charged and given. `calculatePrice` and
 * `validateFulfillmentData` both take the option these functions pick for the same cart state, so the amount the
 * storefront showed is the amount charged and the option recorded.
 */

/** Pickup search used when the shopper chose no point: around the shipping address's postcode (km; results). */
export const DEFAULT_PICKUP_SEARCH = { radius_km: 5, max_results: 10 } as const

/** Order of two options: earlier day first (`YYYY-MM-DD`), then earlier window start (all-day last), then cheaper. */
function byDay(a: DeliveryOptionView, b: DeliveryOptionView): number {
  return (
    a.date.localeCompare(b.date) ||
    (a.window?.start ?? "99:99").localeCompare(b.window?.start ?? "99:99") ||
    a.price.amount - b.price.amount ||
    a.reference.localeCompare(b.reference)
  )
}

/**
 * The home-delivery option given to a shopper who chose none: the earliest day's cheapest option (that day's "from"
 * price, which `calculatePrice` shows), and among equally cheap ones that day the earliest window. Undefined when
 * `options` is empty.
 */
export function defaultDeliveryOption(options: DeliveryOptionView[]): DeliveryOptionView | undefined {
  const earliestDay = options.reduce<string | undefined>((day, option) => (day === undefined || option.date < day ? option.date : day), undefined)
  const thatDay = options.filter((option) => option.date === earliestDay)
  return thatDay.sort((a, b) => a.price.amount - b.price.amount || byDay(a, b))[0]
}

/** Why no default pickup option could be had: `address` (no postcode to search from), `none` (no point), `pro` (PRO failed). */
export type DefaultPickup = { ok: true; choice: PickupChoice } | { ok: false; reason: "address" | "none" | "pro"; message: string }

/**
 * The pickup option given to a shopper who chose none: the pickup point nearest the cart's shipping address (Pickup
 * Options searched by its postcode, docs/pro-api.md §3.3, {@link DEFAULT_PICKUP_SEARCH}) that has options, and its
 * earliest option (earliest day, then window, then price). The search remembers the options offered, so the choice's
 * reference is then priced and validated like one made in a pickup picker. `context` is the cart Medusa passes to
 * `calculatePrice`/`validateFulfillmentData` (shipping address, items, `from_location`). Never throws.
 */
export async function defaultPickupChoice(service: DeliveryOptionsService, context: Record<string, unknown>): Promise<DefaultPickup> {
  const cart = context as unknown as CartForDelivery
  const origin = (context as { from_location?: OriginLocation | null }).from_location
  const postalCode = cart.shipping_address?.postal_code?.trim()
  if (!postalCode) {
    return { ok: false, reason: "address", message: "Add a shipping address with a postcode to find a pickup point near it" }
  }
  try {
    const result = await service.pickupForCart(cart, origin, { postal_code: postalCode, ...DEFAULT_PICKUP_SEARCH })
    if (!result.ok) {
      return { ok: false, reason: result.reason === "mapping" ? "address" : "pro", message: result.message }
    }
    const location = result.locations.find((candidate) => candidate.options.length > 0)
    if (!location) {
      return {
        ok: false,
        reason: "none",
        message: `There is no pickup point within ${DEFAULT_PICKUP_SEARCH.radius_km} km of ${postalCode}: choose home delivery or another address`,
      }
    }
    const option = [...location.options].sort(byDay)[0]
    const { shop_reference, name, address, reservation_required } = location
    return {
      ok: true,
      choice: {
        option,
        location: { shop_reference, name, address, reservation_required },
        shippingLocationReference: result.shippingLocationReference,
      },
    }
  } catch (error) {
    return { ok: false, reason: "pro", message: (error as Error).message }
  }
}
