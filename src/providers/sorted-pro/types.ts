import type { DeliveryOptionView } from "../../lib/checkout"

/**
 * The fulfillment options of the provider (NOTES.md §1.3: the chosen object becomes `shipping_option.data`).
 * `price_type` tells the merchant which Medusa price type the option needs.
 */
export const FULFILLMENT_OPTIONS = [
  {
    id: "sorted-pro-delivery",
    name: "SortedPRO delivery day (calculated: the shopper picks a day, window and carrier)",
    price_type: "calculated",
    flow: "consumer_options",
  },
  {
    id: "sorted-pro-pickup",
    name: "SortedPRO pickup point (calculated: the shopper picks a pickup point and day)",
    price_type: "calculated",
    flow: "consumer_options_pickup",
  },
  {
    id: "sorted-pro-standard",
    name: "SortedPRO standard delivery (flat price; carrier allocated after the order)",
    price_type: "flat",
    flow: "order_flex",
  },
  {
    id: "sorted-pro-return",
    name: "SortedPRO return (inbound consignment with a return label)",
    price_type: "flat",
    flow: "order_flex",
    is_return: true,
  },
] as const

export type FulfillmentOptionId = (typeof FULFILLMENT_OPTIONS)[number]["id"]

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
  pickup_location?: { shop_reference: string; name: string; address: Record<string, string>; reserved: boolean }
  [key: string]: unknown
}

/** `fulfillment_provider.id` / `shipping_option.provider_id` of the provider registered with `id: "sorted-pro"`. */
export const PROVIDER_ID = "sorted-pro_sorted-pro"
