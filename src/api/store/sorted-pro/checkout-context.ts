import type { MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { listShippingOptionsForCartWorkflow } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../../../modules/sorted-pro"
import type SortedProModuleService from "../../../modules/sorted-pro/service"
import { DeliveryOptionsService, deliveryOptionsServiceFor, LockingLike, OptionsFailure } from "../../../lib/checkout"
import { askForCart, CheckoutAnswerInput } from "../../../lib/checkout/context"
import { sharedCache } from "../../../lib/checkout/shared-cache"
import type { CartForDelivery, OriginLocation } from "../../../lib/mapping"
import { PROVIDER_ID } from "../../../lib/fulfillment-options"

/**
 * The cart fields the checkout mapping reads (`buildDeliveryOptionsRequest`, `buildPickupOptionsRequest`, the line
 * references, the subtotal): the part of the `calculatePrice` context (docs/medusa.md §1.3) it uses, so that the store
 * routes and the provider build the same request and share one PRO call per cart state.
 */
export const CART_FIELDS = [
  "id",
  "currency_code",
  ...["id", "title", "quantity", "unit_price", "variant_id", "variant_sku", "metadata"].map((field) => `items.${field}`),
  ...["id", "weight", "length", "height", "width"].map((field) => `items.variant.${field}`),
  ...["first_name", "last_name", "company", "address_1", "address_2", "city", "province", "postal_code", "country_code", "phone"].map(
    (field) => `shipping_address.${field}`
  ),
]

/** How long a process reuses the origins of the SortedPRO shipping options (ms), like the settings (`cachedSettings`). */
const ORIGINS_TTL_MS = 30_000

/** What a store route needs to answer for a cart: the cart, the SortedPRO shipping option, its origin, the service. */
export interface CheckoutContext<T> extends CheckoutAnswerInput<T> {
  service: DeliveryOptionsService
}

/** A shipping option as `listShippingOptionsForCartWorkflow` answers it (the fields read here). */
type CartShippingOption = {
  id: string
  provider_id?: string | null
  data?: { id?: unknown } | null
  service_zone?: { fulfillment_set?: { location?: OriginLocation } | null } | null
}

/** Fulfillment option id → the stock locations its SortedPRO shipping options ship from, read at most every 30 s. */
let origins: { expires: number; value: Promise<Map<string, OriginLocation[]>> } | undefined

/**
 * The stock locations SortedPRO shipping options ship from, by fulfillment option id (`data.id`): one query for all,
 * reused for {@link ORIGINS_TTL_MS} by this process (a failed read is not kept).
 */
function shippingOptionOrigins(query: Pick<RemoteQueryFunction, "graph">): Promise<Map<string, OriginLocation[]>> {
  if (origins && origins.expires > Date.now()) {
    return origins.value
  }
  const value = query
    .graph({
      entity: "shipping_option",
      fields: ["id", "data", "service_zone.fulfillment_set.location.id", "service_zone.fulfillment_set.location.name"],
      filters: { provider_id: PROVIDER_ID },
    })
    .then(({ data }) => {
      const byOption = new Map<string, OriginLocation[]>()
      for (const option of data as CartShippingOption[]) {
        const location = option.service_zone?.fulfillment_set?.location
        const list = byOption.get(String(option.data?.id)) ?? []
        if (location && !list.some((known) => known.id === location.id)) {
          list.push({ id: location.id, name: location.name })
        }
        byOption.set(String(option.data?.id), list)
      }
      return byOption
    })
  const entry = { expires: Date.now() + ORIGINS_TTL_MS, value }
  origins = entry
  value.catch(() => origins === entry && (origins = undefined))
  return value
}

/**
 * Loads the cart and its SortedPRO shipping option with fulfillment option `optionId` (`sorted-pro-delivery` or
 * `sorted-pro-pickup`), as Medusa lists them for the cart, and asks the checkout service with `ask` (`askForCart`: the
 * look-ups run in parallel, and PRO is asked while Medusa lists when the option's origin is known beforehand).
 * @throws MedusaError NOT_FOUND naming `cart_id` when the cart does not exist or has no such option.
 */
export async function loadCheckoutContext<T>(
  scope: MedusaContainer,
  cartId: string,
  optionId: string,
  ask: (service: DeliveryOptionsService, cart: CartForDelivery, origin: OriginLocation | undefined) => Promise<T>
): Promise<CheckoutContext<T>> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const sortedPro = scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const service = deliveryOptionsServiceFor(sortedPro.getClient(), sortedPro.getOptions())
    .useCache(sharedCache(scope))
    .useLocking(scope.resolve<LockingLike>(Modules.LOCKING, { allowUnregistered: true }) ?? undefined)
    .useLookups(sortedPro)
  const answer = await askForCart(
    {
      loadCart: async () => {
        const { data: carts } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
        const cart = carts[0] as unknown as CartForDelivery | undefined
        if (!cart) {
          throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart_id: cart ${cartId} was not found`)
        }
        return cart
      },
      listOption: async () => {
        const { result } = await listShippingOptionsForCartWorkflow(scope).run({
          input: { cart_id: cartId, is_return: false, fields: ["service_zone.fulfillment_set.location.name"] },
        })
        const option = (result as CartShippingOption[]).find((candidate) => candidate.provider_id === PROVIDER_ID && candidate.data?.id === optionId)
        if (!option) {
          throw new MedusaError(
            MedusaError.Types.NOT_FOUND,
            `cart_id: cart ${cartId} has no SortedPRO ${optionId} shipping option (check its region, sales channel and shipping address)`
          )
        }
        return { id: option.id, origin: option.service_zone?.fulfillment_set?.location }
      },
      predictOrigin: async () => {
        const locations = (await shippingOptionOrigins(query)).get(optionId) ?? []
        return locations.length === 1 ? locations[0] : null
      },
      fallbackPrice: (currencyCode) => sortedPro.fallbackPriceFor(currencyCode),
    },
    (cart, origin) => ask(service, cart, origin)
  )
  return { ...answer, service }
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
export function checkoutAnswer(context: CheckoutContext<unknown>, result: { ok: true } | OptionsFailure) {
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
