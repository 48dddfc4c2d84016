import type { ProClient } from "../../pro"
import { resolveOptions } from "../../options"
import type { CartForDelivery } from "../../mapping"
import { MANCHESTER_ADDRESS } from "../../mapping/__tests__/addresses"
import { DeliveryOptionsService } from "../delivery-options"

/** Variant customs data is read only for a cart whose shipment crosses a customs border (issue #19, cold path). */
function service() {
  const customsLookups: string[][] = []
  const client = { deliveryOptions: { list: async () => ({ DeliveryOptions: [] }) } } as unknown as ProClient
  const checkout = new DeliveryOptionsService(client, resolveOptions({ defaultShippingLocation: "SL-MANCHESTER" })).useLookups({
    resolveShippingLocation: async () => "SL-MANCHESTER",
    variantCustoms: async (ids) => {
      customsLookups.push(ids)
      return {}
    },
  })
  return { checkout, customsLookups }
}

const cartTo = (country_code: string): CartForDelivery => ({
  id: `cart_${country_code}`,
  currency_code: "gbp",
  items: [{ id: "li_1", title: "Mug", quantity: 1, unit_price: 9.5, variant_id: "variant_1", variant: { id: "variant_1", weight: 600 } }],
  shipping_address: { ...MANCHESTER_ADDRESS, country_code },
})

describe("variant customs look-ups at checkout (origin GB)", () => {
  it("are not made for a domestic cart", async () => {
    const { checkout, customsLookups } = service()
    await checkout.forCart(cartTo("gb"))
    expect(customsLookups).toEqual([])
  })

  it("are made once, for the cart's variants, when the shipment crosses a customs border", async () => {
    const { checkout, customsLookups } = service()
    await checkout.forCart(cartTo("us"))
    expect(customsLookups).toEqual([["variant_1"]])
  })
})
