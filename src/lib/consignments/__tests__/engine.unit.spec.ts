import { SANDBOX_NOW, useSandbox } from "../../__tests__/sandbox"
import { ProClient } from "../../pro"
import { buildConsignmentRequest, buildOrderRequest, CartForDelivery } from "../../mapping"
import { resolveOptions } from "../../options"
import { ConsignmentRecord, EngineDeps, ensureConsignment, ensureProOrder, ProOrderRecord, RecordStore } from ".."

/**
 * The exactly-once engine as plain code: the plugin's PRO client against the sandbox, our records in memory, no
 * Medusa. Lost answers come from the sandbox's `after` faults (PRO did the write; the client never hears of it).
 */
const sandbox = useSandbox(SANDBOX_NOW)

const options = resolveOptions({ defaultShippingLocation: "SL-MANCHESTER" })
const lines: CartForDelivery["items"] = [
  { id: "li_1", title: "Mug", quantity: 1, unit_price: 9.5, variant: { sku: "MUG", weight: 600, length: 12, width: 12, height: 10 } },
]
const address = {
  first_name: "Ada",
  last_name: "Lovelace",
  address_1: "1 Porter Street",
  city: "Manchester",
  postal_code: "M1 5WG",
  country_code: "gb",
}

/** Our records in memory, counting writes. */
function memoryStore(): RecordStore & { consignments: Map<string, ConsignmentRecord>; orders: Map<string, ProOrderRecord> } {
  const consignments = new Map<string, ConsignmentRecord>()
  const orders = new Map<string, ProOrderRecord>()
  let next = 0
  const upsert = <T extends { id: string }>(map: Map<string, T>, key: (row: T) => string) => ({
    create: async (fields: Omit<T, "id">) => {
      const row = { ...fields, id: `row_${++next}` } as T
      map.set(key(row), row)
      return row
    },
    update: async (id: string, fields: Partial<T>) => {
      const row = [...map.values()].find((candidate) => candidate.id === id)!
      Object.assign(row, fields)
      return { ...row }
    },
  })
  const c = upsert(consignments, (row) => row.customer_reference)
  const o = upsert(orders, (row) => row.customer_reference)
  return {
    consignments,
    orders,
    findConsignment: async (reference) => (consignments.has(reference) ? { ...consignments.get(reference)! } : null),
    createConsignment: c.create,
    updateConsignment: c.update,
    findProOrder: async (orderId) => (orders.has(orderId) ? { ...orders.get(orderId)! } : null),
    createProOrder: o.create,
    updateProOrder: o.update,
    defaultStrategy: async () => ({ type: "default_rules" }),
  }
}

function deps(store = memoryStore()): EngineDeps & { store: ReturnType<typeof memoryStore> } {
  const held = new Map<string, Promise<unknown>>()
  return {
    client: new ProClient({ baseUrl: sandbox.url, apiKey: "engine-test", retryBaseDelayMs: 5, maxRetries: 0 }),
    store,
    // an in-process claim: one holder per key, later callers wait
    claim: async (key, work) => {
      const before = held.get(key) ?? Promise.resolve()
      const mine = before.catch(() => undefined).then(work)
      held.set(key, mine)
      return mine
    },
    logger: { error: () => undefined },
  }
}

const fault = (spec: Record<string, unknown>) =>
  fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(spec) })
const consignmentsIn = async (customerReference: string) => {
  const body = (await (await fetch(`${sandbox.url}/_sandbox/consignments`)).json()) as
    { consignments?: Array<Record<string, unknown>> } | Array<Record<string, unknown>>
  const list = Array.isArray(body) ? body : (body.consignments ?? [])
  return list.filter((row) => JSON.stringify(row).includes(customerReference))
}

const createInput = (reference: string) => ({
  order_id: "order_1",
  fulfillment_id: "ful_1",
  customer_reference: reference,
  flow: "order_flex" as const,
  write: {
    kind: "create" as const,
    request: buildConsignmentRequest({ reference, lines, currencyCode: "gbp", address, shippingLocationReference: "SL-MANCHESTER", options }),
  },
})

