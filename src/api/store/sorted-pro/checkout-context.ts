import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { listShippingOptionsForCartWorkflow } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../../../modules/sorted-pro"
import type SortedProModuleService from "../../../modules/sorted-pro/service"
import { CacheLike, DeliveryOptionsService, deliveryOptionsServiceFor, OptionsFailure } from "../../../lib/checkout"
import type { CartForDelivery, OriginLocation } from "../../../lib/mapping"
import { PROVIDER_ID } from "../../../lib/fulfillment-options"

/**
 * The cart fields the checkout mapping reads: the same as the `calculatePrice` context (docs/medusa.md §1.3),
 * so that the store routes and the provider share one PRO call per cart state.
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

/** What a store route needs to answer for a cart: the cart, the SortedPRO shipping option, its origin, the service. */
export interface CheckoutContext {
  cart: CartForDelivery
  shippingOptionId: string
  origin: OriginLocation | undefined
  service: DeliveryOptionsService
  /** Charged when PRO cannot answer: major units of the cart currency (the settings' price for it, else `fallbackPrice`). */
  fallbackPrice: { amount: number; currency_code: string }
}

/** A shipping option as `listShippingOptionsForCartWorkflow` answers it (the fields read here). */
type CartShippingOption = {
  id: string
  provider_id?: string | null
  data?: { id?: unknown } | null
  service_zone?: { fulfillment_set?: { location?: OriginLocation } | null } | null
}

/**
 * Loads the cart and its SortedPRO shipping option with fulfillment option `optionId`
 * (`sorted-pro-delivery` or `sorted-pro-pickup`), as Medusa lists them for the cart.
 * @throws MedusaError NOT_FOUND naming `cart_id` when the cart does not exist or has no such option.
 */
export async function loadCheckoutContext(scope: MedusaContainer, cartId: string, optionId: string): Promise<CheckoutContext> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
  const cart = carts[0] as unknown as CartForDelivery | undefined
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart_id: cart ${cartId} was not found`)
  }
  const { result: shippingOptions } = await listShippingOptionsForCartWorkflow(scope).run({
    input: { cart_id: cartId, is_return: false, fields: ["service_zone.fulfillment_set.location.name"] },
  })
  const shippingOption = (shippingOptions as CartShippingOption[]).find(
    (option) => option.provider_id === PROVIDER_ID && option.data?.id === optionId
  )
  if (!shippingOption) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `cart_id: cart ${cartId} has no SortedPRO ${optionId} shipping option (check its region, sales channel and shipping address)`
    )
  }
  const sortedPro = scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const options = sortedPro.getOptions()
  const cache = scope.resolve<CacheLike>(Modules.CACHE, { allowUnregistered: true }) ?? undefined
  return {
    cart,
    shippingOptionId: shippingOption.id,
    origin: shippingOption.service_zone?.fulfillment_set?.location,
    service: deliveryOptionsServiceFor(sortedPro.getClient(), options).useCache(cache).useLookups(sortedPro),
    fallbackPrice: { amount: await sortedPro.fallbackPriceFor(cart.currency_code), currency_code: cart.currency_code },
  }
}

/** A mapping failure (missing address, items or location mapping) as a 400 naming the field. */
export function mappingError(field: string, message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: ${message}`)
}

/**
 * The fields every store options route answers with: `cart_id`, the SortedPRO `shipping_option_id` to choose on,
 * the cart's `currency_code`, `fallback` (true when PRO failed: nothing to choose) and `fallback_price` (major units
 * of the cart currency), for `result`, what the checkout service answered for the cart.
 * @throws MedusaError INVALID_DATA naming the field ({@link mappingError}) when the cart cannot be mapped to PRO.
 */
export function checkoutAnswer(context: CheckoutContext, result: { ok: true } | OptionsFailure) {
  if (!result.ok && result.reason === "mapping") {
    throw mappingError(result.field, result.message)
  }
  return {
    cart_id: context.cart.id,
    shipping_option_id: context.shippingOptionId,
    currency_code: context.cart.currency_code,
    fallback: !result.ok,
    fallback_price: context.fallbackPrice,
  }
}
