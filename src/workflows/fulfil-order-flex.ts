import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { PackLine, resolveShippingLocation } from "../lib/checkout"
import { buildOrderRequest, buildPackRequest, OrderForPro } from "../lib/orders"
import { ensureProOrderStep, EnsureProOrderInput, ProOrderRecord } from "./steps/ensure-pro-order"
import { ConsignmentRecord, ensureConsignmentStep, EnsureConsignmentInput } from "./steps/ensure-consignment"

/** One fulfillment of an Order Flex order: the order, the fulfillment id, its stock location and its lines. */
export interface FulfilOrderFlexInput {
  order: OrderForPro
  fulfillment_id: string
  location_id?: string | null
  lines: PackLine[]
}

const orderInputStep = createStep("sorted-pro-order-flex-order-input", async (input: FulfilOrderFlexInput, { container }) => {
  const options = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE).getOptions()
  const origin = resolveShippingLocation(options, null)
  const orderInput: EnsureProOrderInput = {
    order_id: input.order.id,
    flow: "order_flex",
    write: { kind: "create", request: buildOrderRequest(input.order, origin, options) },
  }
  return new StepResponse(orderInput)
})

const packInputStep = createStep(
  "sorted-pro-order-flex-pack-input",
  async ({ input, proOrder }: { input: FulfilOrderFlexInput; proOrder: ProOrderRecord }, { container }) => {
    if (!proOrder?.reference) {
      return new StepResponse(null)
    }
    const options = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE).getOptions()
    const packageReference = `${input.fulfillment_id}-1`
    const packInput: EnsureConsignmentInput = {
      order_id: input.order.id,
      fulfillment_id: input.fulfillment_id,
      customer_reference: input.fulfillment_id,
      flow: "order_flex",
      shipping_location_reference: resolveShippingLocation(options, { id: input.location_id ?? undefined }),
      write: {
        kind: "pack",
        package_reference: packageReference,
        request: buildPackRequest({
          orderReference: proOrder.reference,
          orderId: input.order.id,
          packageReference,
          lines: input.lines,
          currencyCode: input.order.currency_code,
          options,
        }),
      },
    }
    return new StepResponse(packInput)
  }
)

/**
 * Order Flex for one fulfillment (DESIGN.md flow table): make sure the PRO order exists (Create Order, once), then
 * Pack Order for the fulfillment's lines → one consignment, allocated with the strategy in force. Each step is
 * exactly-once (see the steps). Runs with or without a container (the provider runs it container-less).
 * @throws CheckoutMappingError naming the field when the order cannot be mapped to PRO.
 */
export const fulfilOrderFlexWorkflow = createWorkflow("sorted-pro-fulfil-order-flex", (input: FulfilOrderFlexInput) => {
  const proOrder = ensureProOrderStep(orderInputStep(input))
  const packInput = packInputStep(transform({ input, proOrder }, (data) => data))
  const consignment = when({ packInput }, ({ packInput }) => packInput !== null).then(() =>
    ensureConsignmentStep(packInput as unknown as EnsureConsignmentInput)
  )
  return new WorkflowResponse({
    pro_order: proOrder as unknown as ProOrderRecord,
    consignment: consignment as unknown as ConsignmentRecord | undefined,
  })
})
