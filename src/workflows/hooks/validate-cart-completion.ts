import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import type { ShippingMethodData } from "../../types/shipping-method"

/**
 * Before an order is created (and before payment is authorised), refuses a cart whose SortedPRO delivery or
 * pickup choice has passed its AllocationCutOff since the shopper chose it: PRO could no longer keep that
 * promise. Nothing is charged; the 400 asks the shopper to choose again. Source: Medusa `completeCartWorkflow`
 * `validate` hook (runs before `beforePaymentAuthorization`).
 */
completeCartWorkflow.hooks.validate(async ({ cart }) => {
  for (const method of (cart.shipping_methods ?? []) as Array<{ data?: ShippingMethodData | null }>) {
    const data = method?.data
    if (!data || (data.flow !== "consumer_options" && data.flow !== "consumer_options_pickup") || !data.allocation_cut_off) {
      continue
    }
    if (Date.parse(data.allocation_cut_off) <= Date.now()) {
      const when = [data.day_of_week, data.delivery_date, data.window ? `${data.window.start}–${data.window.end}` : ""].filter(Boolean).join(" ")
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The ${data.flow === "consumer_options_pickup" ? "pickup" : "delivery"} option you chose (${when}) is no longer available: its cut-off passed at ${data.allocation_cut_off}. Please choose your delivery again.`
      )
    }
  }
})
