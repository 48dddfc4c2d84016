import type { CartForDelivery, OriginLocation } from "../mapping"

/**
 * The look-ups a store options route makes before it can answer (implemented with Medusa in
 * `src/api/store/sorted-pro/checkout-context.ts`). Each may throw a 4xx error of its own (e.g. Medusa's NOT_FOUND).
 */
export interface CheckoutLookupPorts {
  /** The cart with the fields the PRO mapping reads (one query). @throws when there is no such cart (404 `cart_id`). */
  loadCart(): Promise<CartForDelivery>
  /**
   * The SortedPRO shipping option Medusa lists for the cart with the wanted fulfillment option, and the stock location
   * it ships from. @throws when the cart has no such option (404 `cart_id`).
   */
  listOption(): Promise<{ id: string; origin?: OriginLocation }>
  /**
   * The stock location every shipping option with the wanted fulfillment option ships from, when that is one location
   * for all of them; null when they ship from several (or it is not known). May be a few seconds old.
   */
  predictOrigin(): Promise<OriginLocation | null>
  /** The fallback price (major units of `currencyCode`) from the settings in force. */
  fallbackPrice(currencyCode: string): Promise<number>
}

/** What a store options route answers from: the cart, its SortedPRO option, the option's origin and the options. */
export interface CheckoutAnswerInput<T> {
  cart: CartForDelivery
  shippingOptionId: string
  origin: OriginLocation | undefined
  /** Charged when PRO cannot answer: major units of the cart currency. */
  fallbackPrice: { amount: number; currency_code: string }
  /** What `ask` answered for the cart and the option's origin. */
  result: T
}

/**
 * Loads what a store options route needs and asks for the cart's options with `ask` (the checkout service; it must
 * never throw), doing in parallel what does not depend on each other: the cart, Medusa's listing of the cart's
 * shipping options, the predicted origin and the fallback price. When the origin is predicted, `ask` starts as soon
 * as the cart is loaded, while Medusa is still listing; the answer is used only if the listing names that same stock
 * location, else `ask` runs again for the listed origin (the answer is always for the listed origin). A cart with no
 * such option may therefore have cost one PRO call before the 404.
 * @throws the cart's error, else the option's (the ports' own errors).
 */
export async function askForCart<T>(
  ports: CheckoutLookupPorts,
  ask: (cart: CartForDelivery, origin: OriginLocation | undefined) => Promise<T>
): Promise<CheckoutAnswerInput<T>> {
  const cartLoaded = ports.loadCart()
  const listed = ports.listOption()
  const predicted = ports.predictOrigin().catch(() => null)
  const early = Promise.all([cartLoaded, predicted]).then(([cart, origin]) => (origin ? ask(cart, origin) : undefined))
  const amount = cartLoaded.then((cart) => ports.fallbackPrice(cart.currency_code))
  for (const pending of [listed, early, amount]) {
    pending.catch(() => undefined) // awaited below in order; an earlier error must not leave these unhandled
  }
  const cart = await cartLoaded
  const option = await listed
  const guess = await predicted
  const result = guess && sameLocation(guess, option.origin) ? ((await early) as T) : await ask(cart, option.origin)
  return {
    cart,
    shippingOptionId: option.id,
    origin: option.origin,
    fallbackPrice: { amount: await amount, currency_code: cart.currency_code },
    result,
  }
}

/** True when both name the same stock location (by id, else by name). */
function sameLocation(a: OriginLocation, b: OriginLocation | undefined): boolean {
  return Boolean(b) && (a.id || b?.id ? a.id === b?.id : a.name === b?.name)
}
