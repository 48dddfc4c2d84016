import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { buildConsignmentRequest, CartForDelivery } from "../lib/mapping"
import type { EnsureConsignmentInput } from "../lib/consignments"
import { ensureConsignmentStep } from "./steps/ensure-consignment"

/**
 * A return fulfillment as Medusa's `createReturnFulfillment` passes it (docs/medusa.md §1.3: the created row, no order):
 * its id, the stock location the goods go back to, the customer's address, and the returned lines.
 */
export interface CreateReturnInput {
  fulfillment_id: string
  location_id?: string | null
  /** The return shipping option: its allocation strategy override applies. */
  shipping_option_id?: string | null
  delivery_address?: CartForDelivery["shipping_address"]
  items: Array<{ line_item_id?: string | null; quantity?: unknown; title?: string | null; sku?: string | null }>
}

/**
 * Builds the inbound consignment (docs/pro-api.md §3.1, `Direction: "Inbound"`): from the customer's address to the
 * stock location's PRO shipping location, one package with the returned lines (weights and sizes from the variants,
 * read through the Order and Product modules), our reference = the return fulfillment id.
 * @throws CheckoutMappingError naming the field (address, items, shipping location).
 */
const returnInputStep = createStep("sorted-pro-return-input", async (input: CreateReturnInput, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const options = service.getOptions()
  const lineIds = input.items.map((item) => item.line_item_id).filter((id): id is string => Boolean(id))
  const orderModule = container.resolve<any>(Modules.ORDER)
  const [lineItems, orderItems] = await Promise.all([
    orderModule.listOrderLineItems({ id: lineIds }, { select: ["id", "title", "unit_price", "variant_id", "variant_sku"] }),
    orderModule.listOrderItems({ item_id: lineIds }, { select: ["order_id", "item_id"] }),
  ])
  const variantIds = lineItems.map((line: any) => line.variant_id).filter(Boolean)
  const variants = variantIds.length
    ? await container
        .resolve<any>(Modules.PRODUCT)
        .listProductVariants({ id: variantIds }, { select: ["id", "sku", "weight", "length", "width", "height", "hs_code", "origin_country"] })
    : []
  const lines = input.items.map((item) => {
    const line = lineItems.find((candidate: any) => candidate.id === item.line_item_id) ?? {}
    return {
      id: item.line_item_id ?? undefined,
      title: item.title ?? line.title,
      quantity: item.quantity,
      unit_price: line.unit_price,
      variant_sku: item.sku ?? line.variant_sku,
      variant: variants.find((variant: any) => variant.id === line.variant_id) ?? null,
    }
  })
  const orderId = orderItems[0]?.order_id
  const order = orderId ? await orderModule.retrieveOrder(orderId, { select: ["id", "currency_code"] }) : null
  const shippingLocationReference = await service.resolveShippingLocation(input.location_id ? { id: input.location_id } : null)
  const request = buildConsignmentRequest({
    reference: input.fulfillment_id,
    lines,
    currencyCode: order?.currency_code ?? "gbp",
    address: input.delivery_address,
    shippingLocationReference,
    options,
    direction: "Inbound",
  })
  const ensure: EnsureConsignmentInput = {
    order_id: orderId ?? input.fulfillment_id,
    fulfillment_id: input.fulfillment_id,
    customer_reference: input.fulfillment_id,
    flow: "order_flex",
    shipping_location_reference: shippingLocationReference,
    write: { kind: "create", request, strategy: await service.strategyFor(input.shipping_option_id) },
  }
  return new StepResponse(ensure)
})

/**
 * A return (docs/design.md; issue "Orders to PRO"): an inbound consignment created, allocated with the strategy in force
 * (the return shipping option's override, else the default)
 * and recorded, exactly once; its label is the return label. Runs without a container (the provider runs it).
 */
export const createReturnWorkflow = createWorkflow(
  "sorted-pro-create-return",
  (input: CreateReturnInput) => new WorkflowResponse(ensureConsignmentStep(returnInputStep(input)))
)
