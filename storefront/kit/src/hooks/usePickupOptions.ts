import { fetchPickupOptions, type SortedProSdk } from "../api"
import { useSortedProSdk } from "../context"
import type { PickupLocation, PickupOptionsResponse, PickupSearch } from "../types"
import { useCheckoutQuery, type CheckoutQueryResult } from "./useStoreQuery"

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

/** What `usePickupOptions` returns: the listing fields, and the answer's locations. */
export interface UsePickupOptionsResult extends CheckoutQueryResult<PickupOptionsResponse> {
  /** Pickup points nearest first, each with its opening times, accessibility and delivery `options`. */
  locations: PickupLocation[]
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
  const query = useCheckoutQuery(key, (signal) => fetchPickupOptions(sdk, { cartId: cartId!, ...search!, radiusKm, maxResults }, signal))
  return { ...query, locations: query.data?.locations ?? [] }
}
