import {
  createHook,
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  when,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import type { PackLine } from "../lib/mapping"
import { buildOrderRequest, buildPackRequest, OrderForPro } from "../lib/mapping/orders"
import { ConsignmentRecord, EnsureConsignmentInput, EnsureProOrderInput, ProOrderRecord, selectionRefused } from "../lib/consignments"
import { ensureProOrderStep } from "./steps/ensure-pro-order"
import { ensureConsignmentStep } from "./steps/ensure-consignment"
import type { AllocationStrategy } from "../lib/pro/allocation"
import { requestChange, withPackRequest } from "./hooks"
import { selectAsOrder, selectAsOrderInput, selectedAsOrder } from "./steps/choice-route"

/**
 * One fulfillment: the order, the fulfillment id, its stock location, its shipping option (whose allocation strategy
 * override applies) and its lines; `select` is the Select Option input when the shopper chose a delivery day or
 * pickup point (null for the flat option and checkout fallbacks).
 */
export interface FulfillmentConsignmentInput {
  order: OrderForPro
  fulfillment_id: string
  location_id?: string | null
  shipping_option_id?: string | null
  lines: PackLine[]
  select?: EnsureConsignmentInput | null
}

/**
 * Which path the fulfillment takes: `select` (Consumer Options: the shopper's option, selected once per order) when
 * there is a choice and no PRO order; otherwise `pack` (a PRO order exists: Consumer Options Flex or Order Flex, or
 * the choice goes down Consumer Options Flex by `selectAsOrderInput` and nothing was selected yet, or there was no
 * choice, or PRO refused the choice for good: `selectionRefused`) with the input that makes the PRO order if it is
 * still missing (Select as Order for Flex, else Create Order). A Consumer Options Flex PRO order record not synced yet
 * (its Select as Order answer lost, or PRO down) is finished by Select as Order again, never by Create Order: PRO may
 * have made that order already, and a second one would be a duplicate.
 */
type Plan = { path: "select" | "pack"; order_input: EnsureProOrderInput | null }

const planStep = createStep("sorted-pro-fulfillment-plan", async (input: FulfillmentConsignmentInput, { container }): Promise<StepResponse<Plan>> => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const [proOrder] = await service.listSortedProOrders({ order_id: input.order.id })
  const options = service.getOptions()
  // selected as a PRO order already, perhaps with its answer lost: finished by Select as Order, as order.placed does
  const finish = input.select && selectedAsOrder(proOrder) ? selectAsOrder(input.order.id, input.select) : null
  if (finish) {
    return new StepResponse<Plan>({ path: "pack", order_input: finish })
  }
  if (input.select && !proOrder) {
    const [selected] = await service.listSortedProConsignments({ customer_reference: input.select.customer_reference })
    // made before order.placed was handled: the same rule decides whether the choice is selected as a PRO order
    const asOrder = selected ? null : await selectAsOrderInput(container, input.order, input.select, options.consumerOptionsFlex)
    if (asOrder) {
      return new StepResponse<Plan>({ path: "pack", order_input: asOrder })
    }
    if (!selectionRefused(selected)) {
      return new StepResponse<Plan>({ path: "select", order_input: null })
    }
  }
  const origin = await service.resolveShippingLocation(input.location_id ? { id: input.location_id } : null)
  const orderInput: EnsureProOrderInput = {
    order_id: input.order.id,
    flow: "order_flex",
    write: { kind: "create", request: buildOrderRequest(input.order, origin, options) },
  }
  return new StepResponse<Plan>({ path: "pack", order_input: orderInput })
})

