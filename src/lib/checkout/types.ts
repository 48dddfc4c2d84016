import type { ProErrorRecord } from "../pro"
import type { OriginLocation } from "../mapping"
import type { DeliveryOptionView, PickupLocationView } from "../../types"

/** The checkout service's answers and ports (src/lib/checkout/delivery-options.ts). */

/**
 * Why options could not be had: the cart cannot be mapped (`field` names what is missing), or PRO failed, did not
 * answer within `checkoutTimeoutMs` (`error.code` "Timeout") or a look-up before the call failed ("PluginError"): the
 * checkout then falls back.
 */
export type OptionsFailure =
  { ok: false; reason: "mapping"; field: string; message: string } | { ok: false; reason: "pro"; message: string; error: ProErrorRecord }

/** This cart searched pickup points too often: `limit` searches per `windowSeconds`; answer 429 with `Retry-After`. */
export type RateLimited = { ok: false; reason: "rate_limited"; message: string; limit: number; windowSeconds: number; retryAfterSeconds: number }

/** A cart's home-delivery options, priced (price rules applied) and before their cut-off. */
export type DeliveryOptionsResult = { ok: true; options: DeliveryOptionView[]; shippingLocationReference: string } | OptionsFailure

/** Pickup locations for a search, nearest first, each with its priced options. */
export type PickupOptionsResult = { ok: true; locations: PickupLocationView[]; shippingLocationReference: string } | OptionsFailure | RateLimited

/** A pickup option this cart was offered: the option and where it is collected. */
export interface PickupChoice {
  option: DeliveryOptionView
  location: Pick<PickupLocationView, "shop_reference" | "name" | "address" | "reservation_required">
  shippingLocationReference: string
}

/** What customs documentation needs of a variant that Medusa's checkout context leaves out. */
export interface VariantCustoms {
  sku?: string | null
  hs_code?: string | null
  origin_country?: string | null
}

/** Store data the checkout mapping looks up (implemented by the plugin's module service). */
export interface CheckoutLookups {
  /**
   * The PRO `ShippingLocationReference` of the stock location an option ships from (admin settings, stock location
   * metadata, plugin options). @throws CheckoutMappingError naming the location when it is not mapped.
   */
  resolveShippingLocation(origin?: OriginLocation | null): Promise<string>
  /** SKU, HS code and country of origin of these variants, by variant id (for carts that cross a customs border). */
  variantCustoms(variantIds: string[]): Promise<Record<string, VariantCustoms>>
}

/** The part of Medusa's cache service (`Modules.CACHE`: in-memory or Redis) we use; TTL in seconds. */
export interface CacheLike {
  get<T>(key: string): Promise<T | null>
  set(key: string, value: unknown, ttl?: number): Promise<void>
}
