import { fetchDeliveryOptions, type SortedProSdk } from "../api"
import { useSortedProSdk } from "../context"
import type { DeliveryDay, DeliveryOptionsResponse, DeliveryOptionView } from "../types"
import { useCheckoutQuery, type CheckoutQueryResult } from "./useStoreQuery"

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

/** What `useDeliveryOptions` returns: the listing fields, and the answer's days and options. */
export interface UseDeliveryOptionsResult extends CheckoutQueryResult<DeliveryOptionsResponse> {
  /** Days in date order, each with its `from_price` and `windows`; empty on fallback. */
  days: DeliveryDay[]
  /** All options, flat. */
  options: DeliveryOptionView[]
}

/**
 * The cart's home-delivery days and windows from `GET /store/sorted-pro/delivery-options` (plugin store route),
 * re-requested whenever `cartId`, `dateFrom`, `dateTo` or `guaranteedOnly` changes. Past-cut-off options are
 * already removed by the store.
 */
export function useDeliveryOptions({ cartId, dateFrom, dateTo, guaranteedOnly, sdk: sdkOverride }: UseDeliveryOptionsArgs): UseDeliveryOptionsResult {
  const sdk = useSortedProSdk(sdkOverride)
  const key = cartId ? JSON.stringify([cartId, dateFrom ?? null, dateTo ?? null, Boolean(guaranteedOnly)]) : null
  const query = useCheckoutQuery(key, (signal) => fetchDeliveryOptions(sdk, { cartId: cartId!, dateFrom, dateTo, guaranteedOnly }, signal))
  return { ...query, days: query.data?.days ?? [], options: query.data?.options ?? [] }
}
