import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { PROVIDER_ID } from "../src/lib/fulfillment-options"

/** What the demo seed created or found: ids the demo, tests and docs use. */
export interface DemoSeed {
  region_id: string
  /** "International" region (GBP): France, Germany, Ireland, United States — shipments there need customs documents. */
  international_region_id: string
  sales_channel_id: string
  stock_location_id: string
  publishable_key: string
  shipping_options: {
    delivery: string
    pickup: string
    standard: string
    return: string
    international_delivery: string
    international_standard: string
  }
  variant_ids: string[]
}

/** PRO shipping location of the demo warehouse (the sandbox seeds it: sandbox/README.md). */
export const DEMO_SHIPPING_LOCATION = "SL-MANCHESTER"

/** Countries of the demo's "International" region (ISO two-letter, lower case as Medusa stores them). */
const INTERNATIONAL = ["fr", "de", "ie", "us"]

const PRODUCTS = [
  { title: "Merino Socks", handle: "merino-socks", sku: "SOCK-MERINO", price: 12, weight: 200, length: 20, width: 15, height: 5, hs_code: "611595" },
  { title: "Canvas Tote", handle: "canvas-tote", sku: "TOTE-CANVAS", price: 18, weight: 450, length: 40, width: 35, height: 3, hs_code: "420292" },
  { title: "Ceramic Mug", handle: "ceramic-mug", sku: "MUG-CERAMIC", price: 9.5, weight: 600, length: 12, width: 12, height: 10, hs_code: "691200" },
  {
    title: "Wool Blanket",
    handle: "wool-blanket",
    sku: "BLANKET-WOOL",
    price: 85,
    weight: 1800,
    length: 60,
    width: 40,
    height: 15,
    hs_code: "630120",
  },
]

/**
 * Seeds the demo store, idempotently (each part is looked up by name/handle before it is created): a UK
 * region in GBP with tax and an "International" region (GBP: France, Germany, Ireland, United States), a stock
 * location "Manchester DC" mapped to PRO shipping location `SL-MANCHESTER` (metadata
 * `sorted_pro_shipping_location_reference`) serving both, a sales channel and publishable
 * key, four products with weight (g), dimensions (cm) and 100 in stock, and the SortedPRO shipping
 * options "Delivery day" (calculated, `sorted-pro-delivery`), "Pickup point" (calculated, `sorted-pro-pickup`)
 * and "Standard delivery" (flat £3.95, `sorted-pro-standard`), plus "International delivery" (calculated) and
 * "International standard" (flat £14.95) for the international zone. Run with `medusa exec ./scripts/seed-demo.ts` or call from a test.
 */
