import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { groupByDay } from "../../../../lib/checkout"
import { checkoutAnswer, loadCheckoutContext } from "../checkout-context"
import type { StoreDeliveryOptionsQuery } from "../middlewares"

/**
 * `GET /store/sorted-pro/delivery-options?cart_id=…[&date_from=YYYY-MM-DD&date_to=YYYY-MM-DD&guaranteed_only=true]`
 * — the cart's PRO home-delivery options (Delivery Options, docs/pro-api.md §3.2), grouped by day for a storefront.
 *
 * 200 `{ cart_id, shipping_option_id, currency_code, fallback, fallback_price: {amount, currency_code},
 * days: [{ date, day_of_week, from_price: {amount, currency_code}, windows: DeliveryOptionView[] }], options: DeliveryOptionView[] }`.
 * Each option: `reference` (pass as shipping-method `data.delivery_option_reference`), `carrier`, `carrier_service`,
 * `date` (YYYY-MM-DD), `window` {start, end} or null (all day), `guaranteed`, `price` {amount (major units, tax-inclusive,
 * after the merchant's price rules), currency_code, tax_inclusive}, `allocation_cut_off`. Options past their cut-off
 * are never listed. When PRO is slow or failing: `fallback: true` and no options; the shipping option then charges
 * `fallback_price`.
 *
 * Errors: 400 naming the field (`cart_id`, dates, `guaranteed_only`, a missing shipping-address field);
 * 404 when the cart does not exist or has no SortedPRO delivery shipping option.
 */
export async function GET(req: MedusaRequest<unknown, StoreDeliveryOptionsQuery>, res: MedusaResponse) {
  const query = req.validatedQuery as StoreDeliveryOptionsQuery
  const context = await loadCheckoutContext(req.scope, query.cart_id, "sorted-pro-delivery", (service, cart, origin) => service.forCart(cart, origin))
  const result = context.result
  const answer = checkoutAnswer(context, result)
  const options = (result.ok ? result.options : []).filter(
    (option) =>
      (!query.date_from || option.date >= query.date_from) &&
      (!query.date_to || option.date <= query.date_to) &&
      (!query.guaranteed_only || option.guaranteed)
  )
  res.json({
    ...answer,
    days: groupByDay(options),
    options,
  })
}
