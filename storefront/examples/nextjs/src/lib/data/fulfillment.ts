"use server"

import type { HttpTypes } from "@medusajs/types"
import { sdk } from "../config"
import { FULFILLMENT_TAG } from "./cookies"

/**
 * The starter's `src/lib/data/fulfillment.ts`: the cart's shipping options (`GET /store/shipping-options?cart_id=`)
 * and the price of a calculated one (`POST /store/shipping-options/:id/calculate {cart_id}`, no `data`), both on the
 * server. The list is cached under {@link FULFILLMENT_TAG} (revalidated when the cart's items or address change), the
 * price is asked afresh. Amounts are MAJOR currency units. Failures answer null, as in the starter.
 */
export async function listCartShippingMethods(cartId: string): Promise<HttpTypes.StoreCartShippingOption[] | null> {
  return sdk.client
    .fetch<HttpTypes.StoreShippingOptionListResponse>(`/store/shipping-options`, {
      method: "GET",
      query: { cart_id: cartId },
      next: { tags: [FULFILLMENT_TAG] },
      cache: "force-cache",
    })
    .then(({ shipping_options }) => shipping_options)
    .catch(() => null)
}

/** The price of calculated option `optionId` for the cart, as the starter asks it (`{ cart_id }` only). */
export async function calculatePriceForShippingOption(optionId: string, cartId: string): Promise<HttpTypes.StoreCartShippingOption | null> {
  return sdk.client
    .fetch<{ shipping_option: HttpTypes.StoreCartShippingOption }>(`/store/shipping-options/${optionId}/calculate`, {
      method: "POST",
      body: { cart_id: cartId },
    })
    .then(({ shipping_option }) => shipping_option)
    .catch(() => null)
}
