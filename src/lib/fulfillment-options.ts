import type { FulfillmentOptionId } from "../types"

/**
 * The fulfillment options of the provider (docs/medusa.md §1.3: the chosen object becomes `shipping_option.data`).
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
] as const satisfies ReadonlyArray<{ id: FulfillmentOptionId; name: string; price_type: "calculated" | "flat"; flow: string; is_return?: boolean }>

/** `fulfillment_provider.id` / `shipping_option.provider_id` of the provider registered with `id: "sorted-pro"`. */
export const PROVIDER_ID = "sorted-pro_sorted-pro"
