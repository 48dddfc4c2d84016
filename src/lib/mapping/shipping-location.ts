import type { ResolvedOptions } from "../options"
import { CheckoutMappingError, OriginLocation } from "./cart"

/** The stock location metadata key that maps a location to its PRO `ShippingLocationReference`. */
export const SHIPPING_LOCATION_METADATA_KEY = "sorted_pro_shipping_location_reference"

/**
 * Stock location → PRO shipping location mappings that are not plugin options: `settings` (saved by staff in the
 * admin, stock location id → reference) and `metadata` (stock location id → the location's
 * `metadata.sorted_pro_shipping_location_reference`).
 */
export interface ShippingLocationMappings {
  settings?: Record<string, string>
  metadata?: Record<string, string>
}

/**
 * The PRO `ShippingLocationReference` for a stock location, the first that applies of: the admin settings'
 * mapping of its id, its `metadata.sorted_pro_shipping_location_reference`, the plugin option `shippingLocations[id]`, then
 * `shippingLocations[name]`, then `defaultShippingLocation`.
 * @throws CheckoutMappingError naming the location (field `from_location`) when none applies.
 */
export function resolveShippingLocation(options: ResolvedOptions, location?: OriginLocation | null, mappings: ShippingLocationMappings = {}): string {
  const id = location?.id
  const mapped =
    (id && (mappings.settings?.[id] || mappings.metadata?.[id] || options.shippingLocations[id])) ||
    (location?.name && options.shippingLocations[location.name]) ||
    options.defaultShippingLocation
  if (!mapped) {
    const name = location ? `"${location.name ?? location.id}" (${location.id})` : "(none)"
    throw new CheckoutMappingError(
      "from_location",
      `Stock location ${name} is not mapped to a SortedPRO shipping location: map it in the SortedPRO settings, set its ` +
        `metadata.${SHIPPING_LOCATION_METADATA_KEY}, or set shippingLocations / defaultShippingLocation in the plugin options`
    )
  }
  return mapped
}
