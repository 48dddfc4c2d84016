"use server"

import { setShippingMethod, type ActionResult } from "./cart"

/** The parts of the kit's `DeliverySelection` / `PickupSelection` this action reads (it is passed from the browser). */
interface KitSelection {
  choice: { shippingOptionId: string; deliveryOptionReference?: string; pickupLocationShopReference?: string }
}

/**
 * The storefront kit's choice, stored through the starter's `setShippingMethod` server action with `data`
 * (docs/nextjs.md): `{ delivery_option_reference }` for a delivery day, plus `pickup_location_shop_reference` for a
 * pickup point, none for the fallback choice. `setShippingMethod` revalidates the cart's cache tag, so the page
 * re-renders with the cart as the server now has it. Bound to the cart id by the page.
 */
export async function chooseWithKit(cartId: string, selection: KitSelection): Promise<ActionResult> {
  const { shippingOptionId, deliveryOptionReference, pickupLocationShopReference } = selection.choice
  const data = deliveryOptionReference
    ? {
        delivery_option_reference: deliveryOptionReference,
        ...(pickupLocationShopReference ? { pickup_location_shop_reference: pickupLocationShopReference } : {}),
      }
    : undefined
  return setShippingMethod({ cartId, shippingMethodId: shippingOptionId, data })
}
