import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { listShippingOptionsForCartWorkflow } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../../../../modules/sorted-pro"
import type SortedProModuleService from "../../../../modules/sorted-pro/service"
import { CartForDelivery, deliveryOptionsServiceFor } from "../../../../lib/checkout"
import { PROVIDER_ID } from "../../../../providers/sorted-pro/types"
import type { StoreDeliveryOptionsQuery } from "../middlewares"

/**
 * The cart fields the delivery-options mapping reads: the same as the `calculatePrice` context
 * (NOTES.md §1.3), so that this route and the provider share one PRO call per cart state.
 */
export const CART_FIELDS = [
  "id",
  "currency_code",
  "items.*",
  "items.variant.id",
  "items.variant.weight",
  "items.variant.length",
  "items.variant.height",
  "items.variant.width",
  "shipping_address.*",
]

/**
 * `GET /store/sorted-pro/delivery-options?cart_id=…` — the cart's PRO home-delivery options
 * (Delivery Options, CONTRACT.md §3.2), normalised for a storefront.
 *
 * 200 `{ cart_id, shipping_option_id, currency_code, available, options: DeliveryOptionView[], fallback }`:
 * each option has `reference` (pass it as shipping-method `data.delivery_option_reference`), carrier,
 * carrier service, `date` (YYYY-MM-DD), `window` {start,end} or null, `guaranteed`, `price`
 * {amount (major units, tax-inclusive), currency_code, tax_inclusive}, `allocation_cut_off`. When PRO is
 * unavailable: `available: false`, `options: []` and `fallback` {amount, currency_code}, the price the
 * `sorted-pro-delivery` option then charges.
 *
 * Errors: 400 naming `cart_id` or a missing shipping-address field; 404 when the cart does not exist or
 * has no SortedPRO delivery shipping option.
 */
export async function GET(req: MedusaRequest<unknown, StoreDeliveryOptionsQuery>, res: MedusaResponse) {
  const { cart_id } = req.validatedQuery as StoreDeliveryOptionsQuery
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cart_id } })
  const cart = carts[0] as unknown as CartForDelivery | undefined
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart_id: cart ${cart_id} was not found`)
  }
  const { result: shippingOptions } = await listShippingOptionsForCartWorkflow(req.scope).run({
    input: { cart_id, is_return: false, fields: ["service_zone.fulfillment_set.location.name"] },
  })
  const shippingOption = (shippingOptions as any[]).find(
    (option) => option.provider_id === PROVIDER_ID && option.data?.id === "sorted-pro-delivery"
  )
  if (!shippingOption) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `cart_id: cart ${cart_id} has no SortedPRO delivery shipping option (check its region, sales channel and shipping address)`
    )
  }
  const sortedPro = req.scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const options = sortedPro.getOptions()
  const location = shippingOption.service_zone?.fulfillment_set?.location
  const result = await deliveryOptionsServiceFor(sortedPro.getClient(), options).forCart(cart, location)
  if (!result.ok && result.reason === "mapping") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${result.field}: ${result.message}`)
  }
  res.json({
    cart_id,
    shipping_option_id: shippingOption.id,
    currency_code: cart.currency_code,
    available: result.ok,
    options: result.ok ? result.options : [],
    fallback: { amount: options.fallbackPrice, currency_code: cart.currency_code },
  })
}
