/**
 * The parts of a Medusa cart the PRO mapping reads. It is what `calculatePrice` receives as context
 * and what the store routes query (docs/medusa.md §1.3): weights and dimensions are the
 * store's unit-less variant numbers (see `weightUnit`/`dimensionUnit`), `unit_price` is in major units.
 */
export interface CartForDelivery {
  id: string
  currency_code: string
  email?: string | null
  items: Array<{
    id?: string
    title?: string | null
    quantity: unknown
    unit_price?: unknown
    variant_id?: string | null
    variant_sku?: string | null
    metadata?: Record<string, unknown> | null
    variant?: {
      id?: string
      sku?: string | null
      weight?: number | null
      length?: number | null
      width?: number | null
      height?: number | null
      hs_code?: string | null
      origin_country?: string | null
    } | null
  }>
  shipping_address?: {
    first_name?: string | null
    last_name?: string | null
    company?: string | null
    address_1?: string | null
    address_2?: string | null
    city?: string | null
    province?: string | null
    postal_code?: string | null
    country_code?: string | null
    phone?: string | null
  } | null
}

/** The stock location an option ships from (`context.from_location` in Medusa). */
export interface OriginLocation {
  id?: string
  name?: string | null
}

/** A line to pack: a cart or order line item with its variant (weights and sizes in the store's units). */
export type PackLine = CartForDelivery["items"][number]

/** Raised when a checkout cannot be mapped to a PRO request; `field` names what is missing. */
export class CheckoutMappingError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message)
    this.name = "CheckoutMappingError"
  }
}
