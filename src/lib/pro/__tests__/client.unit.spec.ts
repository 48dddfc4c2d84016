import { useSandbox } from "../../__tests__/sandbox"
import { ProApiError, ProClient } from ".."
import { DeliveryOptionsService } from "../../checkout"
import { buildDeliveryOptionsRequest } from "../../mapping"
import { resolveOptions } from "../../options"
import type { CartForDelivery } from "../../mapping"

const sandbox = useSandbox()

const fault = (body: Record<string, unknown>) =>
  fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
const counts = async () => (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()).counts as Record<string, number>
const client = (overrides: Partial<ConstructorParameters<typeof ProClient>[0]> = {}) =>
  new ProClient({ baseUrl: sandbox.url, apiKey: "test-key-1234", retryBaseDelayMs: 10, ...overrides })

const cart: CartForDelivery = {
  id: "cart_unit",
  currency_code: "gbp",
  items: [{ id: "li_1", title: "Socks", quantity: 1, unit_price: 12, variant: { sku: "SOCK", weight: 500, length: 20, width: 15, height: 5 } }],
  shipping_address: { postal_code: "M1 5WG", country_code: "gb", city: "Manchester", address_1: "1 Street" },
}

describe("ProClient", () => {
  it("raises PRO's error with its Code and CorrelationId, and never shows the key", async () => {
    const error = await client({ apiKey: "" })
      .consignments.get("EC-000-000-001")
      .catch((e) => e)
    expect(error).toBeInstanceOf(ProApiError)
    expect(error.status).toBe(401)
    expect(error.correlationId).toMatch(/[0-9a-f-]{36}/)
    expect(client().apiKeyHint).toBe("…1234")
  })

  it("maps an unknown consignment to 404 NotFound", async () => {
    const error = await client()
      .consignments.get("EC-999-999-999")
      .catch((e) => e)
    expect(error).toMatchObject({ status: 404, code: "NotFound", ambiguous: false })
  })

  it("retries a 429 after Retry-After, for writes too", async () => {
    await fault({ pathPattern: "/deliveryoptions", status: 429, retryAfterSeconds: 0, times: 1 })
    const request = buildRequest()
    const response = await client().deliveryOptions.list(request)
    expect(response.DeliveryOptions.length).toBeGreaterThan(0)
    expect((await counts())["POST /deliveryoptions"]).toBe(2)
  })

  it("does not blindly retry an ambiguous write (5xx on Select Option)", async () => {
    const { DeliveryOptions } = await client().deliveryOptions.list(buildRequest())
    await fault({ pathPattern: "/deliveryoptions/select/*", status: 500, times: 1 })
    const error = await client()
      .deliveryOptions.select(DeliveryOptions[0].Reference)
      .catch((e) => e)
    expect(error).toMatchObject({ status: 500, ambiguous: true })
    const selects = Object.entries(await counts()).filter(([endpoint]) => endpoint.includes("select"))
    expect(selects.reduce((sum, [, n]) => sum + n, 0)).toBe(1)
  })

  it("finds a consignment by our reference after Select Option", async () => {
    const { DeliveryOptions } = await client().deliveryOptions.list(buildRequest())
    await client().deliveryOptions.select(DeliveryOptions[0].Reference)
    const refs = await client().consignments.findByCustomerReference("cart_unit")
    expect(refs).toHaveLength(1)
    expect(refs[0]).toMatch(/^EC-/)
    expect(await client().consignments.findByCustomerReference("nobody")).toEqual([])
  })
})

describe("DeliveryOptionsService", () => {
  const options = resolveOptions({ defaultShippingLocation: "SL-MANCHESTER", checkoutTimeoutMs: 300, sandboxUrl: "unused" })

  it("makes one upstream call for concurrent callers of one cart state", async () => {
    const service = new DeliveryOptionsService(client(), options)
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => service.forCart(cart, { id: "sloc" })))
    expect(results.every((result) => result.ok)).toBe(true)
    expect((await counts())["POST /deliveryoptions"]).toBe(1)
    await service.forCart({ ...cart, items: [{ ...cart.items[0], quantity: 2 }] }, { id: "sloc" })
    expect((await counts())["POST /deliveryoptions"]).toBe(2)
  })

  it("gives up within the time budget when PRO hangs, without throwing", async () => {
    await fault({ pathPattern: "/deliveryoptions", hang: true })
    const service = new DeliveryOptionsService(client(), options)
    const started = Date.now()
    const result = await service.forCart(cart, { id: "sloc" })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(result).toMatchObject({ ok: false, reason: "pro" })
  })
})

function buildRequest() {
  return buildDeliveryOptionsRequest(cart, "SL-MANCHESTER", resolveOptions({}))
}
