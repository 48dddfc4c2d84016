import { model } from "@medusajs/framework/utils"

/**
 * Settings staff change in the admin (one row, `id` "default"); plugin options are the defaults.
 * - `shipping_locations`: Medusa stock location id → PRO `ShippingLocationReference`.
 * - `allocation_strategy`: `{type: "default_rules" | "service_group" | "carrier_service" | "cheapest_quote", reference?}`.
 * - `label_format`: `pdf` | `zpl` | `zplii` | `png`.
 * - `fallback_prices`: currency code → price in major units charged when PRO cannot answer at checkout.
 * - `manifest_time`: local `HH:MM` (Europe/London) of the daily manifest, null = no daily manifest.
 * - `last_tracking_sync_at`: when the tracking job last finished (written by the job, shown on the health panel).
 */
const SortedProSetting = model.define("sorted_pro_setting", {
  id: model.text().primaryKey(),
  shipping_locations: model.json().nullable(),
  allocation_strategy: model.json().nullable(),
  label_format: model.text().nullable(),
  fallback_prices: model.json().nullable(),
  manifest_time: model.text().nullable(),
  last_tracking_sync_at: model.dateTime().nullable(),
})

export default SortedProSetting
