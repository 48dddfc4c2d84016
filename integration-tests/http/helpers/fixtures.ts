import { createApiKeysWorkflow } from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { RunningSandbox, startSandbox } from "../../../sandbox/server"
import { seedDemo, DemoSeed } from "../../../scripts/seed-demo"
import { waitFor as poll } from "../../../scripts/lib/wait"
import { UK_ADDRESS } from "../../../src/lib/mapping/__tests__/addresses"

/** The PRO sandbox of a spec (filled in its `beforeAll`). */
export interface SandboxHandle {
  /** `http://127.0.0.1:<port>` */
  url: string
  close(): Promise<void>
  /** A request to the sandbox's PRO API with a subscription key. */
  pro(path: string, init?: RequestInit): Promise<Response>
  /** Removes every fault (`DELETE /_sandbox/faults`). */
  clearFaults(): Promise<void>
  /** The sandbox in this process: `.faults`, `.store`, `.requests`. */
  sandbox: RunningSandbox["sandbox"]
}

/**
 * Shared set-up of the HTTP integration tests: a PRO sandbox on a random port (the plugin is pointed at it
 * before Medusa boots), the demo seed, a secret admin API key, and store helpers. Call {@link useSandbox}
 * at the top level of a spec, before `medusaIntegrationTestRunner`.
 */
export function useSandbox(): SandboxHandle {
  const handle: SandboxHandle = {
    url: "",
    close: async () => undefined,
    pro: (path, init) =>
      fetch(`${handle.url}${path}`, {
        ...init,
        headers: { "ocp-apim-subscription-key": "test", "content-type": "application/json", ...(init?.headers ?? {}) },
      }),
    clearFaults: async () => {
      await fetch(`${handle.url}/_sandbox/faults`, { method: "DELETE" })
    },
    sandbox: undefined as unknown as RunningSandbox["sandbox"],
  }
  beforeAll(async () => {
    const sandbox = await startSandbox({ port: 0 })
    handle.url = sandbox.url
    handle.close = sandbox.close
    handle.sandbox = sandbox.sandbox
    process.env.SORTED_PRO_SANDBOX_URL = sandbox.url
    process.env.SORTED_PRO_JOBS = "off" // the tests run the job workflows themselves, at known moments
    delete process.env.SORTED_PRO_API_KEY
  })
  afterAll(() => handle.close())
  return handle
}

/** Adds a fault to the sandbox (see sandbox/README.md "Control API"). */
export async function injectFault(sandboxUrl: string, fault: Record<string, unknown>) {
  const response = await fetch(`${sandboxUrl}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  })
  expect(response.status).toBe(201)
}

/** Seeds the store and returns request headers for the store (publishable key) and admin (secret key). */
export async function seedStore(container: MedusaContainer) {
  const seed = await seedDemo(container)
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "integration admin", type: "secret", created_by: "test" }] },
  })
  return {
    seed,
    admin: { headers: { authorization: `Basic ${Buffer.from(`${result[0].token}:`).toString("base64")}` } },
    store: { headers: { "x-publishable-api-key": seed.publishable_key } },
  }
}

export { UK_ADDRESS }

/** A cart with two items (quantities 2 and 1) and a UK shipping address unless `address` is null. */
export async function newCart(api: any, seed: DemoSeed, store: object, address: object | null = UK_ADDRESS) {
  const { data } = await api.post(
    "/store/carts",
    {
      region_id: seed.region_id,
      email: "shopper@example.com",
      items: [
        { variant_id: seed.variant_ids[0], quantity: 2 },
        { variant_id: seed.variant_ids[2], quantity: 1 },
      ],
      ...(address ? { shipping_address: address } : {}),
    },
    store
  )
  return data.cart
}

/** Lists the cart's delivery options and adds the delivery shipping method with the first; resolves with that option. */
export async function chooseFirstDeliveryOption(api: any, seed: DemoSeed, store: object, cartId: string) {
  const option = (await api.get(`/store/sorted-pro/delivery-options?cart_id=${cartId}`, store)).data.options[0]
  await api.post(
    `/store/carts/${cartId}/shipping-methods`,
    { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: option.reference } },
    store
  )
  return option
}

/** Pays with the system provider and completes the cart; returns the HTTP response (order or error). */
export async function payAndComplete(api: any, cartId: string, store: object) {
  const { data: collection } = await api.post(`/store/payment-collections`, { cart_id: cartId }, store)
  await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, store)
  return api.post(`/store/carts/${cartId}/complete`, {}, store).catch((e: any) => e.response)
}

/**
 * Pays and completes the cart with the clock a minute past `allocationCutOff` (ISO 8601, the chosen option's
 * `allocation_cut_off`) and expects the completion refused (400, "choose your delivery again"), the cart still open and
 * no payment taken.
 */
export async function expectRefusedAfterCutOff(api: any, store: object, cartId: string, allocationCutOff: string) {
  const realNow = Date.now
  jest.spyOn(Date, "now").mockImplementation(() => Math.max(realNow(), Date.parse(allocationCutOff) + 60_000))
  const refused = await payAndComplete(api, cartId, store).finally(() => jest.restoreAllMocks())
  expect(refused.status).toBe(400)
  expect(refused.data.message).toMatch(/choose your delivery again/)
  const { data } = await api.get(`/store/carts/${cartId}?fields=id,completed_at,payment_collection.payments.*`, store)
  expect(data.cart.completed_at).toBeFalsy()
  expect(data.cart.payment_collection?.payments ?? []).toHaveLength(0)
}

/** Polls `probe` every 250 ms until it returns a value. @throws Error after `timeoutMs` (20 s). */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined | null>, timeoutMs = 20_000): Promise<T> {
  return poll(what, probe, { timeoutMs, intervalMs: 250 })
}

/** `api` error responses as values. */
export const failed = (promise: Promise<any>) => promise.catch((e: any) => e.response)
