import type { ProClient, ProErrorRecord } from "../pro"
import type { DeliveryOptionsRequest, ProDeliveryOption } from "../pro"
import type { ResolvedOptions } from "../options"
import {
  buildDeliveryOptionsRequest,
  CartForDelivery,
  CheckoutMappingError,
  crossesCustomsBorder,
  OriginLocation,
  resolveShippingLocation,
  toCarrierCost,
  toCheckoutOptions,
} from "../mapping"
import type { CarrierCost, PickupLocationView } from "../../types"
import { buildPickupOptionsRequest, PickupSearch, toPickupLocationView } from "../mapping/pickup"
import { priceView } from "./pricing"
import type { CacheLike, CheckoutLookups, DeliveryOptionsResult, OptionsFailure, PickupChoice, PickupOptionsResult } from "./types"

export type * from "./types"
import { BoundedTtlMap, RateLimiter } from "./bounded"
import { DeadlineExceeded, within, withDeadline } from "./deadline"
import { cartStateKey, cartSubtotal, toRecord } from "./keys"
import { afterResponse, CACHE_READ_MS, sharedOnce } from "./claim"
import { LockingLike, sharedCache, sharedLocking } from "./shared-cache"

export { cartSubtotal }

type Raw = { ok: true; options: ProDeliveryOption[] } | { ok: false; error: ProErrorRecord; timedOut?: boolean }

const MAX_ENTRIES = 5_000
const ERROR_TTL_MS = 10_000
/** Pickup options remembered per (cart, option reference), at most this many in a process (least recently used go). */
export const MAX_PICKUP_CHOICES = 20_000
/** Identical pickup searches (same cart state, centre, radius, results) within this many ms reuse PRO's answer. */
export const PICKUP_SEARCH_TTL_MS = 60_000
/** Pickup searches that reach PRO, per cart and minute; more answer 429. */
export const PICKUP_SEARCHES_PER_MINUTE = 10
/** PRO's prices of the options offered are kept this long (s), for our record of the one chosen (admin only). */
const CARRIER_COST_TTL_SECONDS = 24 * 60 * 60

/**
 * PRO options at checkout, shared by `calculatePrice`, `validateFulfillmentData` and the store routes.
 *
 * Home delivery: one PRO call per cart state (cart, currency, destination, origin, items with quantities,
 * weights and dimensions). Concurrent callers share the call in flight (single-flight); later ones read it
 * from this process (for `optionsCacheTtlSeconds`, 10 s after a failure) or from Medusa's cache module
 * (shared between processes, successes only). `checkoutTimeoutMs` is a hard deadline over each whole step (look-ups,
 * cache reads, connect, the response: AbortController + timer); a shared call in flight is forgotten at its deadline.
 * Cache reads get at most 200 ms of it, cache writes are not waited for.
 * Prices get the merchant's `priceRules` on every read and options past their AllocationCutOff are dropped,
 * so a cached answer never offers an expired option.
 *
 * Pickup: PRO advises never caching location details (docs/pro-api.md §3.3), so a search is reused only for 60 s and
 * only for the same cart state, centre, radius and result count; searches reaching PRO are limited to 10 a minute per
 * cart. The options a cart was offered are remembered by reference for the options TTL (at most 20 000, least
 * recently used dropped), so the choice can be priced and validated.
 *
 * Never throws. Source: docs/design.md "Checkout never breaks because of PRO"; field-notes §D.
 */
export class DeliveryOptionsService {
  private readonly entries = new BoundedTtlMap<string, Promise<Raw>>(MAX_ENTRIES, ERROR_TTL_MS)
  private readonly pickupChoices: BoundedTtlMap<string, PickupChoice>
  private readonly pickupSearches = new BoundedTtlMap<string, Promise<PickupOptionsResult>>(MAX_ENTRIES, PICKUP_SEARCH_TTL_MS)
  private readonly pickupLimiter = new RateLimiter(PICKUP_SEARCHES_PER_MINUTE, 60_000)
  private readonly carrierCosts = new BoundedTtlMap<string, CarrierCost>(50_000, CARRIER_COST_TTL_SECONDS * 1000)
  private cache?: CacheLike
  private locking?: LockingLike
  private lookups?: CheckoutLookups

  constructor(
    private readonly client: ProClient,
    private readonly options: ResolvedOptions
  ) {
    this.pickupChoices = new BoundedTtlMap(MAX_PICKUP_CHOICES, options.optionsCacheTtlSeconds * 1000)
  }

  /**
   * Looks stock locations and variants up with `lookups` (the first given wins); without them, stock locations map
   * by the plugin options only and items carry what the cart holds.
   */
  useLookups(lookups: CheckoutLookups | undefined): this {
    this.lookups ??= lookups
    return this
  }

