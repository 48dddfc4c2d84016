import { createHash } from "crypto"
import { ProApiError, ProClient, ProErrorRecord } from "../pro"
import type { DeliveryOptionsRequest, ProDeliveryOption } from "../pro"
import type { ResolvedOptions } from "../options"
import {
  buildDeliveryOptionsRequest,
  CartForDelivery,
  CheckoutMappingError,
  crossesCustomsBorder,
  OriginLocation,
  resolveShippingLocation,
  toCheckoutOptions,
  toNumber,
} from "../mapping"
import type { DeliveryOptionView, PickupLocationView } from "../../types"
import { buildPickupOptionsRequest, PickupSearch, toPickupLocationView } from "../mapping/pickup"
import { priceView } from "./pricing"

/** Why options could not be had: the cart cannot be mapped (`field` names what is missing) or PRO failed. */
export type OptionsFailure =
  { ok: false; reason: "mapping"; field: string; message: string } | { ok: false; reason: "pro"; message: string; error: ProErrorRecord }

/** A cart's home-delivery options, priced (price rules applied) and before their cut-off. */
export type DeliveryOptionsResult = { ok: true; options: DeliveryOptionView[]; shippingLocationReference: string } | OptionsFailure

/** Pickup locations for a search, nearest first, each with its priced options. */
export type PickupOptionsResult = { ok: true; locations: PickupLocationView[]; shippingLocationReference: string } | OptionsFailure

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

type Raw = { ok: true; options: ProDeliveryOption[] } | { ok: false; error: ProErrorRecord }
interface Entry {
  expires: number
  promise: Promise<Raw>
}

const MAX_ENTRIES = 5_000
const ERROR_TTL_MS = 10_000

/**
 * PRO options at checkout, shared by `calculatePrice`, `validateFulfillmentData` and the store routes.
 *
 * Home delivery: one PRO call per cart state (cart, currency, destination, origin, items with quantities,
 * weights and dimensions). Concurrent callers share the call in flight (single-flight); later ones read it
 * from this process (for `optionsCacheTtlSeconds`, 10 s after a failure) or from Medusa's cache module
 * (shared between processes, successes only). Each PRO call has the hard `checkoutTimeoutMs` budget.
 * Prices get the merchant's `priceRules` on every read and options past their AllocationCutOff are dropped,
 * so a cached answer never offers an expired option.
 *
 * Pickup: every search calls PRO (location details are never cached, docs/pro-api.md §3.3); the options a cart
 * was offered are remembered by reference for the same TTL, so the choice can be priced and validated.
 *
 * Never throws. Source: docs/design.md "Checkout never breaks because of PRO"; field-notes §D.
 */
export class DeliveryOptionsService {
  private readonly entries = new Map<string, Entry>()
  private readonly pickupChoices = new Map<string, { expires: number; choice: PickupChoice }>()
  private cache?: CacheLike
  private lookups?: CheckoutLookups

  constructor(
    private readonly client: ProClient,
    private readonly options: ResolvedOptions
  ) {}

  /**
   * Looks stock locations and variants up with `lookups` (the first given wins); without them, stock locations map
   * by the plugin options only and items carry what the cart holds.
   */
  useLookups(lookups: CheckoutLookups | undefined): this {
    this.lookups ??= lookups
    return this
  }

  /** Shares answers through Medusa's cache module too (first cache given wins). */
  useCache(cache: CacheLike | undefined): this {
    this.cache ??= cache
    return this
  }

  /** Home-delivery options for `cart` shipped from `origin`; see {@link DeliveryOptionsResult}. */
  async forCart(cart: CartForDelivery, origin?: OriginLocation | null): Promise<DeliveryOptionsResult> {
    const mapped = await this.map(async () => {
      const shippingLocationReference = await this.locate(origin)
      return {
        shippingLocationReference,
        request: buildDeliveryOptionsRequest(await this.withCustoms(cart), shippingLocationReference, this.options),
      }
    })
    if ("reason" in mapped) {
      return mapped
    }
    const raw = await this.raw(cartStateKey(cart.currency_code, mapped.request), mapped.request)
    if (!raw.ok) {
      return { ok: false, reason: "pro", message: raw.error.message, error: raw.error }
    }
    const subtotal = cartSubtotal(cart)
    return {
      ok: true,
      shippingLocationReference: mapped.shippingLocationReference,
      options: toCheckoutOptions(raw.options, cart.currency_code).map((view) => priceView(view, this.options.priceRules, subtotal)),
    }
  }

