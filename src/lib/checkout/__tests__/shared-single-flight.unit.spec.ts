import InMemoryCacheService from "@medusajs/cache-inmemory/dist/services/inmemory-cache"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { Modules } from "@medusajs/framework/utils"
import { ProClient } from "../../pro"
import { resolveOptions } from "../../options"
import type { CartForDelivery } from "../../mapping"
import { MANCHESTER_ADDRESS } from "../../mapping/__tests__/addresses"
import { useSandbox } from "../../__tests__/sandbox"
import { DeliveryOptionsService } from "../delivery-options"
import { sharedCache } from "../shared-cache"
import type { CacheLike } from "../types"

/**
 * Issue #15 "Checkout cache": two Medusa processes, each with its own checkout service, share Medusa's cache and
 * Locking module (here their in-memory implementations, standing for cache-redis and locking-redis): asked for the
 * same cart state at once, they make one PRO Delivery Options call between them.
 */
const sandbox = useSandbox()

const cart = (id = "cart_shared"): CartForDelivery => ({
  id,
  currency_code: "gbp",
  items: [{ id: "li_1", title: "Mug", quantity: 2, unit_price: 9.5, variant_id: "variant_1", variant: { id: "variant_1", weight: 600 } }],
  shipping_address: MANCHESTER_ADDRESS,
})

const control = (path: string, body?: unknown) =>
  fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  }).then((response) => response.json())

const deliveryOptionsCalls = async () => ((await control("requests")).counts["POST /deliveryoptions"] ?? 0) as number

/** One "process": its own PRO client and checkout service, on the shared cache and locking. */
function instance(cache: CacheLike | undefined, locking: InMemoryLockingProvider | undefined) {
  const client = new ProClient({ baseUrl: sandbox.url, apiKey: "shared-test", retryBaseDelayMs: 5, maxRetries: 0 })
  return new DeliveryOptionsService(client, resolveOptions({ defaultShippingLocation: "SL-MANCHESTER" })).useCache(cache).useLocking(locking)
}

describe("checkout across processes", () => {
  it("two instances asked at once for the same cart state make one PRO call and offer the same options", async () => {
    await control("faults", { pathPattern: "/deliveryoptions", latencyMs: 300 })
    const cache = new InMemoryCacheService({}, {}) as unknown as CacheLike
    const locking = new InMemoryLockingProvider()
    const [a, b] = [instance(cache, locking), instance(cache, locking)]
    const [first, second] = await Promise.all([a.forCart(cart()), b.forCart(cart())])
    expect(await deliveryOptionsCalls()).toBe(1)
    expect(first.ok && second.ok).toBe(true)
    const references = (result: typeof first) => (result.ok ? result.options.map((option) => option.reference) : [])
    expect(references(second)).toEqual(references(first))
    expect(references(first).length).toBeGreaterThan(0)
  })

  it("when the instance holding the claim fails, the other asks PRO itself", async () => {
    await control("faults", { pathPattern: "/deliveryoptions", latencyMs: 200, status: 503, times: 1 })
    const cache = new InMemoryCacheService({}, {}) as unknown as CacheLike
    const locking = new InMemoryLockingProvider()
    const [a, b] = [instance(cache, locking), instance(cache, locking)]
    const results = await Promise.all([a.forCart(cart()), b.forCart(cart())])
    expect(await deliveryOptionsCalls()).toBe(2)
    expect(results.map((result) => result.ok).sort()).toEqual([false, true])
  })

  it("without a shared lock, two instances each ask PRO (the claim is what makes it one)", async () => {
    await control("faults", { pathPattern: "/deliveryoptions", latencyMs: 300 })
    const cache = new InMemoryCacheService({}, {}) as unknown as CacheLike
    await Promise.all([instance(cache, undefined).forCart(cart()), instance(cache, undefined).forCart(cart())])
    expect(await deliveryOptionsCalls()).toBe(2)
  })

  it("asks PRO without a claim when the locking module does not answer", async () => {
    const cache = new InMemoryCacheService({}, {}) as unknown as CacheLike
    const stuck = { acquire: () => new Promise<void>(() => undefined), release: async () => true } as unknown as InMemoryLockingProvider
    const result = await instance(cache, stuck).forCart(cart())
    expect(result.ok).toBe(true)
    expect(await deliveryOptionsCalls()).toBe(1)
  })

  it("shares through Medusa's Caching module where the host has one, else the cache service", async () => {
    const stored = new Map<string, unknown>()
    const caching = {
      get: async ({ key }: { key: string }) => stored.get(key) ?? null,
      set: async ({ key, data }: { key: string; data: unknown }) => void stored.set(key, data),
    }
    const cacheService = new InMemoryCacheService({}, {}) as unknown as CacheLike
    const scope = (modules: Record<string, unknown>) => ({ resolve: <T>(key: string) => modules[key] as T | undefined })
    const viaCaching = sharedCache(scope({ [Modules.CACHING]: caching, [Modules.CACHE]: cacheService }))!
    await viaCaching.set("k", { a: 1 }, 60)
    expect(stored.get("k")).toEqual({ a: 1 })
    expect(await viaCaching.get("k")).toEqual({ a: 1 })
    expect(sharedCache(scope({ [Modules.CACHE]: cacheService }))).toBe(cacheService)
    expect(sharedCache(scope({}))).toBeUndefined()
  })
})
