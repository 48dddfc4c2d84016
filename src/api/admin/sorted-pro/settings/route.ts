import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { proErrorView, sortedProService } from "../helpers"
import type { AdminSettingsBody } from "../middlewares"

async function context(req: AuthenticatedMedusaRequest) {
  const service = sortedProService(req)
  const stockLocations = await req.scope
    .resolve(Modules.STOCK_LOCATION)
    .listStockLocations({}, { select: ["id", "name"], take: 200 })
  let shippingLocations: Array<{ reference: string; name: string }> = []
  let shippingLocationsError: ReturnType<typeof proErrorView> | null = null
  try {
    const locations = await service.getClient().catalogue.shippingLocations({ timeoutMs: 5_000 })
    shippingLocations = (locations ?? []).map((location) => ({ reference: location.Reference, name: location.Name }))
  } catch (error) {
    shippingLocationsError = proErrorView(error)
  }
  return {
    stock_locations: stockLocations.map((location: any) => ({ id: location.id, name: location.name })),
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
 * {type, reference?}, label_format, fallback_prices: {gbp: 4.99}, fallback_price, manifest_time: "HH:MM" | null },
 * defaults: { default_shipping_location, fallback_price, mode }, stock_locations: [{id, name}],
 * shipping_locations: [{reference, name}] (from PRO), shipping_locations_error: {…CorrelationId} | null }`.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  res.json({ ...view(service, await service.getSettings()), ...(await context(req)) })
}

/**
 * `POST /admin/sorted-pro/settings` — saves any subset of: `shipping_locations` (Medusa stock location id → PRO
 * `SL-…`), `allocation_strategy` ({type: default_rules | service_group | carrier_service | cheapest_quote, reference}),
 * `label_format` (pdf | zpl | zplii | png), `fallback_prices` ({lower-case currency: major units ≥ 0}),
 * `manifest_time` ("HH:MM" Europe/London, or null for none). Unnamed settings keep their value.
 * 200 like GET. 400 names the field: unknown keys, bad values, a stock location this store does not have, or a PRO
 * shipping location PRO does not list (checked when PRO answers).
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
        return res.status(400).json({ type: "invalid_data", message: `shipping_locations.${stockLocationId}: ${reference} is not a SortedPRO shipping location of this account` })
      }
    }
  }
  const patch: Record<string, unknown> = { ...body }
  if (body.manifest_time === undefined) {
    delete patch.manifest_time
  }
  const settings = await service.saveSettings(patch as any)
  res.json({ ...view(service, settings), ...ctx })
}
