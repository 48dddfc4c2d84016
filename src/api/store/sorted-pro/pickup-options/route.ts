import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkoutAnswer, loadCheckoutContext } from "../checkout-context"
import type { StorePickupOptionsQuery } from "../middlewares"

/**
 * `GET /store/sorted-pro/pickup-options?cart_id=…&postal_code=…` (or `&lat=&lng=`), `radius_km` (0.1–50, default 5),
 * `max_results` (1–50, default 10) — pickup points near the search for the cart (Pickup Options, docs/pro-api.md §3.3).
 * PRO advises never caching location details (docs/pro-api.md §3.3): the same search for the same cart is reused for
 * 60 s only, and searches reaching PRO are limited per cart (`PICKUP_SEARCHES_PER_MINUTE`, 10 a minute).
 *
 * 200 `{ cart_id, shipping_option_id, currency_code, fallback, fallback_price, locations: [{ shop_reference, name,
 * address {address_1, address_2, address_3, city, province, postal_code, country_code}, distance_km,
 * opening_times {monday: [{start, end}], … sunday}, accessibility {disabled_access}, additional_information,
 * reservation_required, options: DeliveryOptionView[] }] }`, nearest first. Choose with shipping-method `data`
 * `{delivery_option_reference, pickup_location_shop_reference}` on `shipping_option_id`; a location whose
 * reservation is required is reserved then.
 *
 * Errors: 400 naming the field (`postal_code`/`lat`/`lng`, `radius_km`, `max_results`); 404 when the cart does not
 * exist or has no SortedPRO pickup shipping option; 429 `{type: "too_many_requests", message, limit, window_seconds}` with
 * `Retry-After` (seconds) when the cart searched too often. PRO failures answer `fallback: true` with no locations.
 */
export async function GET(req: MedusaRequest<unknown, StorePickupOptionsQuery>, res: MedusaResponse) {
  const query = req.validatedQuery as StorePickupOptionsQuery
  const context = await loadCheckoutContext(req.scope, query.cart_id, "sorted-pro-pickup", (service, cart, origin) =>
    service.pickupForCart(cart, origin, query)
  )
  const result = context.result
  if (!result.ok && result.reason === "rate_limited") {
    res.setHeader("Retry-After", String(result.retryAfterSeconds))
    res.status(429).json({ type: "too_many_requests", message: result.message, limit: result.limit, window_seconds: result.windowSeconds })
    return
  }
  res.json({
    ...checkoutAnswer(context, result),
    locations: result.ok ? result.locations : [],
  })
}
