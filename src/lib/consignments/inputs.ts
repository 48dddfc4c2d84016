import type { ShippingMethodData } from "../../types"
import type { ResolvedOptions } from "../options"
import { buildOrderRequest, OrderForPro } from "../mapping/orders"
import type { EnsureConsignmentInput } from "./consignment"
import type { EnsureProOrderInput } from "./pro-order"

/**
 * The Consumer Options (or Pickup) consignment input for an order, or null when its shipping method is not a
 * SortedPRO delivery-day or pickup choice (flat options and checkout fallbacks are created per fulfillment).
 */
export function consumerOptionsInput(order: { id: string; shipping_methods?: Array<{ data?: Record<string, unknown> | null } | null> }) {
  const method = order.shipping_methods
    ?.map((candidate) => (candidate?.data ?? {}) as ShippingMethodData)
    .find(
      (data) => (data.flow === "consumer_options" || data.flow === "consumer_options_pickup") && typeof data.delivery_option_reference === "string"
    )
  if (!method) {
    return null
  }
  const input: EnsureConsignmentInput = {
    order_id: order.id,
    customer_reference: method.cart_id,
    flow: method.flow as "consumer_options" | "consumer_options_pickup",
    shipping_location_reference: method.shipping_location_reference ?? null,
    delivery_promise: {
      date: method.delivery_date,
      day_of_week: method.day_of_week,
      window: method.window ?? null,
      guaranteed: method.guaranteed,
      carrier: method.carrier,
      carrier_service: method.carrier_service,
      carrier_service_reference: method.carrier_service_reference ?? null,
      price: method.price,
      pickup_location: method.pickup_location ?? null,
    },
    write: { kind: "select", delivery_option_reference: method.delivery_option_reference! },
  }
  return input
}

/** True when the order ships on the flat SortedPRO option or a checkout fallback (Order Flex). */
export function isOrderFlex(order: { shipping_methods?: Array<{ data?: Record<string, unknown> | null } | null> }): boolean {
  return Boolean(order.shipping_methods?.some((method) => (method?.data as ShippingMethodData | undefined)?.flow === "order_flex"))
}

/**
 * The Order Flex input for an order ({@link isOrderFlex}): Create Order from `shippingLocationReference` (the PRO
 * shipping location of the stock location the order is reserved at). Each fulfillment's consignment is moved to its
 * own stock location's shipping location at Pack time.
 * @throws CheckoutMappingError naming the field (address, items).
 */
export function orderFlexInput(order: OrderForPro, shippingLocationReference: string, options: ResolvedOptions): EnsureProOrderInput {
  return { order_id: order.id, flow: "order_flex", write: { kind: "create", request: buildOrderRequest(order, shippingLocationReference, options) } }
}
