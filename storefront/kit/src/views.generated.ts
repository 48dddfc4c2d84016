// Generated from the plugin's src/types/views.ts by storefront/scripts/sync-views.mjs: do not edit, run
// `npm run sync-views` in storefront/kit (src/__tests__/views.unit.spec.ts fails when this copy drifts).

/**
 * The shapes the store routes answer and the storefront kit reads: snake_case, money in major units of
 * `currency_code`, dates `YYYY-MM-DD`, local times `HH:MM`, distances in km. Type-only: shared by the plugin's
 * routes, its mappings, the admin and the storefront kit, so that each is written once.
 */

/** A PRO delivery option as the storefront sees it (snake_case, money in major units of `currency_code`). */
export interface DeliveryOptionView {
  reference: string
  carrier: string
  carrier_service: string
  carrier_service_reference: string
  service_types: string[]
  /** Delivery day, `YYYY-MM-DD`, as PRO states it. */
  date: string
  day_of_week: string
  /** Local times `HH:MM`; `null` for an all-day promise. */
  window: { start: string; end: string; utc_offset: string | null } | null
  guaranteed: boolean
  /**
   * What the shopper pays: `amount` after the merchant's price rules, major units, tax-inclusive. Never PRO's own price
   * (the merchant's carrier cost), its net or VAT: those stay on the server.
   */
  price: { amount: number; currency_code: string; tax_inclusive: true }
  allocation_cut_off: string | null
  operational_cut_off: string | null
}

/**
 * PRO's own price of a delivery option: the merchant's carrier cost (PRO `Price.Gross`, `Price.Net`, `VatAmount`; major
 * units of `currency_code`). Admin only: kept on our consignment record (`delivery_promise.carrier_cost`) so staff see
 * the margin; never in a store response or shipping-method data.
 */
export interface CarrierCost {
  gross: number
  net: number
  vat: number
  currency_code: string
}

/** Lower-case day names of opening times. */
export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"

/** A pickup location as the storefront sees it (snake_case; distance in km; local opening times `HH:MM`). */
export interface PickupLocationView {
  shop_reference: string
  name: string
  address: { address_1: string; address_2: string; address_3: string; city: string; province: string; postal_code: string; country_code: string }
  distance_km: number
  opening_times: Record<Weekday, Array<{ start: string; end: string }>>
  accessibility: { disabled_access: boolean }
  additional_information: Record<string, string>
  reservation_required: boolean
  options: DeliveryOptionView[]
}

/** A storefront day: its options (windows), and the cheapest price that day ("from" price). */
export interface DeliveryDay {
  date: string
  day_of_week: string
  from_price: { amount: number; currency_code: string }
  windows: DeliveryOptionView[]
}