const packInputStep = createStep(
  "sorted-pro-order-flex-pack-input",
  async ({ input, proOrder }: { input: FulfillmentConsignmentInput; proOrder: ProOrderRecord }, { container }) => {
    if (!proOrder?.reference) {
      return new StepResponse(null)
    }
    const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const options = service.getOptions()
    const packageReference = `${input.fulfillment_id}-1`
    const origin = await service.resolveShippingLocation(input.location_id ? { id: input.location_id } : null)
    const flex = proOrder.flow === "consumer_options_flex"
    const chosen = input.select?.delivery_promise as { date?: string; carrier_service_reference?: string } | null | undefined
    const promise = flex ? chosen : null
    // an Order Flex order with a choice: PRO refused the choice, so the chosen carrier service is used
    const strategy: AllocationStrategy =
      !flex && chosen?.carrier_service_reference
        ? { type: "carrier_service", reference: chosen.carrier_service_reference }
        : await service.strategyFor(input.shipping_option_id)
    const packInput: EnsureConsignmentInput = {
      order_id: input.order.id,
      fulfillment_id: input.fulfillment_id,
      customer_reference: input.fulfillment_id,
      flow: flex ? "consumer_options_flex" : "order_flex",
      shipping_location_reference: origin,
      delivery_promise: promise ?? null,
      write: {
        kind: "pack",
        package_reference: packageReference,
        origin,
        strategy,
        promise:
          promise?.date && promise.carrier_service_reference
            ? { date: promise.date, carrier_service_reference: promise.carrier_service_reference }
            : null,
        request: buildPackRequest({
          orderReference: proOrder.reference,
          orderId: input.order.id,
          packageReference,
          lines: input.lines,
          orderLines: input.order.items,
          currencyCode: input.order.currency_code,
          options,
        }),
      },
    }
    return new StepResponse(packInput)
  }
)

/**
 * The `beforePack` hook (docs/events.md "Workflow hooks"): before Pack Order is sent for a fulfillment, the host's handler gets
 * `{ order_id, fulfillment_id, request }` (`request`: the Pack Order body, PRO's field names, docs/pro-api.md §3.6) and may
 * answer `new StepResponse({ request })` with the body to send instead, e.g. another package split (see `withPackRequest`).
 */
function packHook(input: FulfillmentConsignmentInput, packInput: WorkflowData<EnsureConsignmentInput | null>) {
  const hookInput = transform({ input, packInput }, ({ input, packInput }) => ({
    order_id: input.order.id,
    fulfillment_id: input.fulfillment_id,
    request: packInput?.write.kind === "pack" ? packInput.write.request : null,
  }))
  return createHook("beforePack", hookInput, { resultValidator: requestChange })
}

/**
 * The consignment of one fulfillment (docs/design.md flow table), exactly once:
 * - Consumer Options (and Pickup): Select Option on the shopper's option (usually done at `order.placed`);
 * - Consumer Options Flex and Order Flex: the PRO order (Create Order if it is still missing), then Pack Order for
 *   this fulfillment's lines → one consignment shipping from the fulfillment's stock location, allocated to the
 *   shopper's promise (Flex) or with the strategy in force (the shipping option's override, else the default).
 * Runs with or without a container (the provider runs it container-less). Hook: `beforePack` ({@link packHook}).
 * @throws CheckoutMappingError naming the field when the order cannot be mapped to PRO.
 */
export const createFulfillmentConsignmentWorkflow = createWorkflow(
  "sorted-pro-create-fulfillment-consignment",
  (input: FulfillmentConsignmentInput) => {
    const plan = planStep(input)
    const selected = when("sorted-pro-fulfillment-select", { plan }, ({ plan }) => plan.path === "select").then(() =>
      ensureConsignmentStep(transform({ input }, ({ input }) => input.select!)).config({ name: "sorted-pro-ensure-consignment-select" })
    )
    let beforePack!: ReturnType<typeof packHook>
    const packed = when("sorted-pro-fulfillment-pack", { plan }, ({ plan }) => plan.path === "pack").then(() => {
      const proOrder = ensureProOrderStep(transform({ plan }, ({ plan }) => plan.order_input!))
      const packInput = packInputStep(transform({ input, proOrder }, (data) => data))
      beforePack = packHook(input, packInput)
      const changed = beforePack.getResult()
      const consignment = ensureConsignmentStep(
        transform({ packInput, changed }, ({ packInput, changed }) =>
          withPackRequest(packInput, changed?.request)
        ) as unknown as EnsureConsignmentInput
      ).config({ name: "sorted-pro-ensure-consignment-pack" })
      return transform({ proOrder, consignment }, (data) => data)
    })
    const result = transform({ selected, packed }, ({ selected, packed }) => ({
      pro_order: (packed?.proOrder ?? null) as ProOrderRecord | null,
      consignment: (selected ?? packed?.consignment ?? undefined) as ConsignmentRecord | undefined,
    }))
    return new WorkflowResponse(result, { hooks: [beforePack] })
  }
)
