/**
 * `medusa exec ./bench/lib/seed-flex.ts` (run by bench/lib/stack.ts after the demo seed): a second warehouse, so that
 * some bench orders ship from two stock locations and become Consumer Options Flex (one PRO order from the shopper's
 * choice, packed per fulfillment: `handle-order-placed.ts`, `consumerOptionsFlex: "auto"`). Adds "London warehouse"
 * (PRO shipping location SL-LONDON through its metadata, linked to the SortedPRO provider and the demo's sales
 * channel) and two products: "Rain Poncho" stocked in the demo's Manchester warehouse, "Storm Umbrella" in London
 * (1,000 each). Prints `SORTED_PRO_DEMO_SEED {"london_id", "flex_variant_ids": [poncho, umbrella]}` (one JSON line).
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import { PROVIDER_ID } from "../../src/lib/fulfillment-options"

/** What the flex seed adds (see the module comment). */
export interface FlexSeed {
  london_id: string
  /** [poncho (Manchester), umbrella (London)]: a cart holding both ships from two warehouses. */
  flex_variant_ids: [string, string]
}

export default async function run({ container }: ExecArgs) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // the demo store's sales channel (scripts/seed-demo.ts), not Medusa's default one
  const { data: channels } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "SortedPRO Demo Store" } })
  const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id", "name"] })
  const manchester = (locations as Array<{ id: string; name: string }>).find((location) => location.name === "Manchester DC")!
  const {
    result: [london],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "London warehouse",
          address: { address_1: "1 Dock Road", city: "London", postal_code: "E16 2EZ", country_code: "GB" },
          metadata: { sorted_pro_shipping_location_reference: "SL-LONDON" },
        },
      ],
    },
  })
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.STOCK_LOCATION]: { stock_location_id: london.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: PROVIDER_ID },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: london.id, add: [channels[0].id] } })
  const [profile] = await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ type: "default" })
  const product = (title: string, handle: string, sku: string, weight: number) => ({
    title,
    handle,
    status: ProductStatus.PUBLISHED,
    shipping_profile_id: profile.id,
    options: [{ title: "Size", values: ["One size"] }],
    variants: [
      {
        title: "One size",
        sku,
        options: { Size: "One size" },
        manage_inventory: true,
        weight,
        length: 40,
        width: 10,
        height: 10,
        prices: [{ currency_code: "gbp", amount: 25 }],
      },
    ],
    sales_channels: [{ id: channels[0].id }],
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [product("Rain Poncho", "rain-poncho", "PONCHO-RAIN", 300), product("Storm Umbrella", "storm-umbrella", "UMBRELLA-STORM", 700)],
    },
  })
  const { data: variants } = await query.graph({
    entity: "variant",
    fields: ["id", "product_id", "inventory_items.inventory_item_id"],
    filters: { product_id: products.map((created) => created.id) },
  })
  const variantOf = (index: number) => (variants as any[]).find((variant) => variant.product_id === products[index].id)
  const [poncho, umbrella] = [variantOf(0), variantOf(1)]
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [
        { location_id: manchester.id, inventory_item_id: poncho.inventory_items[0].inventory_item_id, stocked_quantity: 1000 },
        { location_id: london.id, inventory_item_id: umbrella.inventory_items[0].inventory_item_id, stocked_quantity: 1000 },
      ],
    },
  })
  const seed: FlexSeed = { london_id: london.id, flex_variant_ids: [poncho.id, umbrella.id] }
  console.log(`SORTED_PRO_DEMO_SEED ${JSON.stringify(seed)}`)
}
