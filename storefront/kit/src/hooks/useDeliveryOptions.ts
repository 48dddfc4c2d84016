import { fetchDeliveryOptions, type SortedProError, type SortedProSdk } from "../api"
import { useSortedProSdk } from "../context"
import type { DeliveryDay, DeliveryOptionsResponse, DeliveryOptionView, Money } from "../types"
import { useStoreQuery, type QueryStatus } from "./useStoreQuery"

/** Arguments of `useDeliveryOptions`. */
export interface UseDeliveryOptionsArgs {
  /** The cart to list for; `null`/`undefined` keeps the hook idle (no request). The cart needs a shipping address. */
  cartId: string | null | undefined
  /** Only days on or after / on or before these `YYYY-MM-DD` dates. */
  dateFrom?: string
  dateTo?: string
  /** Only options whose day (and window) the carrier guarantees. */
  guaranteedOnly?: boolean
  /** A `@medusajs/js-sdk` instance; default: the one from `<SortedProProvider>`. */
  sdk?: SortedProSdk
}

/** What `useDeliveryOptions` returns. Prices are major units of `currencyCode`, tax-inclusive. */
export interface UseDeliveryOptionsResult {
  status: QueryStatus
  isLoading: boolean
  /** The raw answer, `undefined` until the first success (kept while a refetch loads). */
  data: DeliveryOptionsResponse | undefined
  /** Days in date order, each with its `from_price` and `windows`; empty on fallback. */
  days: DeliveryDay[]
  /** All options, flat. */
  options: DeliveryOptionView[]
  /** PRO could not answer: offer `fallbackPrice` with `shippingOptionId` and no data. */
  fallback: boolean
  fallbackPrice: Money | undefined
  /** The calculated "sorted-pro-delivery" shipping option to add to the cart. */
  shippingOptionId: string | undefined
  currencyCode: string | undefined
  /** 400 (e.g. `error.needsAddress` when the cart has no shipping address), 404, or a network error. */
  error: SortedProError | null
  /** Lists again (e.g. after the address changed or a choice expired). */
  refetch: () => void
}

/**
 * The cart's home-delivery days and windows from `GET /store/sorted-pro/delivery-options` (plugin store route),
 * re-requested whenever `cartId`, `dateFrom`, `dateTo` or `guaranteedOnly` changes. Past-cut-off options are
 * already removed by the store.
 */
export function useDeliveryOptions({ cartId, dateFrom, dateTo, guaranteedOnly, sdk: sdkOverride }: UseDeliveryOptionsArgs): UseDeliveryOptionsResult {
  const sdk = useSortedProSdk(sdkOverride)
  const key = cartId ? JSON.stringify([cartId, dateFrom ?? null, dateTo ?? null, Boolean(guaranteedOnly)]) : null
  const query = useStoreQuery(key, (signal) => fetchDeliveryOptions(sdk, { cartId: cartId!, dateFrom, dateTo, guaranteedOnly }, signal))
  const data = query.status === "success" || query.status === "loading" ? query.data : undefined
  return {
    status: query.status,
    isLoading: query.isLoading,
    data,
    days: data?.days ?? [],
    options: data?.options ?? [],
    fallback: Boolean(data?.fallback),
    fallbackPrice: data?.fallback_price,
    shippingOptionId: data?.shipping_option_id,
    currencyCode: data?.currency_code,
    error: query.error,
    refetch: query.refetch,
  }
}