  /**
   * Shares answers through Medusa's cache too (first cache given wins; `sharedCache`). Without one, the cache module
   * loaded in this process is used once there is one.
   */
  useCache(cache: CacheLike | undefined): this {
    this.cache ??= cache
    return this
  }

  /**
   * Claims each PRO call across processes through Medusa's Locking module (first given wins; `claimOrWait`), so that
   * processes sharing a cache make one call per cart state. Without one, the locking module loaded in this process is
   * used once there is one (its default in-memory provider holds within one process only: configure `locking-redis`
   * or `locking-postgres` for several).
   */
  useLocking(locking: LockingLike | undefined): this {
    this.locking ??= locking
    return this
  }

  /** The shared cache and locking in use: those given, else Medusa's loaded modules (undefined without them). */
  private shared(): { cache?: CacheLike; locking?: LockingLike } {
    this.cache ??= sharedCache()
    this.locking ??= sharedLocking()
    return { cache: this.cache, locking: this.locking }
  }

  /** Home-delivery options for `cart` shipped from `origin`; see {@link DeliveryOptionsResult}. Never throws. */
  forCart(cart: CartForDelivery, origin?: OriginLocation | null): Promise<DeliveryOptionsResult> {
    return this.step("/deliveryoptions", async (): Promise<DeliveryOptionsResult> => {
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
      this.keepCarrierCosts(cart.id, raw.options)
      return {
        ok: true,
        shippingLocationReference: mapped.shippingLocationReference,
        options: toCheckoutOptions(raw.options, cart.currency_code).map((view) => priceView(view, this.options.priceRules, subtotal)),
      }
    })
  }

  /**
   * Pickup locations around `search` for `cart`; remembers the options offered (see {@link pickupChoice}). The same
   * search for the same cart state within 60 s reuses the answer; more than 10 searches reaching PRO a minute for
   * one cart answer `rate_limited`. Never throws.
   */
  pickupForCart(cart: CartForDelivery, origin: OriginLocation | null | undefined, search: PickupSearch): Promise<PickupOptionsResult> {
    return this.step("/deliveryoptions/pickupoptions/", async (signal, deadline): Promise<PickupOptionsResult> => {
      const mapped = await this.map(async () => {
        const shippingLocationReference = await this.locate(origin)
        return { shippingLocationReference, request: buildPickupOptionsRequest(cart, shippingLocationReference, search, this.options) }
      })
      if ("reason" in mapped) {
        return mapped
      }
      const key = cartStateKey(cart.currency_code, mapped.request)
      const reused = this.pickupSearches.get(key)
      if (reused) {
        return reused
      }
      const allowed = this.pickupLimiter.take(cart.id)
      if (!allowed.ok) {
        const limit = this.pickupLimiter.limit
        const message = `cart_id: at most ${limit} pickup searches a minute per cart; try again in ${allowed.retryAfterSeconds} s`
        return { ok: false, reason: "rate_limited", message, limit, windowSeconds: 60, retryAfterSeconds: allowed.retryAfterSeconds }
      }
      const promise = this.client.deliveryOptions.pickup(mapped.request, { deadline, signal }).then((response): PickupOptionsResult => {
        const subtotal = cartSubtotal(cart)
        this.keepCarrierCosts(
          cart.id,
          (response?.Locations ?? []).flatMap((location) => location.DeliveryOptions ?? [])
        )
        const locations = (response?.Locations ?? [])
          .map((location) => toPickupLocationView(location, cart.currency_code))
          .map((location) => ({ ...location, options: location.options.map((view) => priceView(view, this.options.priceRules, subtotal)) }))
          .sort((a, b) => a.distance_km - b.distance_km)
        this.rememberPickup(cart.id, locations, mapped.shippingLocationReference)
        return { ok: true, locations, shippingLocationReference: mapped.shippingLocationReference }
      })
      this.pickupSearches.set(key, promise)
      promise.catch(() => this.pickupSearches.delete(key, promise))
      return promise
    })
  }

  /** The pickup option `reference` offered to `cartId` by a recent search, if it is still before its cut-off. */
  async pickupChoice(cartId: string, reference: string): Promise<PickupChoice | null> {
    const key = `sorted-pro:pickup:${cartId}:${reference}`
    const choice = this.pickupChoices.get(key) ?? (await within(this.shared().cache?.get<PickupChoice>(key), CACHE_READ_MS, null))
    if (!choice || (choice.option.allocation_cut_off && Date.parse(choice.option.allocation_cut_off) <= Date.now())) {
      return null
    }
    return choice
  }

