import { startSandbox } from "../../../../sandbox/server"
import { ProClient } from ".."
import { buildDeliveryOptionsRequest, CartForDelivery } from "../../mapping"
import { resolveOptions } from "../../options"
import { MANCHESTER_ADDRESS } from "../../mapping/__tests__/addresses"
import { ConsignmentRecord, EngineDeps, ensureConsignment, ensureProOrder, ProOrderRecord, RecordStore } from "../../consignments"

/**
 * #16 item 7: the rules sandbox/README.md "Decisions" marks **(sandbox's own choice)** are switched off here (options
 * that never expire at their cut-off, a second select that is done again instead of refused), and the plugin's
 * exactly-once engine still delivers: it depends on neither.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, now: "2025-06-16T10:00:00+01:00", ownRules: { expireAtCutOff: false, refuseSecondSelect: false } })
})
afterAll(() => sandbox.close())
beforeEach(() => fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST" }))

const options = resolveOptions({ defaultShippingLocation: "SL-MANCHESTER" })
const cart = (id: string): CartForDelivery => ({
  id,
  currency_code: "gbp",
  items: [
    {
      id: "li_1",
      title: "Mug",
      quantity: 1,
      unit_price: 9.5,
      variant_id: "variant_mug",
      variant: { weight: 600, length: 12, width: 12, height: 10 },
    },
  ],
  shipping_address: MANCHESTER_ADDRESS,
})

/** Our records in memory, and an in-process claim (one holder per key). */
function deps(): EngineDeps {
  const consignments = new Map<string, ConsignmentRecord>()
  const orders = new Map<string, ProOrderRecord>()
  const rows = <T extends { id: string }>(map: Map<string, T>, key: (row: T) => string) => ({
    create: async (fields: Omit<T, "id">) => {
      const row = { ...fields, id: `row_${map.size + 1}` } as T
      map.set(key(row), row)
      return { ...row }
    },
    update: async (id: string, fields: Partial<T>) => ({
      ...Object.assign(
        [...map.values()].find((row) => row.id === id)!,
        fields
      ),
    }),
    find: async (reference: string) => (map.has(reference) ? { ...map.get(reference)! } : null),
  })
  const c = rows(consignments, (row) => row.customer_reference)
  const o = rows(orders, (row) => row.customer_reference)
  const store: RecordStore = {
    findConsignment: c.find,
    createConsignment: c.create,
    updateConsignment: c.update,
    findProOrder: o.find,
    createProOrder: o.create,
    updateProOrder: o.update,
    defaultStrategy: async () => ({ type: "default_rules" }),
  }
  let chain = Promise.resolve<unknown>(undefined)
  return {
    client: new ProClient({ baseUrl: sandbox.url, apiKey: "own-rules-test", retryBaseDelayMs: 5, maxRetries: 0 }),
    store,
    claim: (_key, work) => (chain = chain.catch(() => undefined).then(work)) as ReturnType<typeof work>,
    logger: { error: () => undefined },
  }
}

const lostAnswer = (pathPattern: string) =>
  fetch(`${sandbox.url}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pathPattern, method: "POST", status: 503, phase: "after", times: 1 }),
  })

async function firstOption(id: string) {
  const { DeliveryOptions } = await deps().client.deliveryOptions.list(buildDeliveryOptionsRequest(cart(id), "SL-MANCHESTER", options))
  return DeliveryOptions[0]
}

describe("the plugin without the sandbox's own rules", () => {
  it("selects an option after its cut-off when PRO lets it (options need not expire at their cut-off)", async () => {
    const option = await firstOption("cart_late")
    await fetch(`${sandbox.url}/_sandbox/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ now: new Date(new Date(option.AllocationCutOff as string).getTime() + 60_000).toISOString() }),
    })
    const record = await ensureConsignment(deps(), {
      order_id: "order_late",
      customer_reference: "cart_late",
      flow: "consumer_options",
      write: { kind: "select", delivery_option_reference: option.Reference },
    })
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated" })
  })

  it("never selects an option twice for one consignment, even where PRO would do it again (a lost answer is adopted)", async () => {
    const option = await firstOption("cart_twice")
    const d = deps()
    const input = {
      order_id: "order_twice",
      customer_reference: "cart_twice",
      flow: "consumer_options" as const,
      write: { kind: "select" as const, delivery_option_reference: option.Reference },
    }
    await lostAnswer("/deliveryoptions/select/*")
    expect((await ensureConsignment(d, input)).sync_status).toBe("pending")
    expect(await ensureConsignment(d, input)).toMatchObject({ sync_status: "synced", state: "Allocated" })
    expect(await d.client.consignments.findByCustomerReference("cart_twice")).toHaveLength(1)
  })

  it("a Select as Order whose answer was lost ends synced on a PRO that selects again instead of refusing", async () => {
    const option = await firstOption("order_again")
    const d = deps()
    const input = {
      order_id: "order_again",
      flow: "consumer_options_flex" as const,
      write: { kind: "select_order" as const, delivery_option_reference: option.Reference },
    }
    await lostAnswer("/deliveryoptions/selectorder")
    expect((await ensureProOrder(d, input)).sync_status).toBe("pending")
    const record = await ensureProOrder(d, input)
    expect(record).toMatchObject({ sync_status: "synced", flow: "consumer_options_flex", reference: expect.stringMatching(/^EO-/) })
    // at worst the lost order stays unpacked beside it (docs in src/lib/consignments/pro-order.ts): nothing ships twice
    expect((await d.client.orders.get(record.reference!)).OrderReferenceProvidedByCustomer).toBe("order_again")
  })
})