export async function seedDemo(container: MedusaContainer): Promise<DemoSeed> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const one = async (entity: string, filters: Record<string, unknown>, fields = ["id"]) =>
    ((await query.graph({ entity, fields, filters })).data[0] ?? null) as any

  const [store] = (await query.graph({ entity: "store", fields: ["id", "default_sales_channel_id"] })).data as any[]
  let salesChannel = await one("sales_channel", { name: "SortedPRO Demo Store" })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "SortedPRO Demo Store" }] } })
    salesChannel = result[0]
  }
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "SortedPRO Demo Store",
        supported_currencies: [{ currency_code: "gbp", is_default: true }],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  let region = await one("region", { name: "United Kingdom" })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: { regions: [{ name: "United Kingdom", currency_code: "gbp", countries: ["gb"], payment_providers: ["pp_system_default"] }] },
    })
    region = result[0]
    await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "gb", provider_id: "tp_system" }] })
  }

  let international = await one("region", { name: "International" })
  if (!international) {
    const { result } = await createRegionsWorkflow(container).run({
      input: { regions: [{ name: "International", currency_code: "gbp", countries: INTERNATIONAL, payment_providers: ["pp_system_default"] }] },
    })
    international = result[0]
    await createTaxRegionsWorkflow(container).run({ input: INTERNATIONAL.map((country_code) => ({ country_code, provider_id: "tp_system" })) })
  }

  let location = await one("stock_location", { name: "Manchester DC" })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: "Manchester DC",
            address: { address_1: "Third Floor, Merchant Exchange", city: "Manchester", postal_code: "M1 5WG", country_code: "GB" },
            metadata: { sorted_pro_shipping_location_reference: DEMO_SHIPPING_LOCATION },
          },
        ],
      },
    })
    location = result[0]
    await link.create([
      { [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: PROVIDER_ID } },
      { [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } },
    ])
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannel.id] } })
  }

  let profile = (await fulfillment.listShippingProfiles({ type: "default" }))[0]
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
  }

  let fulfillmentSet = (await fulfillment.listFulfillmentSets({ name: "Manchester DC delivery" }, { relations: ["service_zones"] }))[0]
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillment.createFulfillmentSets({
      name: "Manchester DC delivery",
      type: "shipping",
      service_zones: [{ name: "United Kingdom", geo_zones: [{ country_code: "gb", type: "country" }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
  }
  const zoneId = async (name: string, countries: string[]) => {
    const existing = fulfillmentSet.service_zones.find((zone: any) => zone.name === name)
    if (existing) {
      return existing.id as string
    }
    const [zone] = await fulfillment.createServiceZones([
      { name, fulfillment_set_id: fulfillmentSet.id, geo_zones: countries.map((country_code) => ({ country_code, type: "country" as const })) },
    ])
    return zone.id
  }
  const ukZoneId = await zoneId("United Kingdom", ["gb"])
  const internationalZoneId = await zoneId("International", INTERNATIONAL)

  const shippingOption = async (name: string, optionId: string, flat?: number, isReturn = false, serviceZoneId = ukZoneId, regionId = region.id) => {
    const existing = await one("shipping_option", { name })
    if (existing) {
      return existing.id as string
    }
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name,
          price_type: flat === undefined ? "calculated" : "flat",
          provider_id: PROVIDER_ID,
          service_zone_id: serviceZoneId,
          shipping_profile_id: profile.id,
          data: { id: optionId },
          type: {
            label: name,
            description:
              optionId === "sorted-pro-return"
                ? "Return label by e-mail; drop the parcel at the carrier"
                : optionId === "sorted-pro-pickup"
                  ? "Collect from a pickup point near you"
                  : flat === undefined
                    ? "Choose your delivery day and time window"
                    : "Delivered in 2–4 working days",
            code: optionId,
          },
          prices:
            flat === undefined
              ? []
              : [
                  { currency_code: "gbp", amount: flat },
                  { region_id: regionId, amount: flat },
                ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: String(isReturn), operator: "eq" },
          ],
        } as any,
      ],
    })
    return result[0].id as string
  }
  const shipping_options = {
    delivery: await shippingOption("Delivery day (SortedPRO)", "sorted-pro-delivery"),
    pickup: await shippingOption("Pickup point (SortedPRO)", "sorted-pro-pickup"),
    standard: await shippingOption("Standard delivery (SortedPRO)", "sorted-pro-standard", 3.95),
    return: await shippingOption("Return by post (SortedPRO)", "sorted-pro-return", 0, true),
    international_delivery: await shippingOption(
      "International delivery (SortedPRO)",
      "sorted-pro-delivery",
      undefined,
      false,
      internationalZoneId,
      international.id
    ),
    international_standard: await shippingOption(
      "International standard (SortedPRO)",
      "sorted-pro-standard",
      14.95,
      false,
      internationalZoneId,
      international.id
    ),
  }

  let apiKey = await one("api_key", { title: "SortedPRO demo storefront" }, ["id", "token"])
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "SortedPRO demo storefront", type: "publishable", created_by: "" }] },
    })
    apiKey = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })
  }

  const missing: typeof PRODUCTS = []
  for (const product of PRODUCTS) {
    if (!(await one("product", { handle: product.handle }))) {
      missing.push(product)
    }
  }
  if (missing.length) {
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: missing.map((product) => ({
          title: product.title,
          handle: product.handle,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile.id,
          weight: product.weight,
          options: [{ title: "Size", values: ["One size"] }],
          variants: [
            {
              title: "One size",
              sku: product.sku,
              options: { Size: "One size" },
              manage_inventory: true,
              weight: product.weight,
              length: product.length,
              width: product.width,
              height: product.height,
              hs_code: product.hs_code,
              origin_country: "GB",
              prices: [{ currency_code: "gbp", amount: product.price }],
            },
          ],
          sales_channels: [{ id: salesChannel.id }],
        })),
      },
    })
    const { data: variants } = await query.graph({
      entity: "variant",
      fields: ["id", "inventory_items.inventory_item_id"],
      filters: { product_id: result.map((product) => product.id) },
    })
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: (variants as any[]).flatMap((variant) =>
          variant.inventory_items.map((item: any) => ({ location_id: location.id, inventory_item_id: item.inventory_item_id, stocked_quantity: 100 }))
        ),
      },
    })
  }
  const { data: variants } = await query.graph({
    entity: "variant",
    fields: ["id", "sku"],
    filters: { sku: PRODUCTS.map((product) => product.sku) },
  })
  return {
    region_id: region.id,
    international_region_id: international.id,
    sales_channel_id: salesChannel.id,
    stock_location_id: location.id,
    publishable_key: apiKey.token,
    shipping_options,
    variant_ids: PRODUCTS.map((product) => (variants as any[]).find((variant) => variant.sku === product.sku)?.id).filter(Boolean),
  }
}

/** `medusa exec ./scripts/seed-demo.ts`: seeds and prints the result as one JSON line. */
export default async function run({ container }: ExecArgs) {
  const seed = await seedDemo(container)
  console.log(`SORTED_PRO_DEMO_SEED ${JSON.stringify(seed)}`)
}