describe("exactly-once engine (no Medusa)", () => {
  it("creates and allocates a consignment once; a second call returns the synced record without a PRO write", async () => {
    const d = deps()
    const first = await ensureConsignment(d, createInput("ful_once"))
    // attempts count PRO refusals only: none here
    expect(first).toMatchObject({ sync_status: "synced", state: "Allocated", attempts: 0 })
    expect(first.reference).toMatch(/^EC-/)
    const second = await ensureConsignment(d, createInput("ful_once"))
    expect(second.reference).toBe(first.reference)
    expect(second.attempts).toBe(0)
    expect(await consignmentsIn("ful_once")).toHaveLength(1)
  })

  it("a Create Consignment whose answer was lost stays pending, and the retry adopts what PRO made instead of creating another", async () => {
    const d = deps()
    await fault({ pathPattern: "/consignments", method: "POST", status: 503, phase: "after", times: 1 })
    const lost = await ensureConsignment(d, createInput("ful_lost"))
    expect(lost.sync_status).toBe("pending")
    expect(lost.reference ?? null).toBeNull()
    const retried = await ensureConsignment(d, createInput("ful_lost"))
    expect(retried).toMatchObject({ sync_status: "synced", state: "Allocated" })
    expect(await consignmentsIn("ful_lost")).toHaveLength(1)
  })

  it("concurrent callers for one reference make one consignment", async () => {
    const d = deps()
    const results = await Promise.all([1, 2, 3].map(() => ensureConsignment(d, createInput("ful_race"))))
    expect(new Set(results.map((record) => record.reference)).size).toBe(1)
    expect(await consignmentsIn("ful_race")).toHaveLength(1)
  })

  it("a refusal is recorded as failed with PRO's CorrelationId, never thrown", async () => {
    const d = deps()
    await fault({
      pathPattern: "/consignments",
      method: "POST",
      status: 400,
      body: { Code: "Invalid", Message: "no", CorrelationId: "corr-1" },
      times: 1,
    })
    const refused = await ensureConsignment(d, createInput("ful_refused"))
    expect(refused.sync_status).toBe("failed")
    expect(refused.last_error).toMatchObject({ status: 400, correlation_id: "corr-1" })
  })

  it("makes a PRO order once (Create Order)", async () => {
    const d = deps()
    const order = {
      id: "order_eo",
      email: "ada@example.com",
      currency_code: "gbp",
      items: lines.map((line) => ({ ...line, id: line.id! })),
      shipping_address: address,
    }
    const input = {
      order_id: order.id,
      flow: "order_flex" as const,
      write: { kind: "create" as const, request: buildOrderRequest(order, "SL-MANCHESTER", options) },
    }
    const first = await ensureProOrder(d, input)
    expect(first).toMatchObject({ sync_status: "synced" })
    expect(first.reference).toMatch(/^EO-/)
    expect((await ensureProOrder(d, input)).reference).toBe(first.reference)
    expect(d.store.orders.size).toBe(1)
  })

  it("counts refusals, not outages, as attempts", async () => {
    const d = deps()
    await fault({ pathPattern: "/consignments", method: "POST", status: 503, times: 3 })
    for (let pass = 0; pass < 3; pass++) {
      const pending = await ensureConsignment(d, createInput("ful_outage"))
      expect(pending).toMatchObject({ sync_status: "pending", attempts: 0 })
    }
    await fault({ pathPattern: "/consignments", method: "POST", status: 400, body: { Code: "Invalid", Message: "no" }, times: 1 })
    expect(await ensureConsignment(d, createInput("ful_outage"))).toMatchObject({ sync_status: "failed", attempts: 1 })
    expect(await ensureConsignment(d, createInput("ful_outage"))).toMatchObject({ sync_status: "synced", attempts: 1 })
  })

  it("never writes for a cancelled order: a record marked cancelled, or an order cancelled before the first write", async () => {
    const d = { ...deps(), orderCancelled: async (orderId: string) => orderId === "order_cancelled" }
    const fresh = await ensureConsignment(d, { ...createInput("ful_cancelled"), order_id: "order_cancelled" })
    expect(fresh).toMatchObject({ sync_status: "pending", cancel_status: "done" })
    expect(fresh.reference ?? null).toBeNull()
    expect(await consignmentsIn("ful_cancelled")).toHaveLength(0)
    const marked = await ensureConsignment(d, createInput("ful_cancelled"))
    expect(marked.cancel_status).toBe("done")
    expect(await consignmentsIn("ful_cancelled")).toHaveLength(0)
  })

  it("a look-up that 404s without PRO's error body is confirmed by Search Consignments; when both fail nothing is written", async () => {
    const d = deps()
    await fault({ pathPattern: "/consignments", method: "POST", reset: true, phase: "after", times: 1 })
    const lost = await ensureConsignment(d, createInput("ful_lookup"))
    expect(lost).toMatchObject({ sync_status: "pending" })
    expect(lost.reference ?? null).toBeNull()
    expect(await consignmentsIn("ful_lookup")).toHaveLength(1)
    await fault({ pathPattern: "/consignments/clientReference/*", method: "GET", status: 404, body: {}, times: 1 })
    await fault({ pathPattern: "/consignments/*/*", method: "GET", status: 404, body: {}, times: 1 })
    const unknown = await ensureConsignment(d, createInput("ful_lookup"))
    expect(unknown).toMatchObject({ sync_status: "pending", attempts: 0 })
    expect(unknown.reference ?? null).toBeNull()
    expect((unknown.last_error as { code?: string }).code).toBe("LookupInconclusive")
    expect(await consignmentsIn("ful_lookup")).toHaveLength(1)
    await fault({ pathPattern: "/consignments/clientReference/*", method: "GET", status: 404, body: {}, times: 1 })
    const adopted = await ensureConsignment(d, createInput("ful_lookup"))
    expect(adopted.sync_status).toBe("synced")
    expect(await consignmentsIn("ful_lookup")).toHaveLength(1)
  })
})
