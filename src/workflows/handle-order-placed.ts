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
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import {
  ConsignmentRecord,
  consumerOptionsInput,
  EnsureConsignmentInput,
  EnsureProOrderInput,
  isOrderFlex,
  orderFlexInput,
  ProOrderRecord,
  selectionRefused,
} from "../lib/consignments"
import { ensureConsignmentStep } from "./steps/ensure-consignment"
import { CacheLike, deliveryOptionsServiceFor } from "../lib/checkout"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { ORDER_FIELDS, PlacedOrder } from "../lib/mapping/orders"
import { ensureProOrderStep } from "./steps/ensure-pro-order"
import { resolveLogger } from "./steps/logger"
import { reservedLocations, selectAsOrder, selectAsOrderInput, selectedAsOrder } from "./steps/choice-route"
import { requestChange, withCreateOrderRequest } from "./hooks"

/**
 * What `order.placed` does for an order: Select Option (`select`), or make its PRO order (`pro_order`), or nothing;
 * `replaces` is the record of a delivery choice PRO refused for good that the PRO order replaces.
 */
export interface OrderPlan {
  select: EnsureConsignmentInput | null
  pro_order: EnsureProOrderInput | null
  replaces: string | null
}

/**
 * Plans `order.placed` (docs/design.md flow table): a delivery-day or pickup choice is selected (Consumer Options, or
 * Pickup) unless the order ships from several stock locations or `consumerOptionsFlex` is `always`, in which case it is
 * selected as a PRO order (Consumer Options Flex, which the guide allows from Pickup Options too: packed per
 * fulfillment, each pack shipped to the chosen shop with the reservation made at checkout); the flat option and checkout
 * fallbacks get a PRO order (Order Flex), and so does a choice PRO refused for good (`selectionRefused`: expired,
 * unknown), so that it still ships. A cancelled order gets nothing. An order that cannot be mapped is logged and left
 * to the reconcile job.
 */
const planOrderStep = createStep("sorted-pro-plan-order", async (order: PlacedOrder, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const options = service.getOptions()
  if ((order as PlacedOrder & { status?: string })?.status === "canceled") {
    // a cancelled order never reaches PRO (reconcile may run after the cancel)
    return new StepResponse<OrderPlan>({ select: null, pro_order: null, replaces: null })
  }
  const select = consumerOptionsInput(order)
  if (select?.write.kind === "select" && select.delivery_promise) {
    // PRO's price of the choice (admin only) is not in the shipping method data: the checkout service kept it
    const checkout = deliveryOptionsServiceFor(service.getClient(), options).useCache(
      container.resolve<CacheLike>(Modules.CACHE, { allowUnregistered: true }) ?? undefined
    )
    select.delivery_promise.carrier_cost = await checkout.carrierCostOf(select.customer_reference, select.write.delivery_option_reference)
  }
  // Select Option (consignment record) or Select as Order (PRO order record) refused for good → Create Order instead
  const [chosen] = select ? await service.listSortedProConsignments({ customer_reference: select.customer_reference }) : []
  const refusedChoice = selectionRefused(chosen) ? chosen : null
  const [proOrder] = select ? await service.listSortedProOrders({ customer_reference: order.id }) : []
  const refused = select && (refusedChoice || selectionRefused(proOrder))
  if (select && !refusedChoice && selectedAsOrder(proOrder)) {
    // selected as a PRO order already (perhaps by a fulfillment made before this event was handled, whose reservations
    // are gone, so the rule below could no longer tell): finish that one (nothing to write once it is synced)
    return new StepResponse<OrderPlan>({ select: null, pro_order: selectAsOrder(order.id, select), replaces: null })
  }
  if (select && !refused) {
    // a delivery-day or pickup choice alike: the Flex guide generates the order "from Pickup Options too"
    const asOrder = await selectAsOrderInput(container, order, select, options.consumerOptionsFlex)
    return new StepResponse<OrderPlan>(asOrder ? { select: null, pro_order: asOrder, replaces: null } : { select, pro_order: null, replaces: null })
  }
  if (!refused && !isOrderFlex(order)) {
    return new StepResponse<OrderPlan>({ select: null, pro_order: null, replaces: null })
  }
  try {
    const [locationId] = await reservedLocations(container, order.items)
    const origin = await service.resolveShippingLocation(locationId ? { id: locationId } : null)
    return new StepResponse<OrderPlan>({ select: null, pro_order: orderFlexInput(order, origin, options), replaces: refusedChoice?.id ?? null })
  } catch (error) {
    resolveLogger(container).error(`SortedPRO cannot map order ${order?.id} to PRO: ${(error as Error).message}`)
    return new StepResponse<OrderPlan>({ select: null, pro_order: null, replaces: null })
  }
})

