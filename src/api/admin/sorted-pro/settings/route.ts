import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { proErrorView, sortedProService } from "../helpers"
import { SHIPPING_LOCATION_METADATA_KEY } from "../../../../lib/mapping/index"
import { PROVIDER_ID } from "../../../../lib/fulfillment-options"
import type { AdminSettingsBody } from "../middlewares"

async function context(req: AuthenticatedMedusaRequest) {
  const service = sortedProService(req)
  const [stockLocations, shippingOptions] = await Promise.all([
    req.scope.resolve(Modules.STOCK_LOCATION).listStockLocations({}, { select: ["id", "name", "metadata"], take: 200 }),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- FilterableShippingOptionForContextProps declares no provider_id, though the module filters on it
    req.scope.resolve(Modules.FULFILLMENT).listShippingOptions({ provider_id: PROVIDER_ID } as any, { select: ["id", "name", "data"], take: 200 }),
  ])
  let shippingLocations: Array<{ reference: string; name: string }> = []
  let shippingLocationsError: ReturnType<typeof proErrorView> | null = null
  try {
    const locations = await service.getClient().catalogue.shippingLocations({ timeoutMs: 5_000 })
    shippingLocations = (locations ?? []).map((location) => ({ reference: location.Reference, name: location.Name }))
  } catch (error) {
    shippingLocationsError = proErrorView(error)
  }
  return {
    stock_locations: stockLocations.map((location) => ({
      id: location.id,
      name: location.name,
      metadata_shipping_location: (location.metadata?.[SHIPPING_LOCATION_METADATA_KEY] as string | undefined) ?? null,
    })),
    shipping_options: shippingOptions.map((option) => ({ id: option.id, name: option.name, fulfillment_option: option.data?.id ?? null })),
    shipping_locations: shippingLocations,
    shipping_locations_error: shippingLocationsError,
  }
}

function view(service: ReturnType<typeof sortedProService>, settings: Awaited<ReturnType<ReturnType<typeof sortedProService>["getSettings"]>>) {
  return {
    settings,
    defaults: {
      default_shipping_location: settings.default_shipping_location,
      fallback_price: settings.fallback_price,
      mode: service.getOptions().mode,
    },
  }
}

/**
 * `GET /admin/sorted-pro/settings` — the settings in force (saved settings over the plugin options).
 * 200 `{ settings: { shipping_locations: {stock_location_id: "SL-…"}, default_shipping_location, allocation_strategy:
 * {type, reference?}, shipping_option_strategies: {so_…: {type, reference?}}, label_format, fallback_prices: {gbp: 4.99},
 * fallback_price, manifest_time: "HH:MM" | null, manifest_time_zone: IANA zone, last_manifest_at, last_tracking_sync_at },
 * defaults: { default_shipping_location, fallback_price, mode }, stock_locations: [{id, name, metadata_shipping_location}],
 * shipping_options: [{id, name, fulfillment_option}] (this store's SortedPRO shipping options),
 * shipping_locations: [{reference, name}] (from PRO), shipping_locations_error: {…CorrelationId} | null }`.
 * A stock location's `metadata_shipping_location` is its `metadata.sorted_pro_shipping_location_reference`, used when the
 * settings do not map it.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  res.json({ ...view(service, await service.getSettings()), ...(await context(req)) })
}

/**
 * `POST /admin/sorted-pro/settings` — saves any subset of: `shipping_locations` (Medusa stock location id → PRO
 * `SL-…`), `allocation_strategy` ({type: default_rules | service_group | carrier_service | cheapest_quote, reference}),
 * `shipping_option_strategies` ({shipping option id: strategy}: the allocation of consignments shipped on that
 * SortedPRO shipping option; options left out use `allocation_strategy`; the map is replaced as a whole),
 * `label_format` (pdf | zpl | zplii | png), `fallback_prices` ({lower-case currency: major units ≥ 0}),
 * `manifest_time` ("HH:MM" in `manifest_time_zone`, or null for none), `manifest_time_zone` (an IANA time zone such as
 * Europe/London, the default; it also decides the manifest's shipping day). Unnamed settings keep their value.
 * 200 like GET. 400 names the field: unknown keys, bad values, a stock location this store does not have, or a PRO
 * shipping location PRO does not list (checked when PRO answers), a time zone `Intl` does not know, a shipping option that is not one of this store's
 * SortedPRO options.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminSettingsBody>, res: MedusaResponse) {
  const service = sortedProService(req)
  const body = req.validatedBody
  const ctx = await context(req)
  if (body.shipping_locations) {
    const stockIds = new Set(ctx.stock_locations.map((location) => location.id))
    const known = new Set(ctx.shipping_locations.map((location) => location.reference))
    for (const [stockLocationId, reference] of Object.entries(body.shipping_locations)) {
      if (!stockIds.has(stockLocationId)) {
        return res.status(400).json({ type: "invalid_data", message: `shipping_locations.${stockLocationId}: no such stock location in this store` })
      }
      if (!ctx.shipping_locations_error && !known.has(reference)) {
        return res.status(400).json({
          type: "invalid_data",
          message: `shipping_locations.${stockLocationId}: ${reference} is not a SortedPRO shipping location of this account`,
        })
      }
    }
  }
  if (body.shipping_option_strategies) {
    const ours = new Set(ctx.shipping_options.map((option) => option.id))
    const unknown = Object.keys(body.shipping_option_strategies).find((id) => !ours.has(id))
    if (unknown) {
      return res
        .status(400)
        .json({ type: "invalid_data", message: `shipping_option_strategies.${unknown}: not a SortedPRO shipping option of this store` })
    }
  }
  const patch: Record<string, unknown> = { ...body }
  if (body.manifest_time === undefined) {
    delete patch.manifest_time
  }
  const settings = await service.saveSettings(patch)
  res.json({ ...view(service, settings), ...ctx })
}
