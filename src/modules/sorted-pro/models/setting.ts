import { model } from "@medusajs/framework/utils"

/**
 * Settings staff change in the admin (one row, `id` "default"); plugin options are the defaults.
 * - `shipping_locations`: Medusa stock location id → PRO `ShippingLocationReference`.
 * - `allocation_strategy`: `{type: "default_rules" | "service_group" | "carrier_service" | "cheapest_quote", reference?}`.
 * - `shipping_option_strategies`: Medusa shipping option id → allocation strategy (same shape) of the consignments
 *   shipped on that option; overrides `allocation_strategy`.
 * - `label_format`: `pdf` | `zpl` | `zplii` | `png`.
 * - `fallback_prices`: currency code → price in major units charged when PRO cannot answer at checkout.
 * - `manifest_time`: local `HH:MM` (in `manifest_time_zone`) of the daily manifest, null = no daily manifest.
 * - `manifest_time_zone`: IANA time zone of `manifest_time` and of manifest shipping days (null = the plugin option
 *   `manifestTimeZone`, default Europe/London).
 * - `last_tracking_sync_at`: when the tracking job last finished (written by the job, shown on the health panel).
 * - `tracking_events_until`: the end of the last window of PRO state events the tracking sync read in full (its cursor).
 * - `last_manifest_at`: when the daily manifest job last ran (written by the job; it runs once a day).
 * - `reconcile_watermark`: every order created before it was checked by reconcile (written by the reconcile job).
 * - `reconcile_seen`: order id → created_at (ISO) of the orders created within the grace before `reconcile_watermark`
 *   that reconcile read; the next pass does not read them again (src/workflows/reconcile-sweeps.ts).
 */
const SortedProSetting = model.define("sorted_pro_setting", {
  id: model.text().primaryKey(),
  shipping_locations: model.json().nullable(),
  allocation_strategy: model.json().nullable(),
  shipping_option_strategies: model.json().nullable(),
  label_format: model.text().nullable(),
  fallback_prices: model.json().nullable(),
  manifest_time: model.text().nullable(),
  manifest_time_zone: model.text().nullable(),
  last_tracking_sync_at: model.dateTime().nullable(),
  last_manifest_at: model.dateTime().nullable(),
  tracking_events_until: model.dateTime().nullable(),
  reconcile_watermark: model.dateTime().nullable(),
  reconcile_seen: model.json().nullable(),
})

export default SortedProSetting
