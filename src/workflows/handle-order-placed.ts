import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import { ConsignmentRecord, ensureConsignmentStep, EnsureConsignmentInput } from "./steps/ensure-consignment"
import type { ShippingMethodData } from "../providers/sorted-pro/types"
import type SortedProModuleService from "../modules/sorted-pro/service"
import type { ResolvedOptions } from "../lib/options"
import { resolveShippingLocation } from "../lib/checkout"
import { buildOrderRequest, OrderForPro } from "../lib/orders"
import { ensureProOrderStep, EnsureProOrderInput, ProOrderRecord } from "./steps/ensure-pro-order"
import { resolveLogger } from "./steps/logger"

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

/** The Medusa order fields the PRO mappings read (NOTES.md §1.3: variant weight/dims, SKU, HS code, origin). */
export const ORDER_FIELDS = [
  "id",
  "email",
  "currency_code",
  "shipping_address.*",
  "items.*",
  "items.variant.id",
  "items.variant.sku",
  "items.variant.weight",
  "items.variant.length",
  "items.variant.height",
  "items.variant.width",
  "items.variant.hs_code",
  "items.variant.origin_country",
  "shipping_methods.id",
  "shipping_methods.data",
]

/**
 * The Order Flex input for an order whose SortedPRO method is the flat option or a checkout fallback: Create
 * Order from the default shipping location; null otherwise. Stock locations are mapped per fulfillment at Pack time.
 * @throws CheckoutMappingError naming the field (address, items, shipping location).
 */
export function orderFlexInput(order: OrderForPro & { shipping_methods?: Array<{ data?: Record<string, unknown> | null } | null> }, options: ResolvedOptions): EnsureProOrderInput | null {
  const flex = order.shipping_methods?.some((method) => (method?.data as ShippingMethodData | undefined)?.flow === "order_flex")
  if (!flex) {
    return null
  }
  const shippingLocationReference = resolveShippingLocation(options, null)
  return { order_id: order.id, flow: "order_flex", write: { kind: "create", request: buildOrderRequest(order, shippingLocationReference, options) } }
}

const orderFlexInputStep = createStep("sorted-pro-order-flex-input", async (order: any, { container }) => {
  const options = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE).getOptions()
  try {
    return new StepResponse(orderFlexInput(order, options))
  } catch (error) {
    resolveLogger(container).error(`SortedPRO cannot map order ${order?.id} to PRO: ${(error as Error).message}`)
    return new StepResponse(null)
  }
})

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
 * `order.placed`: for Consumer Options (and Pickup), Select Option on the shopper's choice, record the consignment
 * (EC- reference, carrier, service, tracking numbers, state) and link it to the order; for Order Flex (flat option
 * or checkout fallback), Create Order (EO-), packed and allocated per fulfillment later. Other orders are left alone. Source: DESIGN.md flow table.
 */
export const handleOrderPlacedWorkflow = createWorkflow("sorted-pro-handle-order-placed", (input: { order_id: string }) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ORDER_FIELDS,
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
  const flexInput = orderFlexInputStep(transform({ orders }, ({ orders }) => orders[0]))
  const proOrder = when({ flexInput }, ({ flexInput }) => flexInput !== null).then(() =>
    ensureProOrderStep(flexInput as unknown as EnsureProOrderInput)
  )
  return new WorkflowResponse({
    consignment: record as unknown as ConsignmentRecord | undefined,
    pro_order: proOrder as unknown as ProOrderRecord | undefined,
  })
})
