import type { CarrierCost, DeliveryOptionView } from "./views"

/** The provider's fulfillment options (`src/lib/fulfillment-options.ts` lists them with their names and price types). */
export type FulfillmentOptionId = "sorted-pro-delivery" | "sorted-pro-pickup" | "sorted-pro-standard" | "sorted-pro-return"

/**
 * The PRO flow a consignment or order follows (docs/pro-api.md §6): Consumer Options (a home delivery option picked at
 * checkout), Consumer Options Pickup (a pickup point), Consumer Options Flex (the picked option as a PRO order packed per
 * warehouse), Order Flex (a PRO order, allocated after packing).
 */
export type Flow = "consumer_options" | "consumer_options_pickup" | "consumer_options_flex" | "order_flex"

/** The pickup point a shopper chose: PRO's shop reference, its name and address (snake_case), reserved or not. */
export interface PickupPoint {
  shop_reference: string
  name: string
  address: Record<string, string>
  reserved: boolean
}

/**
 * What `validateFulfillmentData` stores on the shipping method (and Medusa copies to the fulfillment).
 * `flow` decides what happens at `order.placed`: `consumer_options` selects `delivery_option_reference`;
 * `consumer_options_pickup` selects it too, for collection at `pickup_location` (reserved first when PRO requires it);
 * `order_flex` (flat option, or PRO unreachable at checkout: `fallback: true`) creates the consignment after the order.
 * `price` is in major units of `price.currency_code`, tax-inclusive.
 */
export interface ShippingMethodData {
  fulfillment_option: FulfillmentOptionId
  flow: "consumer_options" | "consumer_options_pickup" | "order_flex"
  cart_id: string
  shipping_location_reference?: string
  delivery_option_reference?: string
  requested_delivery_option_reference?: string
  fallback?: boolean
  carrier?: string
  carrier_service?: string
  carrier_service_reference?: string
  delivery_date?: string
  day_of_week?: string
  window?: DeliveryOptionView["window"]
  guaranteed?: boolean
  price?: DeliveryOptionView["price"]
  allocation_cut_off?: string | null
  pickup_location?: PickupPoint
  [key: string]: unknown
}

/**
 * The shopper's promise as our consignment record keeps it (`delivery_promise`), from the shipping method's data:
 * day `YYYY-MM-DD`, local window `HH:MM`, carrier and service, the shopper's price in major units, PRO's price
 * (`carrier_cost`, from the checkout service's memory, never from the method data), and the pickup point if any.
 */
export interface DeliveryPromise {
  date?: string
  day_of_week?: string
  window?: DeliveryOptionView["window"] | null
  guaranteed?: boolean
  carrier?: string
  carrier_service?: string
  carrier_service_reference?: string | null
  price?: { amount: number; currency_code: string; [key: string]: unknown }
  /** PRO's price of the chosen option (admin only; null when it was no longer known at `order.placed`). */
  carrier_cost?: CarrierCost | null
  pickup_location?: PickupPoint | null
}
