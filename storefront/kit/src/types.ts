/**
 * Shapes of the plugin's store routes (`/store/sorted-pro/*`), as the storefront receives them.
 *
 * Money: every `amount` is in MAJOR units of the cart currency and tax-inclusive (11.65 = £11.65 in a GBP cart).
 * Dates are `YYYY-MM-DD` (the delivery day as PRO states it); times are local `HH:MM`.
 * Source: the plugin's store routes `GET /store/sorted-pro/delivery-options` and
 * `GET /store/sorted-pro/pickup-options` (see docs/storefront.md).
 */
import type { DeliveryDay, DeliveryOptionView, PickupLocationView, Weekday } from "./views.generated"

/** An amount of money in major units of `currency_code` (lower-case ISO 4217, e.g. `"gbp"`). */
export interface Money {
  amount: number
  currency_code: string
}

/**
 * The route views (`DeliveryOptionView`, `DeliveryDay`, `Weekday`, a pickup location) are the plugin's own
 * (src/types/views.ts), through its generated copy: see views.generated.ts.
 */
export type { DeliveryDay, DeliveryOptionView, Weekday } from "./views.generated"

/** A pickup point (PUDO shop or locker) with its delivery options: `shop_reference` is `data.pickup_location_shop_reference`. */
export type PickupLocation = PickupLocationView

/** Opening hours of one day: zero or more `HH:MM` intervals (none = closed). */
export type OpeningInterval = PickupLocationView["opening_times"][Weekday][number]

/** What both store routes answer besides their options. */
export interface CheckoutAnswer {
  cart_id: string
  /** The cart's calculated "sorted-pro-delivery" (or "sorted-pro-pickup") shipping option: the `option_id` to add. */
  shipping_option_id: string
  currency_code: string
  /** `true` when PRO could not answer: no options, checkout still works at `fallback_price`. */
  fallback: boolean
  fallback_price: Money
}

/** Answer of `GET /store/sorted-pro/delivery-options?cart_id=…`: `days` and `options` are empty on fallback. */
export interface DeliveryOptionsResponse extends CheckoutAnswer {
  days: DeliveryDay[]
  options: DeliveryOptionView[]
}

/** Answer of `GET /store/sorted-pro/pickup-options?cart_id=…&postal_code=…` (or `lat`/`lng`). */
export interface PickupOptionsResponse extends CheckoutAnswer {
  /** Sorted by `distance_km`, nearest first. */
  locations: PickupLocation[]
}

/** Where to search for pickup points: a postcode, or coordinates in decimal degrees (WGS84). */
export type PickupSearch = { postalCode: string } | { lat: number; lng: number }

/**
 * A shopper's choice, ready for `POST /store/carts/:id/shipping-methods`.
 * - home delivery: `{ shippingOptionId, deliveryOptionReference }`;
 * - pickup: `{ shippingOptionId, deliveryOptionReference, pickupLocationShopReference }`;
 * - fallback (PRO unavailable): `{ shippingOptionId }` alone, charged at the fallback price.
 */
export interface ShippingChoice {
  shippingOptionId: string
  deliveryOptionReference?: string
  pickupLocationShopReference?: string
}

/** The shipping-method `data` the plugin expects for a `ShippingChoice` (`undefined` for a fallback choice). */
export type ShippingChoiceData =
  { delivery_option_reference: string } | { delivery_option_reference: string; pickup_location_shop_reference: string } | undefined
