import { useCallback, useEffect, useRef, useState } from "react"
import { choiceData, toSortedProError, type SortedProError, type SortedProSdk, type StoreCart } from "../api"
import { useSortedProSdk } from "../context"
import type { ShippingChoice } from "../types"

/** Arguments of `useSelectShippingOption`. */
export interface UseSelectShippingOptionArgs {
  /** The cart the shipping method is added to. */
  cartId: string | null | undefined
  /** Fields of the returned cart (js-sdk `SelectParams.fields`), e.g. "*shipping_methods,+shipping_total". */
  fields?: string
  /** A `@medusajs/js-sdk` instance; default: the one from `<SortedProProvider>`. */
  sdk?: SortedProSdk
}

/** Lifecycle of a choice: none made, being stored, stored, refused. */
export type SelectStatus = "idle" | "pending" | "success" | "error"

/** What `useSelectShippingOption` returns. */
export interface UseSelectShippingOptionResult {
  /**
   * Stores the choice as the cart's shipping method: `POST /store/carts/:id/shipping-methods` with
   * `option_id = choice.shippingOptionId` and `data` = `{ delivery_option_reference }` (home delivery),
   * `{ delivery_option_reference, pickup_location_shop_reference }` (pickup) or none (fallback).
   * Choices made while one is being stored are coalesced: only the latest is sent next, and every caller's
   * promise settles with that latest outcome, so the cart always ends on the shopper's last choice.
   * Resolves with the updated cart (its `shipping_methods[0].data` holds the plugin's normalised choice);
   * rejects with a `SortedProError` (`chooseAgain` when the option expired or belongs to another cart).
   */
  select: (choice: ShippingChoice) => Promise<StoreCart>
  /**
   * Prices a choice without storing it: `POST /store/shipping-options/:id/calculate` with the same `data`.
   * Resolves with the amount in major units of the cart currency (tax-inclusive); without a reference, the
   * store answers the cheapest option's "from" price (or the fallback price when PRO is unavailable).
   */
  preview: (choice: ShippingChoice) => Promise<number>
  status: SelectStatus
  /** The latest choice passed to `select` (also while it is pending). */
  selected: ShippingChoice | null
  /** The cart returned by the latest stored choice. */
  cart: StoreCart | null
  error: SortedProError | null
  /** Back to `idle` (e.g. after the shopper changed the address). */
  reset: () => void
}

type Waiter = { resolve: (cart: StoreCart) => void; reject: (error: SortedProError) => void }

/**
 * Adds the shopper's delivery or pickup choice to the cart through Medusa's own store routes
 * (`sdk.store.cart.addShippingMethod`, `sdk.store.fulfillment.calculate`), with the `data` the plugin expects.
 */
export function useSelectShippingOption({ cartId, fields, sdk: sdkOverride }: UseSelectShippingOptionArgs): UseSelectShippingOptionResult {
  const sdk = useSortedProSdk(sdkOverride)
  const [state, setState] = useState<Pick<UseSelectShippingOptionResult, "status" | "selected" | "cart" | "error">>({
    status: "idle",
    selected: null,
    cart: null,
    error: null,
  })
  const queue = useRef<{ running: boolean; next: { choice: ShippingChoice; waiters: Waiter[] } | null }>({ running: false, next: null })
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  const update = (next: Partial<typeof state>) => {
    if (mounted.current) {
      setState((previous) => ({ ...previous, ...next }))
    }
  }

  const drain = async (cart: string) => {
    const current = queue.current
    current.running = true
    while (current.next) {
      const { choice, waiters } = current.next
      current.next = null
      try {
        const data = choiceData(choice)
        const { cart: updated } = await sdk.store.cart.addShippingMethod(
          cart,
          { option_id: choice.shippingOptionId, ...(data ? { data } : {}) },
          fields ? { fields } : undefined
        )
        if (!current.next) {
          update({ status: "success", cart: updated, error: null })
        }
        waiters.forEach((waiter) => waiter.resolve(updated))
      } catch (raw) {
        // only a refused reference means "choose again"; a refused choice without one is reported as the store says
        const error = toSortedProError(raw, { choosing: Boolean(choice.deliveryOptionReference) })
        if (!current.next) {
          update({ status: "error", error })
        }
        waiters.forEach((waiter) => waiter.reject(error))
      }
    }
    current.running = false
  }

  const select = useCallback(
    (choice: ShippingChoice) =>
      new Promise<StoreCart>((resolve, reject) => {
        if (!cartId) {
          reject(toSortedProError(new Error("cart_id: no cart to add the shipping method to")))
          return
        }
        const current = queue.current
        current.next = { choice, waiters: [...(current.next?.waiters ?? []), { resolve, reject }] }
        update({ status: "pending", selected: choice, error: null })
        if (!current.running) {
          void drain(cartId)
        }
      }),
    [cartId, sdk, fields]
  )

  const preview = useCallback(
    async (choice: ShippingChoice) => {
      if (!cartId) {
        throw toSortedProError(new Error("cart_id: no cart to price for"))
      }
      const data = choiceData(choice)
      try {
        const { shipping_option } = await sdk.store.fulfillment.calculate(choice.shippingOptionId, {
          cart_id: cartId,
          ...(data ? { data } : {}),
        })
        return Number(shipping_option.amount)
      } catch (error) {
        throw toSortedProError(error, { choosing: true })
      }
    },
    [cartId, sdk]
  )

  const reset = useCallback(() => update({ status: "idle", selected: null, error: null }), [])
  return { ...state, select, preview, reset }
}
