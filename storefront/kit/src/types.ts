/**
 * Shapes of the plugin's store routes (`/store/sorted-pro/*`), as the storefront receives them.
 *
 * Money: every `amount` is in MAJOR units of the cart currency and tax-inclusive (11.65 = £11.65 in a GBP cart).
 * Dates are `YYYY-MM-DD` (the delivery day as PRO states it); times are local `HH:MM`.
 * Source: the plugin's store routes `GET /store/sorted-pro/delivery-options` and
 * `GET /store/sorted-pro/pickup-options` (see docs/storefront.md).
 */

/** An amount of money in major units of `currency_code` (lower-case ISO 4217, e.g. `"gbp"`). */
export interface Money {
  amount: number
  currency_code: string
}

/** One PRO delivery option, normalised by the plugin. Pass `reference` back to choose it. */
export interface DeliveryOptionView {
  /** PRO delivery option reference (`EDO-…`): the value of `data.delivery_option_reference`. */
  reference: string
  /** Carrier display name, e.g. "DPD". */
  carrier: string
  /** Carrier service display name, e.g. "Next Day 12:00". */
  carrier_service: string
  carrier_service_reference: string
  service_types: string[]
  /** Delivery day, `YYYY-MM-DD`. */
  date: string
  /** English weekday of `date`, e.g. "Tuesday". */
  day_of_week: string
  /** Local time window `HH:MM`–`HH:MM`; `null` means any time that day. */
  window: { start: string; end: string; utc_offset: string | null } | null
  /** The carrier guarantees the day (and window). */
  guaranteed: boolean
  /** Gross price in major units (`amount`), with its `net` and `tax` parts. */
  price: { amount: number; net: number; tax: number; currency_code: string; tax_inclusive: true }
  /** ISO timestamp after which the option can no longer be chosen, if PRO gave one. */
  allocation_cut_off: string | null
  operational_cut_off: string | null
}

/** One delivery day: its cheapest price (`from_price`) and its windows (options). */
export interface DeliveryDay {
  date: string
  day_of_week: string
  from_price: Money
  windows: DeliveryOptionView[]
}

/** Answer of `GET /store/sorted-pro/delivery-options?cart_id=…`. */
export interface DeliveryOptionsResponse {
  cart_id: string
  /** The cart's calculated "sorted-pro-delivery" shipping option: the `option_id` to add. */
  shipping_option_id: string
  currency_code: string
  /** `true` when PRO could not answer: `days` and `options` are empty, checkout still works at `fallback_price`. */
  fallback: boolean
  fallback_price: Money
  days: DeliveryDay[]
  options: DeliveryOptionView[]
}

/** Opening hours of one day: zero or more `HH:MM` intervals (none = closed). */
export type OpeningInterval = { start: string; end: string }

/** Weekday keys of `opening_times`, Monday first. */
export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"

/** A pickup point (PUDO shop or locker) with its delivery options. */
export interface PickupLocation {
  /** PRO shop reference: the value of `data.pickup_location_shop_reference`. */
  shop_reference: string
  name: string
  address: {
    address_1: string | null
    address_2: string | null
    address_3: string | null
    city: string | null
    province: string | null
    postal_code: string | null
    country_code: string | null
  }
  /** Distance from the searched postcode or coordinates, in kilometres. */
  distance_km: number
  opening_times: Partial<Record<Weekday, OpeningInterval[]>>
  accessibility: { disabled_access: boolean }
  additional_information: Record<string, string>
  /** PRO reserves the point when it is chosen. */
  reservation_required: boolean
  options: DeliveryOptionView[]
}

/** Answer of `GET /store/sorted-pro/pickup-options?cart_id=…&postal_code=…` (or `lat`/`lng`). */
export interface PickupOptionsResponse {
  cart_id: string
  /** The cart's calculated "sorted-pro-pickup" shipping option: the `option_id` to add. */
  shipping_option_id: string
  currency_code: string
  fallback: boolean
  fallback_price: Money
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
