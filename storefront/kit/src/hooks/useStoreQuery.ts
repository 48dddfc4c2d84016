import { useCallback, useEffect, useRef, useState } from "react"
import { SortedProError, toSortedProError } from "../api"
import type { CheckoutAnswer, Money } from "../types"

/** Lifecycle of a store read: nothing asked yet, in flight, answered, failed. */
export type QueryStatus = "idle" | "loading" | "success" | "error"

export interface StoreQueryState<T> {
  status: QueryStatus
  data: T | undefined
  error: SortedProError | null
}

/**
 * Internal: runs `load` whenever `key` changes (not when `key` is null), aborts the previous request, and
 * ignores answers that arrive after a newer request started. `refetch` re-runs the current key.
 */
export function useStoreQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<StoreQueryState<T>>({ status: "idle", data: undefined, error: null })
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (key === null) {
      setState({ status: "idle", data: undefined, error: null })
      return
    }
    const controller = new AbortController()
    setState((previous) => ({ status: "loading", data: previous.data, error: null }))
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ status: "success", data, error: null })
        }
      },
      (error) => {
        if (!controller.signal.aborted) {
          setState({ status: "error", data: undefined, error: toSortedProError(error) })
        }
      }
    )
    return () => controller.abort()
  }, [key, generation])

  const refetch = useCallback(() => setGeneration((value) => value + 1), [])
  return { ...state, isLoading: state.status === "loading", refetch }
}

/** What `useDeliveryOptions` and `usePickupOptions` both return. Prices are major units of `currencyCode`, tax-inclusive. */
export interface CheckoutQueryResult<T extends CheckoutAnswer> {
  status: QueryStatus
  isLoading: boolean
  /** The raw answer, `undefined` until the first success (kept while a refetch loads). */
  data: T | undefined
  /** PRO could not answer: no options; offer `fallbackPrice` with `shippingOptionId` and no data. */
  fallback: boolean
  fallbackPrice: Money | undefined
  /** The calculated "sorted-pro-delivery" (or "sorted-pro-pickup") shipping option to add to the cart. */
  shippingOptionId: string | undefined
  currencyCode: string | undefined
  /**
   * 400 naming the field (e.g. `postal_code`, or `error.needsAddress` when the cart has no shipping address), 404
   * (unknown cart, or no SortedPRO option), or a network error.
   */
  error: SortedProError | null
  /** Lists again (e.g. after the address changed or a choice expired). */
  refetch: () => void
}

/** Internal: `useStoreQuery` over a store route's checkout answer, with the fields both listing hooks return. */
export function useCheckoutQuery<T extends CheckoutAnswer>(key: string | null, load: (signal: AbortSignal) => Promise<T>): CheckoutQueryResult<T> {
  const query = useStoreQuery(key, load)
  const data = query.status === "success" || query.status === "loading" ? query.data : undefined
  return {
    status: query.status,
    isLoading: query.isLoading,
    data,
    fallback: Boolean(data?.fallback),
    fallbackPrice: data?.fallback_price,
    shippingOptionId: data?.shipping_option_id,
    currencyCode: data?.currency_code,
    error: query.error,
    refetch: query.refetch,
  }
}