/**
 * Marks the record of a delivery choice PRO refused for good `replaced` once the Order Flex PRO order that replaces it
 * exists: it stays visible with PRO's refusal, and is no longer waiting for reconciliation.
 */
const markReplacedStep = createStep(
  "sorted-pro-mark-replaced-choice",
  async (input: { pro_order: ProOrderRecord; replaces: string | null }, { container }) => {
    if (input.replaces && input.pro_order?.sync_status === "synced") {
      await container.resolve<SortedProModuleService>(SORTED_PRO_MODULE).updateSortedProConsignments({ id: input.replaces, sync_status: "replaced" })
    }
    return new StepResponse(Boolean(input.replaces))
  }
)

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
    const order = data[0] as { sorted_pro_consignments?: Array<{ id: string } | null> } | undefined
    const linked = order?.sorted_pro_consignments?.some((c) => c?.id === input.consignment_id)
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
 * The `beforeProRequest` hook (docs/events.md "Workflow hooks"): before the PRO order is made, the host's handler gets
 * `{ order_id, flow, request }` (`request`: the Create Order body, PRO's field names, docs/pro-api.md §3.6; null for
 * Select as Order, which sends no body) and may answer `new StepResponse({ request })` with the body to send instead
 * (e.g. more `MetaData`, `Tags`, `CustomsDocumentation`). `OrderReferenceProvidedByCustomer` stays the Medusa order id.
 */
function proRequestHook(plan: WorkflowData<OrderPlan>) {
  const input = transform({ plan }, ({ plan }) => ({
    order_id: plan.pro_order!.order_id,
    flow: plan.pro_order!.flow,
    request: plan.pro_order!.write.kind === "create" ? plan.pro_order!.write.request : null,
  }))
  return createHook("beforeProRequest", input, { resultValidator: requestChange })
}

/**
 * `order.placed` (see `planOrderStep`): for Consumer Options (and Pickup), Select Option on the shopper's choice, record
 * the consignment (EC- reference, carrier, service, tracking numbers, state) and link it to the order; for Consumer
 * Options Flex, Select Delivery Option as an Order; for Order Flex (flat option or checkout fallback), Create Order.
 * PRO orders (EO-) are packed and allocated per fulfillment. Other orders are left alone. Source: docs/design.md flow table.
 * Hook: `beforeProRequest` ({@link proRequestHook}), before Create Order is sent.
 */
export const handleOrderPlacedWorkflow = createWorkflow("sorted-pro-handle-order-placed", (input: { order_id: string }) => {
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: [...ORDER_FIELDS, "status"],
    filters: { id: input.order_id },
    options: { throwIfKeyNotFound: true },
  })
  // with the app's generated types Query rows are typed as Medusa's `Order`; ours is the subset ORDER_FIELDS selects
  const plan = planOrderStep(transform({ orders }, ({ orders }) => orders[0] as unknown as PlacedOrder))
  const record = when("sorted-pro-order-placed-select", { plan }, ({ plan }) => plan.select !== null).then(() => {
    const consignment = ensureConsignmentStep(transform({ plan }, ({ plan }) => plan.select!))
    linkOrderConsignmentStep(
      transform({ consignment, input }, ({ consignment, input }) => ({ order_id: input.order_id, consignment_id: consignment.id }))
    )
    return consignment
  })
  let beforeProRequest!: ReturnType<typeof proRequestHook>
  const proOrder = when("sorted-pro-order-placed-pro-order", { plan }, ({ plan }) => plan.pro_order !== null).then(() => {
    beforeProRequest = proRequestHook(plan)
    const changed = beforeProRequest.getResult()
    const created = ensureProOrderStep(transform({ plan, changed }, ({ plan, changed }) => withCreateOrderRequest(plan.pro_order!, changed?.request)))
    markReplacedStep(transform({ created, plan }, ({ created, plan }) => ({ pro_order: created, replaces: plan.replaces })))
    return created
  })
  return new WorkflowResponse(
    {
      consignment: record as unknown as ConsignmentRecord | undefined,
      pro_order: proOrder as unknown as ProOrderRecord | undefined,
    },
    { hooks: [beforeProRequest] }
  )
})
