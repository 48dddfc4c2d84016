import { createHash } from "crypto"
import { ProApiError, ProClient } from "../pro-client"
import type { ResolvedOptions } from "../options"
import {
  buildDeliveryOptionsRequest,
  CartForDelivery,
  CheckoutMappingError,
  DeliveryOptionView,
  OriginLocation,
  resolveShippingLocation,
  toCheckoutOptions,
} from "./mapping"

/**
 * The outcome of asking PRO for a cart's delivery options. `ok: false` carries the reason, so that
 * checkout can fall back instead of failing: `mapping` (the cart lacks an address, items or a mapped
 * stock location; `field` names it) or `pro` (PRO failed or exceeded the time budget; `error` holds
 * its status, code and CorrelationId).
 */
export type DeliveryOptionsResult =
  | { ok: true; options: DeliveryOptionView[]; shippingLocationReference: string; fetchedAt: number }
  | { ok: false; reason: "mapping"; field: string; message: string }
  | { ok: false; reason: "pro"; message: string; error: ReturnType<ProApiError["toRecord"]> }

interface Entry { expires: number; promise: Promise<DeliveryOptionsResult> }

const MAX_ENTRIES = 5_000
const ERROR_TTL_MS = 10_000

/**
 * Delivery options for a cart state, shared by `calculatePrice`, `validateFulfillmentData` and the store
 * route: one PRO call per cart state (cart id, currency, destination, origin, items with quantities,
 * weights and dimensions), single-flight for concurrent callers, cached for `optionsCacheTtlSeconds`
 * after success and 10 s after a failure. Each call has the hard `checkoutTimeoutMs` budget.
 * Never throws.
 *
 * Source: DESIGN.md "Checkout never breaks because of PRO"; field-notes §D (budget, error cache).
 */
export class DeliveryOptionsService {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly client: ProClient, private readonly options: ResolvedOptions) {}

  /** Options for `cart` shipped from `origin`; see {@link DeliveryOptionsResult}. */
  async forCart(cart: CartForDelivery, origin?: OriginLocation | null): Promise<DeliveryOptionsResult> {
    let shippingLocationReference: string
    let request: ReturnType<typeof buildDeliveryOptionsRequest>
    try {
      shippingLocationReference = resolveShippingLocation(this.options, origin)
      request = buildDeliveryOptionsRequest(cart, shippingLocationReference, this.options)
    } catch (error) {
      if (error instanceof CheckoutMappingError) {
        return { ok: false, reason: "mapping", field: error.field, message: error.message }
      }
      throw error
    }
    const key = cartStateKey(cart.currency_code, request)
    const now = Date.now()
    const cached = this.entries.get(key)
    if (cached && cached.expires > now) {
      return cached.promise
    }
    const entry: Entry = { expires: Number.POSITIVE_INFINITY, promise: this.fetch(request, cart.currency_code, shippingLocationReference) }
    this.remember(key, entry)
    entry.promise.then((result) => {
      entry.expires = Date.now() + (result.ok ? this.options.optionsCacheTtlSeconds * 1000 : ERROR_TTL_MS)
    })
    return entry.promise
  }

  /** Forgets every cached answer (tests, and after the merchant changes settings). */
  clear(): void {
    this.entries.clear()
  }

  private async fetch(
    request: ReturnType<typeof buildDeliveryOptionsRequest>,
    currencyCode: string,
    shippingLocationReference: string
  ): Promise<DeliveryOptionsResult> {
    try {
      const response = await this.client.deliveryOptions.list(request, {
        deadline: Date.now() + this.options.checkoutTimeoutMs,
      })
      const options = toCheckoutOptions(response?.DeliveryOptions ?? [], currencyCode)
      return { ok: true, options, shippingLocationReference, fetchedAt: Date.now() }
    } catch (error) {
      const record = error instanceof ProApiError ? error.toRecord() : new ProApiError({
        status: 0, code: "PluginError", message: (error as Error).message, method: "POST", path: "/deliveryoptions",
      }).toRecord()
      return { ok: false, reason: "pro", message: record.message, error: record }
    }
  }

  private remember(key: string, entry: Entry) {
    if (this.entries.size >= MAX_ENTRIES) {
      const now = Date.now()
      for (const [k, e] of this.entries) {
        if (e.expires <= now || this.entries.size >= MAX_ENTRIES) {
          this.entries.delete(k)
        }
        if (this.entries.size < MAX_ENTRIES / 2) {
          break
        }
      }
    }
    this.entries.set(key, entry)
  }
}

/**
 * The cart state a request stands for: currency plus the request without the shopper's e-mail, which
 * Medusa passes to `validateFulfillmentData` but not to `calculatePrice` (NOTES.md §1.3); both must
 * hit the same entry, or the references the shopper saw would not be the ones validated.
 */
function cartStateKey(currencyCode: string, request: ReturnType<typeof buildDeliveryOptionsRequest>): string {
  const addresses = request.Addresses.map((address) =>
    address.Contact ? { ...address, Contact: { ...address.Contact, Email: undefined } } : address
  )
  return createHash("sha256").update(JSON.stringify([currencyCode.toLowerCase(), { ...request, Addresses: addresses }])).digest("base64url")
}

const services = new Map<string, DeliveryOptionsService>()

/**
 * The process-wide service for these options, so that the fulfillment provider (Fulfillment module
 * container) and the store routes (app container) share one cache and one in-flight call per cart state.
 */
export function deliveryOptionsServiceFor(client: ProClient, options: ResolvedOptions): DeliveryOptionsService {
  const key = `${options.baseUrl}|${options.apiKey}|${options.checkoutTimeoutMs}|${options.optionsCacheTtlSeconds}`
  let service = services.get(key)
  if (!service) {
    service = new DeliveryOptionsService(client, options)
    services.set(key, service)
  }
  return service
}
