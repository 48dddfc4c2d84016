/** What the admin browser test (admin.ts) and its steps (admin-page.ts) share: the demo, API calls, orders, screenshots and checks. */
import assert from "node:assert/strict"
import fs from "node:fs"
import path from "node:path"
import { waitFor as poll } from "../../scripts/lib/wait"
import { readCredentials as readDemoCredentials, startDemo } from "./demo"
import { type Locator, type Page } from "playwright-core"

export const root = path.resolve(__dirname, "../..")
export const shots = path.join(__dirname, "screenshots")
export const results = path.join(root, "test-results")
export const port = Number(process.env.PORT ?? 9000)
export const backend = `http://localhost:${port}`
export const started = Date.now()
export const say = (message: string) => console.log(`[admin browser ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface Credentials {
  admin_url: string
  sandbox_url: string
  publishable_key: string
  admin_email: string
  admin_password: string
  region_id: string
  stock_location_id: string
  variant_ids: string[]
  shipping_options: { delivery: string; standard: string }
}

export async function healthy() {
  return fetch(`${backend}/health`).then(
    (response) => response.ok,
    () => false
  )
}

export const readCredentials = () => readDemoCredentials<Credentials>()

/**
 * A running demo on PORT: the current one, or one started here (stopped by `stop`). A demo counts as running when
 * Medusa answers, or when its PRO sandbox does: `medusa develop` may be restarting (it does on every file written in
 * the project, e.g. by the storefront browser test run just before), so its health gets 3 minutes.
 */
export async function demo(): Promise<{ credentials: Credentials; stop(): Promise<void> }> {
  const current = readCredentials()
  const sandboxUp =
    current?.admin_url.startsWith(`${backend}/`) &&
    (await fetch(`${current.sandbox_url}/_sandbox/health`).then(
      (r) => r.ok,
      () => false
    ))
  if (current && (sandboxUp || (await healthy()))) {
    await waitFor(`Medusa at ${backend}/health (a demo is running)`, healthy, 180_000)
    say(`reusing the demo answering on ${backend}`)
    return { credentials: current, stop: async () => undefined }
  }
  say("starting npm run demo (tsx scripts/demo.ts)")
  const { credentials, stop } = await startDemo<Credentials>({ PORT: String(port) }, async (fresh) =>
    fresh && (await healthy()) ? readCredentials() : undefined
  )
  say("demo ready")
  return { credentials, stop }
}

export async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url.startsWith("http") ? url : `${backend}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) {
    throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`)
  }
  return response.status === 204 ? {} : response.json()
}

/** Polls `probe` every 500 ms until it returns a value. @throws Error after `timeoutMs` (60 s). */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  return poll(what, probe, { timeoutMs, intervalMs: 500, timeoutMessage: `timed out after ${timeoutMs / 1000} s waiting for ${what}` })
}

export type OrderRecords = { consignments: any[]; pro_orders: any[] }

/** Places an order over the store API: a delivery day with a time window, or the flat `standard` option. */
export async function placeOrder(credentials: Credentials, kind: "delivery" | "standard", variant: number): Promise<string> {
  const store = storeHeaders(credentials)
  const cart = await newCart(credentials, variant, manchesterAddress("Grace Hopper", "1 King Street", "M2 4WU", "07700900001"))
  if (kind === "delivery") {
    const listing = await call("GET", `/store/sorted-pro/delivery-options?cart_id=${cart.id}`, undefined, store)
    const chosen = listing.options.find((option: any) => option.window) ?? listing.options[0]
    await call(
      "POST",
      `/store/carts/${cart.id}/shipping-methods`,
      { option_id: listing.shipping_option_id, data: { delivery_option_reference: chosen.reference } },
      store
    )
  } else {
    await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: credentials.shipping_options.standard }, store)
  }
  return payAndComplete(credentials, cart.id)
}

/** The store API's headers: the publishable key of the seeded sales channel. */
export function storeHeaders(credentials: Credentials): Record<string, string> {
  return { "x-publishable-api-key": credentials.publishable_key }
}

/** A Manchester shipping address in Medusa's shape for `name` ("First Last"), a street line, a postcode and a phone. */
export function manchesterAddress(name: string, address_1: string, postal_code: string, phone: string): Record<string, string> {
  const [first_name, last_name] = name.split(" ")
  return { first_name, last_name, address_1, city: "Manchester", postal_code, country_code: "gb", phone }
}

/** Creates a cart of one unit of `credentials.variant_ids[variant]` shipped to `address` (Medusa's address shape). */
export async function newCart(credentials: Credentials, variant: number, address: Record<string, string>): Promise<{ id: string }> {
  const { cart } = await call(
    "POST",
    "/store/carts",
    {
      region_id: credentials.region_id,
      email: "browser-admin@example.com",
      items: [{ variant_id: credentials.variant_ids[variant], quantity: 1 }],
      shipping_address: address,
    },
    storeHeaders(credentials)
  )
  return cart
}

/** Pays with the system provider and completes the cart; resolves with the order id. @throws when it is not an order. */
export async function payAndComplete(credentials: Credentials, cartId: string): Promise<string> {
  const store = storeHeaders(credentials)
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cartId }, store)
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, store)
  const completed = await call("POST", `/store/carts/${cartId}/complete`, {}, store)
  assert.equal(completed.type, "order", `cart ${cartId} completed as an order`)
  return completed.order.id
}

/**
 * Screenshots are kept in memory and written at the end: `medusa develop` restarts on any new file in the project,
 * which would log the admin out in the middle of the run.
 */
export const pending: Array<{ file: string; data: Buffer }> = []
export async function shot(target: Page | Locator, name: string) {
  const data = await target.screenshot({ animations: "disabled" })
  pending.push({ file: path.join(shots, `admin-${name}.png`), data })
  say(`screenshot admin-${name}.png`)
}
export function writeFiles() {
  for (const { file, data } of pending.splice(0)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, data)
  }
}

/** Logs in to the admin at `credentials.admin_url` with the demo's admin user; resolves once the admin shows. */
export async function logIn(page: Page, credentials: Credentials) {
  // the first visit builds the admin in development: give it time
  await page.goto(`${credentials.admin_url}/login`, { timeout: 300_000 })
  await page.locator('input[name="email"]').fill(credentials.admin_email)
  await page.locator('input[name="password"]').fill(credentials.admin_password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 120_000 })
}

export function check(condition: unknown, message: string) {
  assert.ok(condition, `check failed: ${message}`)
  say(`ok: ${message}`)
}

/** Waits for `target`, failing at once with the toast's text when the admin shows an error toast instead. */
export async function orFailureToast(page: Page, target: Locator) {
  // @medusajs/ui marks an error toast by its red icon
  const toast = page
    .locator("[data-sonner-toast]")
    .filter({ has: page.locator(".text-ui-tag-red-icon") })
    .first()
  await target.or(toast).first().waitFor()
  if (await toast.isVisible()) {
    throw new Error(`the admin showed a failure toast: ${await toast.innerText().catch(() => "?")}`)
  }
}

/** Waits until the toasts of earlier steps are gone, so they do not cover the next screenshot. */
export async function noToasts(page: Page) {
  await page
    .locator("[data-sonner-toast]")
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => undefined)
}
