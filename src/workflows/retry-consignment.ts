import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { consumerOptionsInput } from "../lib/consignments"
import type { EnsureConsignmentInput } from "../lib/consignments"
import { ensureConsignmentStep } from "./steps/ensure-consignment"
import { buildConsignmentRequest, PackLine, toNumber } from "../lib/mapping/index"
import { FulfillmentForPro, PlacedOrder } from "../lib/mapping/orders"
import { errorFields } from "../lib/pro"

/** The order as the retry reads it through Query: order quantities and prices may be BigNumber values. */
type RetryOrder = Omit<PlacedOrder, "items"> & {
  items: Array<PackLine & { id: string; raw_quantity?: unknown; detail?: { quantity?: unknown } | null }>
}

/**
 * Rebuilds what {@link ensureConsignmentStep} needs for one of our records that never reached PRO
 * (`sync_status` `pending` or `failed`), from the Medusa order it belongs to:
 * - a delivery-day record (`delivery_option_reference` set): Select Option again, from the order's shipping method data;
 * - otherwise Create Consignment for the record's fulfillment lines (all order lines when it has no fulfillment), from
 *   the record's shipping location (or the stock location's mapping), with the record's own `customer_reference`.
 * Packed consignments and returns are retried by their own workflows (`retryRecord`).
 * @throws MedusaError NOT_FOUND for an unknown record, NOT_ALLOWED when it is already in PRO (`synced`),
 * INVALID_DATA naming the field when the order can no longer be mapped to PRO.
 */
export const buildRetryInputStep = createStep("sorted-pro-build-retry-input", async (input: { id: string }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const [record] = await service.listSortedProConsignments({ id: input.id })
  if (!record) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `reference: no SortedPRO consignment record ${input.id}`)
  }
  if (record.sync_status === "synced") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${record.reference ?? record.id} already exists in SortedPRO (state ${record.state ?? "unknown"}): allocate it instead of retrying`
    )
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "email",
      "currency_code",
      "shipping_methods.data",
      "shipping_address.*",
      "items.id",
      "items.quantity",
      "items.raw_quantity",
      "items.detail.quantity",
      "items.title",
      "items.unit_price",
      "items.variant_sku",
      "items.variant.weight",
      "items.variant.length",
      "items.variant.width",
      "items.variant.height",
      "items.variant.hs_code",
      "items.variant.origin_country",
      "items.variant.sku",
    ],
    filters: { id: record.order_id },
  })
  const order = orders[0] as RetryOrder | undefined
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `order_id: order ${record.order_id} of ${record.id} no longer exists`)
  }
  if (record.delivery_option_reference) {
    const selected = consumerOptionsInput(order)
    if (selected && selected.write.kind === "select" && selected.write.delivery_option_reference === record.delivery_option_reference) {
      const ensure: EnsureConsignmentInput = { ...selected, customer_reference: record.customer_reference, fulfillment_id: record.fulfillment_id }
      return new StepResponse(ensure)
    }
    const ensure: EnsureConsignmentInput = {
      order_id: record.order_id,
      fulfillment_id: record.fulfillment_id,
      customer_reference: record.customer_reference,
      flow: "consumer_options",
      shipping_location_reference: record.shipping_location_reference,
      delivery_promise: record.delivery_promise as Record<string, unknown> | null,
      write: { kind: "select", delivery_option_reference: record.delivery_option_reference },
    }
    return new StepResponse(ensure)
  }
  // Query returns order quantities and prices as BigNumber values: plain numbers for the PRO request
  let lines: PackLine[] = (order.items ?? []).map((item) => ({
    ...item,
    quantity: toNumber(item.quantity ?? item.raw_quantity ?? item.detail?.quantity),
    unit_price: toNumber(item.unit_price),
  }))
  let address = order.shipping_address
  let locationId: string | undefined = record.stock_location_id ?? undefined
  if (record.fulfillment_id) {
    const { data: fulfillments } = await query.graph({
      entity: "fulfillment",
      fields: ["id", "location_id", "items.line_item_id", "items.quantity", "delivery_address.*"],
      filters: { id: record.fulfillment_id },
    })
    const fulfillment = fulfillments[0] as FulfillmentForPro | undefined
    if (fulfillment) {
      locationId = locationId ?? fulfillment.location_id ?? undefined
      address = fulfillment.delivery_address?.postal_code ? fulfillment.delivery_address : address
      lines = (fulfillment.items ?? []).map((item) => {
        const line = lines.find((candidate) => candidate.id === item.line_item_id)
        return { ...(line ?? {}), id: item.line_item_id, quantity: toNumber(item.quantity ?? line?.quantity) }
      })
    }
  }
  const options = service.getOptions()
  let shippingLocationReference: string
  let request
  try {
    shippingLocationReference = record.shipping_location_reference ?? (await service.resolveShippingLocation(locationId ? { id: locationId } : null))
    request = buildConsignmentRequest({
      reference: record.customer_reference,
      lines,
      currencyCode: order.currency_code ?? "gbp",
      address,
      email: order.email,
      shippingLocationReference,
      options,
    })
  } catch (error) {
    const e = errorFields(error)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${e?.field ?? "order"}: ${e?.message ?? String(error)}`)
  }
  const ensure: EnsureConsignmentInput = {
    order_id: record.order_id,
    fulfillment_id: record.fulfillment_id,
    customer_reference: record.customer_reference,
    flow: "order_flex",
    shipping_location_reference: shippingLocationReference,
    write: { kind: "create", request },
  }
  return new StepResponse(ensure)
})

/**
 * Retries a consignment that failed to reach PRO: {@link buildRetryInputStep} then the exactly-once
 * {@link ensureConsignmentStep} (which first adopts a consignment PRO already holds under our reference).
 * Returns our record: `sync_status` `synced` on success, otherwise `failed`/`pending` with `last_error`.
 * Used by `POST /admin/sorted-pro/consignments/:reference/retry`.
 */
export const retryConsignmentWorkflow = createWorkflow("sorted-pro-retry-consignment", (input: { id: string }) => {
  const ensureInput = buildRetryInputStep(input)
  return new WorkflowResponse(ensureConsignmentStep(ensureInput))
})
