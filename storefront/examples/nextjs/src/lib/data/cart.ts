"use server"

import type { HttpTypes } from "@medusajs/types"
import { revalidateTag } from "next/cache"
import { redirect } from "next/navigation"
import { sdk } from "../config"
import { CART_TAG, FULFILLMENT_TAG, getCartId, removeCartId, setCartId } from "./cookies"
import { COUNTRY, getRegion } from "./regions"

/**
 * Server actions and server reads of the cart, making the calls of the official nextjs-starter-medusa
 * (`src/lib/data/cart.ts`): the cart is read with `cache: "force-cache"` under the tag {@link CART_TAG}, and every
 * change revalidates that tag (and {@link FULFILLMENT_TAG}, the shipping options list, when items or address change). Amounts are MAJOR currency units (Medusa v2). Failures of an action are returned as
 * `{ error }` (a thrown error's message is hidden by Next.js in production builds).
 */

/** What an action answers: nothing on success, or the store's message. */
export type ActionResult = { error: string } | undefined

const CART_FIELDS = "*items, *region, *items.variant, *shipping_methods, +shipping_methods.name, +shipping_total, +total, +item_total"

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The shopper's cart (cookie `_medusa_cart_id`), or null. Cached until an action revalidates {@link CART_TAG}. */
export async function retrieveCart(): Promise<HttpTypes.StoreCart | null> {
  const id = await getCartId()
  if (!id) {
    return null
  }
  return sdk.client
    .fetch<HttpTypes.StoreCartResponse>(`/store/carts/${id}`, {
      method: "GET",
      query: { fields: CART_FIELDS },
      next: { tags: [CART_TAG] },
      cache: "force-cache",
    })
    .then(({ cart }) => cart)
    .catch(() => null)
}

/** Adds one unit of `variantId` to the cart (created in the store country's region when there is none), then opens the checkout. */
export async function addToCart(variantId: string): Promise<void> {
  let cartId = await getCartId()
  if (!cartId || !(await retrieveCart())) {
    const region = await getRegion()
    const { cart } = await sdk.store.cart.create({ region_id: region.id })
    cartId = cart.id
    await setCartId(cartId)
  }
  await sdk.store.cart.createLineItem(cartId, { variant_id: variantId, quantity: 1 })
  revalidateTag(CART_TAG)
  revalidateTag(FULFILLMENT_TAG)
  redirect("/checkout")
}

/**
 * The starter's `setAddresses`: the shipping address (also the billing address) and email from the address form,
 * then back to `redirectTo`. Form fields: email, first_name, last_name, address_1, city, postal_code, phone; the country is the store's.
 */
export async function setAddresses(redirectTo: string, _state: ActionResult, form: FormData): Promise<ActionResult> {
  const cartId = await getCartId()
  if (!cartId) {
    return { error: "No cart: add an item first" }
  }
  const field = (name: string) => String(form.get(name) ?? "")
  const address = {
    first_name: field("first_name"),
    last_name: field("last_name"),
    address_1: field("address_1"),
    city: field("city"),
    postal_code: field("postal_code"),
    country_code: COUNTRY,
    phone: field("phone"),
  }
  try {
    await sdk.store.cart.update(cartId, { email: field("email"), shipping_address: address, billing_address: address })
  } catch (error) {
    return { error: message(error) }
  }
  revalidateTag(CART_TAG)
  revalidateTag(FULFILLMENT_TAG)
  redirect(redirectTo)
}

/**
 * The starter's `setShippingMethod`: `sdk.store.cart.addShippingMethod(cartId, { option_id })` — no `data` — then the
 * cart's cache tag is revalidated. With `data` (a choice from the storefront kit's pickers, docs/nextjs.md) it is
 * passed on as the shipping method's `data`.
 */
export async function setShippingMethod({
  cartId,
  shippingMethodId,
  data,
}: {
  cartId: string
  shippingMethodId: string
  data?: Record<string, unknown>
}): Promise<ActionResult> {
  try {
    await sdk.store.cart.addShippingMethod(cartId, data ? { option_id: shippingMethodId, data } : { option_id: shippingMethodId })
  } catch (error) {
    return { error: message(error) }
  }
  revalidateTag(CART_TAG)
}

/**
 * The starter's payment and `placeOrder`: a payment session with the system provider (`pp_system_default`) through
 * `sdk.store.payment.initiatePaymentSession`, then `sdk.store.cart.complete`; on an order the cart cookie is dropped
 * and the shopper goes to `/order/:id/confirmed`.
 */
export async function placeOrder(_state: ActionResult, _form: FormData): Promise<ActionResult> {
  const cart = await retrieveCart()
  if (!cart) {
    return { error: "No cart" }
  }
  let orderId: string
  try {
    await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
    const completed = await sdk.store.cart.complete(cart.id)
    if (completed.type !== "order") {
      return { error: completed.error?.message ?? "The cart could not be completed" }
    }
    orderId = completed.order.id
  } catch (error) {
    return { error: message(error) }
  }
  revalidateTag(CART_TAG)
  await removeCartId()
  redirect(`/order/${orderId}/confirmed`)
}