  /**
   * Keeps PRO's price of the option `reference` chosen for `cartId` (validateFulfillmentData) for 24 h, also in Medusa's
   * cache, so that `order.placed` records it on our consignment (admin only). Nothing when it is not known.
   */
  recordCarrierCost(cartId: string, reference: string): void {
    const key = `${cartId}:${reference}`
    const cost = this.carrierCosts.get(key)
    if (cost) {
      const cache = this.shared().cache
      void afterResponse(() => cache?.set(`sorted-pro:carrier-cost:${key}`, cost, CARRIER_COST_TTL_SECONDS))
    }
  }

  /** PRO's price of the option `reference` offered to `cartId` (major units), or null when it is no longer known. */
  async carrierCostOf(cartId: string, reference: string): Promise<CarrierCost | null> {
    const key = `${cartId}:${reference}`
    return this.carrierCosts.get(key) ?? (await within(this.shared().cache?.get<CarrierCost>(`sorted-pro:carrier-cost:${key}`), CACHE_READ_MS, null))
  }

  /** Forgets every cached answer and search count in this process (tests, and after the merchant changes settings). */
  clear(): void {
    this.entries.clear()
    this.pickupChoices.clear()
    this.pickupSearches.clear()
    this.pickupLimiter.clear()
    this.carrierCosts.clear()
  }

  /**
   * Runs one checkout step under the `checkoutTimeoutMs` deadline; a step that runs out of time, or throws anything
   * but a mapping failure, becomes a `reason: "pro"` failure (`Timeout`, `PluginError`).
   */
  private async step<T>(path: string, work: (signal: AbortSignal, deadline: number) => Promise<T>): Promise<T | OptionsFailure> {
    try {
      return await withDeadline(this.options.checkoutTimeoutMs, work)
    } catch (error) {
      const record = toRecord(error, path)
      return { ok: false, reason: "pro", message: record.message, error: record }
    }
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

  /**
   * The single-flight entry of a cart state: one PRO call under its own deadline, shared by concurrent callers.
   * Kept for the options TTL (10 s after PRO refused); forgotten at its deadline when PRO did not answer in time.
   */
  private raw(key: string, request: DeliveryOptionsRequest): Promise<Raw> {
    const cached = this.entries.get(key)
    if (cached) {
      return cached
    }
    const budget = this.options.checkoutTimeoutMs
    const promise = withDeadline(budget, (signal, deadline) => this.fetch(key, request, signal, deadline)).catch((error): Raw => ({
      ok: false,
      error: toRecord(error, "/deliveryoptions"),
      timedOut: error instanceof DeadlineExceeded,
    }))
    this.entries.set(key, promise, budget)
    void promise.then((raw) => {
      if (!raw.ok && raw.timedOut) {
        this.entries.delete(key, promise)
      } else {
        this.entries.set(key, promise, raw.ok ? this.options.optionsCacheTtlSeconds * 1000 : ERROR_TTL_MS)
      }
    })
    return promise
  }

  /** The cart state's options: from the shared cache, else from PRO under a claim across processes (`sharedOnce`). */
  private async fetch(key: string, request: DeliveryOptionsRequest, signal: AbortSignal, deadline: number): Promise<Raw> {
    const ttlSeconds = this.options.optionsCacheTtlSeconds
    try {
      const options = await sharedOnce({ ...this.shared(), key: `sorted-pro:options:${key}`, ttlSeconds, deadline, signal }, async () => {
        const response = await this.client.deliveryOptions.list(request, { deadline, signal })
        return response?.DeliveryOptions ?? []
      })
      return { ok: true, options }
    } catch (error) {
      return { ok: false, error: toRecord(error, "/deliveryoptions"), timedOut: signal.aborted }
    }
  }

  private keepCarrierCosts(cartId: string, options: ProDeliveryOption[]) {
    for (const option of options) {
      if (option?.Reference && option.Price?.Currency?.IsoCode) {
        this.carrierCosts.set(`${cartId}:${option.Reference}`, toCarrierCost(option))
      }
    }
  }

  private rememberPickup(cartId: string, locations: PickupLocationView[], shippingLocationReference: string) {
    const ttl = this.options.optionsCacheTtlSeconds
    const cache = this.shared().cache
    const writes: Array<[string, PickupChoice]> = []
    for (const location of locations) {
      const { shop_reference, name, address, reservation_required } = location
      for (const option of location.options) {
        const key = `sorted-pro:pickup:${cartId}:${option.reference}`
        const choice: PickupChoice = { option, location: { shop_reference, name, address, reservation_required }, shippingLocationReference }
        this.pickupChoices.set(key, choice)
        writes.push([key, choice])
      }
    }
    if (cache && writes.length) {
      void afterResponse(() => Promise.all(writes.map(([key, choice]) => cache.set(key, choice, ttl))))
    }
  }
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
