import type Medusa from "@medusajs/js-sdk"
import type { DeliveryOptionsResponse, PickupOptionsResponse, PickupSearch, ShippingChoice, ShippingChoiceData } from "./types"

/**
 * The parts of a `@medusajs/js-sdk` `Medusa` instance the kit uses (`client.fetch`, `store.cart`,
 * `store.fulfillment`). Pass the storefront's own instance, created with its `publishableKey`.
 */
export type SortedProSdk = Pick<Medusa, "client" | "store">

/** A Medusa store cart as `sdk.store.cart.*` returns it (`HttpTypes.StoreCart`); totals in major units. */
export type StoreCart = Awaited<ReturnType<Medusa["store"]["cart"]["retrieve"]>>["cart"]

/**
 * An error from a store route or from the network, normalised for display.
 * - `status`: the HTTP status (400 invalid input, 404 unknown cart or no SortedPRO option), or `undefined`
 *   when the request never got an answer (network, CORS, abort);
 * - `field`: the request field the store named in its message (e.g. `shipping_address.postal_code`,
 *   `data.delivery_option_reference`), when it named one;
 * - `needsAddress`: the cart has no (complete) shipping address yet;
 * - `chooseAgain`: the store refused a chosen option (expired, past its cut-off, another cart's): list and
 *   choose again.
 */
export class SortedProError extends Error {
  readonly status?: number
  readonly field?: string
  readonly needsAddress: boolean
  readonly chooseAgain: boolean

  constructor(message: string, options: { status?: number; field?: string; chooseAgain?: boolean } = {}) {
    super(message)
    this.name = "SortedProError"
    this.status = options.status
    this.field = options.field
    this.needsAddress = Boolean(options.field?.startsWith("shipping_address"))
    this.chooseAgain = Boolean(options.chooseAgain)
  }
}

const FIELD_PATTERN =
  /\b((?:shipping_address|data|cart_id|postal_code|lat|lng|radius_km|max_results|date_from|date_to|guaranteed_only)(?:\.[a-z0-9_]+)*)\b/

/** The message of a request that got no answer (network down, CORS refused, server restarting). */
export const NETWORK_MESSAGE = "The store could not be reached. Check your connection and try again."

/** Normalises anything a js-sdk call threw (its `FetchError` has `status` and the store's `message`). */
export function toSortedProError(error: unknown, context: { choosing?: boolean } = {}): SortedProError {
  if (error instanceof SortedProError) {
    return error
  }
  const status = typeof (error as { status?: unknown })?.status === "number" ? (error as { status: number }).status : undefined
  const message =
    status === undefined && !(error instanceof SortedProError) && (error as { name?: string })?.name !== "Error"
      ? NETWORK_MESSAGE // fetch's TypeError ("Failed to fetch") or an AbortError: no answer from the store
      : error instanceof Error && error.message
        ? error.message
        : typeof error === "string"
          ? error
          : NETWORK_MESSAGE
  const field = status !== undefined && status < 500 ? FIELD_PATTERN.exec(message)?.[1] : undefined
  return new SortedProError(message, {
    status,
    field,
    chooseAgain: Boolean(context.choosing && status === 400 && (field === undefined || field.startsWith("data"))),
  })
}

/** Query of `GET /store/sorted-pro/delivery-options`. Dates are `YYYY-MM-DD`. */
export interface DeliveryOptionsQuery {
  cartId: string
  dateFrom?: string
  dateTo?: string
  guaranteedOnly?: boolean
}

/**
 * `GET /store/sorted-pro/delivery-options?cart_id=…` through `sdk.client.fetch` (which adds the
 * publishable key). Rejects with a `SortedProError` (400 naming the field, 404 unknown cart).
 */
export async function fetchDeliveryOptions(sdk: SortedProSdk, query: DeliveryOptionsQuery, signal?: AbortSignal): Promise<DeliveryOptionsResponse> {
  try {
    return await sdk.client.fetch<DeliveryOptionsResponse>("/store/sorted-pro/delivery-options", {
      query: {
        cart_id: query.cartId,
        date_from: query.dateFrom,
        date_to: query.dateTo,
        guaranteed_only: query.guaranteedOnly ? "true" : undefined,
      },
      signal,
    })
  } catch (error) {
    throw toSortedProError(error)
  }
}

/** Query of `GET /store/sorted-pro/pickup-options`: where to search, `radiusKm` (default 5, max 50), `maxResults` (1–50, default 10). */
export type PickupOptionsQuery = { cartId: string; radiusKm?: number; maxResults?: number } & PickupSearch

/**
 * `GET /store/sorted-pro/pickup-options?cart_id=…&postal_code=…` (or `lat`/`lng`) through `sdk.client.fetch`.
 * Rejects with a `SortedProError`.
 */
export async function fetchPickupOptions(sdk: SortedProSdk, query: PickupOptionsQuery, signal?: AbortSignal): Promise<PickupOptionsResponse> {
  const where = "postalCode" in query ? { postal_code: query.postalCode.trim() } : { lat: query.lat, lng: query.lng }
  try {
    return await sdk.client.fetch<PickupOptionsResponse>("/store/sorted-pro/pickup-options", {
      query: { cart_id: query.cartId, ...where, radius_km: query.radiusKm, max_results: query.maxResults },
      signal,
    })
  } catch (error) {
    throw toSortedProError(error)
  }
}

/** The shipping-method `data` for a choice: `undefined` without a reference (fallback), else the plugin's keys. */
export function choiceData(choice: ShippingChoice): ShippingChoiceData {
  if (!choice.deliveryOptionReference) {
    return undefined
  }
  return choice.pickupLocationShopReference
    ? { delivery_option_reference: choice.deliveryOptionReference, pickup_location_shop_reference: choice.pickupLocationShopReference }
    : { delivery_option_reference: choice.deliveryOptionReference }
}