  /** Pickup locations around `search` for `cart`; remembers the options offered (see {@link pickupChoice}). */
  async pickupForCart(cart: CartForDelivery, origin: OriginLocation | null | undefined, search: PickupSearch): Promise<PickupOptionsResult> {
    const mapped = await this.map(async () => {
      const shippingLocationReference = await this.locate(origin)
      return { shippingLocationReference, request: buildPickupOptionsRequest(cart, shippingLocationReference, search, this.options) }
    })
    if ("reason" in mapped) {
      return mapped
    }
    try {
      const response = await this.client.deliveryOptions.pickup(mapped.request, { deadline: Date.now() + this.options.checkoutTimeoutMs })
      const subtotal = cartSubtotal(cart)
      const locations = (response?.Locations ?? [])
        .map((location) => toPickupLocationView(location, cart.currency_code))
        .map((location) => ({ ...location, options: location.options.map((view) => priceView(view, this.options.priceRules, subtotal)) }))
        .sort((a, b) => a.distance_km - b.distance_km)
      await this.rememberPickup(cart.id, locations, mapped.shippingLocationReference)
      return { ok: true, locations, shippingLocationReference: mapped.shippingLocationReference }
    } catch (error) {
      const record = toRecord(error, "/deliveryoptions/pickupoptions/")
      return { ok: false, reason: "pro", message: record.message, error: record }
    }
  }

  /** The pickup option `reference` offered to `cartId` by a recent search, if it is still before its cut-off. */
  async pickupChoice(cartId: string, reference: string): Promise<PickupChoice | null> {
    const key = `sorted-pro:pickup:${cartId}:${reference}`
    const local = this.pickupChoices.get(key)
    const choice = local && local.expires > Date.now() ? local.choice : await this.cache?.get<PickupChoice>(key).catch(() => null)
    if (!choice || (choice.option.allocation_cut_off && Date.parse(choice.option.allocation_cut_off) <= Date.now())) {
      return null
    }
    return choice
  }

  /** Forgets every cached answer in this process (tests, and after the merchant changes settings). */
  clear(): void {
    this.entries.clear()
    this.pickupChoices.clear()
  }

  private locate(origin?: OriginLocation | null): Promise<string> {
    return this.lookups ? this.lookups.resolveShippingLocation(origin) : Promise.resolve().then(() => resolveShippingLocation(this.options, origin))
  }

  /**
   * A cart crossing a customs border with its items' SKU, HS code and country of origin (Select Option makes the
   * consignment, and its customs documents, from the options request); other carts as they are.
   */
  private async withCustoms(cart: CartForDelivery): Promise<CartForDelivery> {
    if (!this.lookups || !crossesCustomsBorder(this.options.customs.originCountry, cart.shipping_address?.country_code)) {
      return cart
    }
    const ids = cart.items.map((item) => item.variant?.id ?? item.variant_id).filter((id): id is string => Boolean(id))
    const customs = await this.lookups.variantCustoms(ids)
    return {
      ...cart,
      items: cart.items.map((item) => {
        const details = customs[item.variant?.id ?? item.variant_id ?? ""]
        return details ? { ...item, variant: { ...item.variant, ...details } } : item
      }),
    }
  }

  private async map<T>(build: () => Promise<T>): Promise<T | OptionsFailure> {
    try {
      return await build()
    } catch (error) {
      if (error instanceof CheckoutMappingError) {
        return { ok: false, reason: "mapping", field: error.field, message: error.message }
      }
      throw error
    }
  }

