import { cookies } from "next/headers"

/** The cookie holding the shopper's cart id (the starter's name). */
const CART_COOKIE = "_medusa_cart_id"

/** The cache tag of the cart's `GET /store/carts/:id` fetches: every action that changes the cart revalidates it. */
export const CART_TAG = "carts"

/** The cache tag of the cart's shipping options list: actions that change the items or the address revalidate it. */
export const FULFILLMENT_TAG = "fulfillment"

export async function getCartId(): Promise<string | undefined> {
  return (await cookies()).get(CART_COOKIE)?.value
}

export async function setCartId(cartId: string) {
  ;(await cookies()).set(CART_COOKIE, cartId, { maxAge: 60 * 60 * 24 * 7, httpOnly: true, sameSite: "strict", path: "/" })
}

export async function removeCartId() {
  ;(await cookies()).set(CART_COOKIE, "", { maxAge: -1, path: "/" })
}
