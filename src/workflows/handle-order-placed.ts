import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import { ConsignmentRecord, ensureConsignmentStep, EnsureConsignmentInput } from "./steps/ensure-consignment"
import type { ShippingMethodData } from "../providers/sorted-pro/types"

/**
 * The Consumer Options (or Pickup) consignment input for an order, or null when its shipping method is not a
 * SortedPRO delivery-day or pickup choice (flat options and checkout fallbacks are created per fulfillment).
 */
export function consumerOptionsInput(order: { id: string; shipping_methods?: Array<{ data?: Record<string, unknown> | null } | null> }) {
  const method = order.shipping_methods
    ?.map((candidate) => (candidate?.data ?? {}) as ShippingMethodData)
    .find(
      (data) =>
        (data.flow === "consumer_options" || data.flow === "consumer_options_pickup") && typeof data.delivery_option_reference === "string"
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
      price: method.price,
      pickup_location: method.pickup_location ?? null,
    },
    write: { kind: "select", delivery_option_reference: method.delivery_option_reference! },
  }
  return input
}

/** Links the order to its consignment record, once. */
const linkOrderConsignmentStep = createStep(
  "sorted-pro-link-order-consignment",
  async (input: { order_id: string; consignment_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "sorted_pro_consignments.id"],
      filters: { id: input.order_id },
    })
    const linked = (data[0] as any)?.sorted_pro_consignments?.some((c: { id: string } | null) => c?.id === input.consignment_id)
    if (!linked) {
      await container.resolve(ContainerRegistrationKeys.LINK).create({
        [Modules.ORDER]: { order_id: input.order_id },
        [SORTED_PRO_MODULE]: { sorted_pro_consignment_id: input.consignment_id },
      })
    }
    return new StepResponse({ linked: !linked })
  }
)

/**
 * `order.placed` for the Consumer Options flow: Select Option on the shopper's delivery option, record the
 * consignment (EC- reference, carrier, service, tracking numbers, state) and link it to the order.
 * Orders without a SortedPRO delivery-day method are left alone. Source: DESIGN.md flow table.
 */
export const handleOrderPlacedWorkflow = createWorkflow("sorted-pro-handle-order-placed", (input: { order_id: string }) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ["id", "shipping_methods.id", "shipping_methods.data"],
    filters: { id: input.order_id },
    options: { throwIfKeyNotFound: true },
  })
  const ensureInput = transform({ orders }, ({ orders }) => consumerOptionsInput(orders[0] as any))
  const record = when({ ensureInput }, ({ ensureInput }) => ensureInput !== null).then(() => {
    const consignment = ensureConsignmentStep(ensureInput as unknown as EnsureConsignmentInput)
    linkOrderConsignmentStep(
      transform({ consignment, input }, ({ consignment, input }) => ({ order_id: input.order_id, consignment_id: consignment.id }))
    )
    return consignment
  })
  return new WorkflowResponse(record as unknown as ConsignmentRecord | undefined)
})