  private raw(key: string, request: DeliveryOptionsRequest): Promise<Raw> {
    const cached = this.entries.get(key)
    if (cached && cached.expires > Date.now()) {
      return cached.promise
    }
    const entry: Entry = { expires: Number.POSITIVE_INFINITY, promise: this.fetch(key, request) }
    this.remember(key, entry)
    void entry.promise.then((raw) => {
      entry.expires = Date.now() + (raw.ok ? this.options.optionsCacheTtlSeconds * 1000 : ERROR_TTL_MS)
    })
    return entry.promise
  }

  private async fetch(key: string, request: DeliveryOptionsRequest): Promise<Raw> {
    const sharedKey = `sorted-pro:options:${key}`
    const shared = await this.cache?.get<ProDeliveryOption[]>(sharedKey).catch(() => null)
    if (shared) {
      return { ok: true, options: shared }
    }
    try {
      const response = await this.client.deliveryOptions.list(request, { deadline: Date.now() + this.options.checkoutTimeoutMs })
      const options = response?.DeliveryOptions ?? []
      await this.cache?.set(sharedKey, options, this.options.optionsCacheTtlSeconds).catch(() => undefined)
      return { ok: true, options }
    } catch (error) {
      return { ok: false, error: toRecord(error, "/deliveryoptions") }
    }
  }

  private async rememberPickup(cartId: string, locations: PickupLocationView[], shippingLocationReference: string) {
    const ttl = this.options.optionsCacheTtlSeconds
    for (const location of locations) {
      const { shop_reference, name, address, reservation_required } = location
      for (const option of location.options) {
        const key = `sorted-pro:pickup:${cartId}:${option.reference}`
        const choice: PickupChoice = { option, location: { shop_reference, name, address, reservation_required }, shippingLocationReference }
        this.pickupChoices.set(key, { expires: Date.now() + ttl * 1000, choice })
        await this.cache?.set(key, choice, ttl).catch(() => undefined)
      }
    }
  }

  private remember(key: string, entry: Entry) {
    if (this.entries.size >= MAX_ENTRIES) {
      const now = Date.now()
      for (const [k, e] of this.entries) {
        if (e.expires <= now || this.entries.size > MAX_ENTRIES / 2) {
          this.entries.delete(k)
        }
      }
    }
    this.entries.set(key, entry)
  }
}

function toRecord(error: unknown, path: string): ProErrorRecord {
  return error instanceof ProApiError
    ? error.toRecord()
    : new ProApiError({ status: 0, code: "PluginError", message: (error as Error).message, method: "POST", path }).toRecord()
}

/** The cart's item total in major units (unit price × quantity), used by `freeAbove`. */
export function cartSubtotal(cart: CartForDelivery): number {
  return cart.items.reduce((sum, item) => sum + toNumber(item.unit_price) * toNumber(item.quantity), 0)
}

/**
 * The cart state a request stands for: currency plus the request without the shopper's e-mail, which
 * Medusa passes to `validateFulfillmentData` but not to `calculatePrice` (docs/medusa.md §1.3); both must
 * hit the same entry, or the references the shopper saw would not be the ones validated.
 */
function cartStateKey(currencyCode: string, request: DeliveryOptionsRequest): string {
  const addresses = request.Addresses.map((address) =>
    address.Contact ? { ...address, Contact: { ...address.Contact, Email: undefined } } : address
  )
  return createHash("sha256")
    .update(JSON.stringify([currencyCode.toLowerCase(), { ...request, Addresses: addresses }]))
    .digest("base64url")
}

const services = new Map<string, DeliveryOptionsService>()

/**
 * The process-wide service for these options, so that the fulfillment provider (Fulfillment module
 * container) and the store routes (app container) share one cache and one in-flight call per cart state.
 */
export function deliveryOptionsServiceFor(client: ProClient, options: ResolvedOptions): DeliveryOptionsService {
  const key = JSON.stringify([options.baseUrl, options.apiKey, options.checkoutTimeoutMs, options.optionsCacheTtlSeconds, options.priceRules])
  let service = services.get(key)
  if (!service) {
    service = new DeliveryOptionsService(client, options)
    services.set(key, service)
  }
  return service
}
