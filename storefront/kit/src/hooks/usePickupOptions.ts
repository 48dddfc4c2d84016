import { fetchPickupOptions, type SortedProError, type SortedProSdk } from "../api"
import { useSortedProSdk } from "../context"
import type { Money, PickupLocation, PickupOptionsResponse, PickupSearch } from "../types"
import { useStoreQuery, type QueryStatus } from "./useStoreQuery"

/** Arguments of `usePickupOptions`. */
export interface UsePickupOptionsArgs {
  /** The cart to price for; `null`/`undefined` keeps the hook idle. */
  cartId: string | null | undefined
  /** Where to search: `{ postalCode }` or `{ lat, lng }` (decimal degrees); `null` keeps the hook idle. */
  search: PickupSearch | null | undefined
  /** Search radius in km (store default 5, max 50). */
  radiusKm?: number
  /** At most this many points (1–50, store default 10). */
  maxResults?: number
  /** A `@medusajs/js-sdk` instance; default: the one from `<SortedProProvider>`. */
  sdk?: SortedProSdk
}

/** What `usePickupOptions` returns. Prices are major units of `currencyCode`, tax-inclusive. */
export interface UsePickupOptionsResult {
  status: QueryStatus
  isLoading: boolean
  data: PickupOptionsResponse | undefined
  /** Pickup points nearest first, each with its opening times, accessibility and delivery `options`. */
  locations: PickupLocation[]
  fallback: boolean
  fallbackPrice: Money | undefined
  /** The calculated "sorted-pro-pickup" shipping option to add to the cart. */
  shippingOptionId: string | undefined
  currencyCode: string | undefined
  /** 400 naming the field (e.g. `postal_code`), 404, or a network error. */
  error: SortedProError | null
  refetch: () => void
}

/**
 * Pickup points around a postcode or coordinates, with their delivery options, from
 * `GET /store/sorted-pro/pickup-options` (plugin store route). Requests again whenever the cart, the search,
 * `radiusKm` or `maxResults` changes. The store never caches location details (PRO's advice).
 */
export function usePickupOptions({ cartId, search, radiusKm, maxResults, sdk: sdkOverride }: UsePickupOptionsArgs): UsePickupOptionsResult {
  const sdk = useSortedProSdk(sdkOverride)
  const where = search ? ("postalCode" in search ? search.postalCode.trim().toUpperCase() : `${search.lat},${search.lng}`) : ""
  const key = cartId && where ? JSON.stringify([cartId, where, radiusKm ?? null, maxResults ?? null]) : null
  const query = useStoreQuery(key, (signal) => fetchPickupOptions(sdk, { cartId: cartId!, ...search!, radiusKm, maxResults }, signal))
  const data = query.status === "success" || query.status === "loading" ? query.data : undefined
  return {
    status: query.status,
    isLoading: query.isLoading,
    data,
    locations: data?.locations ?? [],
    fallback: Boolean(data?.fallback),
    fallbackPrice: data?.fallback_price,
    shippingOptionId: data?.shipping_option_id,
    currencyCode: data?.currency_code,
    error: query.error,
    refetch: query.refetch,
  }
}
