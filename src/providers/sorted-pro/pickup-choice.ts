import { MedusaError } from "@medusajs/framework/utils"
import type { ProApiError, ProClient } from "../../lib/pro"
import { DeliveryOptionsService, defaultPickupChoice } from "../../lib/checkout"
import { toMethodData } from "../../lib/mapping/shipping-method"
import type { ShippingMethodData } from "../../types"

/** What {@link validatePickupChoice} works with: the provider's checkout service and PRO client, and its checkout deadline (ms). */
export interface PickupChoiceDeps {
  deliveryOptions: DeliveryOptionsService
  client: ProClient
  checkoutTimeoutMs: number
}

/**
 * The pickup choice `{delivery_option_reference, pickup_location_shop_reference}` must be an option this cart was offered
 * at that location by `GET /store/sorted-pro/pickup-options`, before its cut-off; without both, `defaultPickupChoice`
 * (as `calculatePrice` priced it). Reserved now if the location requires it (Reserve Pickup Option, docs/pro-api.md §3.3),
 * within the checkout deadline (`checkoutTimeoutMs`, ms). Answers the `shipping_method.data` of the pickup choice.
 * @throws MedusaError INVALID_DATA naming the field, or asking the shopper to choose again (or home delivery).
 */
export async function validatePickupChoice(
  deps: PickupChoiceDeps,
  data: Record<string, unknown>,
  cartId: string,
  context: Record<string, unknown>
): Promise<ShippingMethodData> {
  const reference = data?.delivery_option_reference
  const shop = data?.pickup_location_shop_reference
  const found = reference === undefined && shop === undefined ? await defaultPickupChoice(deps.deliveryOptions, context) : null
  if (found && !found.ok) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `No pickup point could be chosen for you: ${found.message}`)
  }
  if (!found && (typeof reference !== "string" || !reference)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "data.delivery_option_reference is required: choose a pickup option")
  }
  if (!found && (typeof shop !== "string" || !shop)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "data.pickup_location_shop_reference is required: choose a pickup point")
  }
  const choice = found?.ok ? found.choice : await deps.deliveryOptions.pickupChoice(cartId, String(reference))
  if (!choice || (!found && choice.location.shop_reference !== shop)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `data.delivery_option_reference ${reference} at ${shop} is not one of this cart's pickup options (it may have expired): search and choose again`
    )
  }
  if (choice.location.reservation_required) {
    try {
      await deps.client.deliveryOptions.reserve(choice.option.reference, { deadline: Date.now() + deps.checkoutTimeoutMs })
    } catch (error) {
      const pro = error as ProApiError
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The pickup point ${choice.location.name} could not be reserved (${pro.message}; CorrelationId ${pro.correlationId ?? "none"}): choose another point or home delivery`
      )
    }
  }
  deps.deliveryOptions.recordCarrierCost(cartId, choice.option.reference)
  return {
    fulfillment_option: "sorted-pro-pickup",
    flow: "consumer_options_pickup",
    cart_id: cartId,
    shipping_location_reference: choice.shippingLocationReference,
    ...toMethodData(choice.option),
    pickup_location: { ...choice.location, reserved: choice.location.reservation_required },
  }
}
