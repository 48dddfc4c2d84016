/**
 * `npm run test:starter`: the Next.js App Router example storefront (storefront/examples/nextjs) in Debian Chromium,
 * driven by playwright-core, against `npm run demo` on PORT (default 9000; reused when running, else started here
 * and stopped at the end). The example is built with `next build` and served with `next start` on STARTER_PORT
 * (default 8000, in Medusa's default STORE_CORS).
 *
 * 1. With the official nextjs-starter-medusa's calls (/checkout, server actions, no `data`): one order on each
 *    SortedPRO option — delivery day, pickup point, standard (3).
 * 2. With the storefront kit (/checkout/kit, docs/nextjs.md): one order with a delivery day and window, one with a
 *    pickup point (2); the choice goes through the `setShippingMethod` server action with `data`.
 * Each order: the price the checkout showed for the option = the cart summary's shipping after the choice = the
 * confirmation page's shipping = the order's `shipping_total` (admin API); the order reached PRO (an EO-/EC-
 * reference in `GET /admin/sorted-pro/orders/:id/consignments`); the confirmation shows the delivery day or the
 * pickup point's name from the shipping method's `data`; no hydration error or page error.
 * Prints `with the starter's calls: x/3, with the kit: y/2`; exits 1 unless 3/3 and 2/2. Screenshots:
 * docs/screenshots/nextjs-*.png. Needs /usr/bin/chromium (or CHROMIUM_PATH).
 */
import assert from "node:assert/strict"
import fs from "node:fs"
import path from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { elapsedLogger } from "../../scripts/lib/log"
import { backend, call, demo, healthy, root, waitFor } from "./admin-support"
import { buildExample, prepare, startExample } from "./starter-support"

const say = elapsedLogger("starter")
const shots = path.join(root, "docs", "screenshots")
type Kind = "delivery" | "pickup" | "standard"
interface Placed {
  label: string
  kind: Kind
  orderId: string
  shown: number
  /** The `data` the page sent with the choice (kit only): the reference and pickup point chosen. */
  sent?: { delivery_option_reference?: string; pickup_location_shop_reference?: string }
}

/** Parses the first "£11.65" in `text` into 11.65. */
const pounds = (text: string | null) => {
  const match = /£\s?([\d,]+\.\d{2})/.exec(text ?? "")
  assert.ok(match, `no £ amount in ${JSON.stringify(text)}`)
  return Number(match[1].replace(/,/g, ""))
}

/** Screenshots are written at the end: `medusa develop` restarts on every file written in the repository. */
const pending: Array<{ name: string; png: Buffer }> = []
const shoot = async (page: Page, name: string) => pending.push({ name: `nextjs-${name}.png`, png: await page.screenshot({ fullPage: true }) })

/** A page that records page errors and React hydration errors (console), checked by {@link clean}. */
async function newPage(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 1,
    locale: "en-GB",
    timezoneId: "Europe/London",
  })
  const page = await context.newPage()
  page.setDefaultTimeout(45_000)
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|#418|#423|#425|did not match/i.test(message.text())) {
      errors.push(message.text())
    }
  })
  return { context, page, errors }
}

/** A fresh cart with the first product, and the Manchester address saved on `checkoutPath`. */
async function cartWithAddress(page: Page, url: string, checkoutPath: string) {
  await page.goto(`${url}/`)
  await page.getByRole("button", { name: /^Add / }).first().click()
  await page.waitForURL(/\/checkout$/)
  if (checkoutPath !== "/checkout") {
    await page.goto(`${url}${checkoutPath}`)
  }
  const fields: Array<[string, string]> = [
    ["Email", "nextjs-starter@example.com"],
    ["First name", "Ada"],
    ["Last name", "Lovelace"],
    ["Address", "1 Piccadilly"],
    ["City", "Manchester"],
    ["Postcode", "M1 5WG"],
    ["Phone", "07700900123"],
  ]
  for (const [label, value] of fields) {
    await page.getByLabel(label, { exact: true }).fill(value)
  }
  await page.getByRole("button", { name: "Save address" }).click()
}

/** Places the order and waits for the confirmation page. @returns the order id from its URL. */
async function placeOrder(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Place order" }).click()
  await page.waitForURL(/\/order\/[^/]+\/confirmed$/)
  await page.getByTestId("order-confirmed").waitFor()
  return /\/order\/([^/]+)\/confirmed$/.exec(page.url())![1]
}

/** Waits until the server-rendered summary shows `amount` as the shipping (after the server action revalidated the cart). */
async function summaryShows(page: Page, amount: number) {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="summary-shipping"]')?.textContent?.includes(expected),
    `£${amount.toFixed(2)}`
  )
}

/** Checkout on /checkout with the starter's calls: the option `optionId` as listed and priced there, no `data`. */
async function starterCheckout(browser: Browser, url: string, kind: Kind, optionId: string): Promise<Placed> {
  const { context, page, errors } = await newPage(browser)
  try {
    await cartWithAddress(page, url, "/checkout")
    const row = page.getByTestId("shipping-option").filter({ has: page.locator(`input[value="${optionId}"]`) })
    await row.getByTestId("shipping-option-price").filter({ hasText: "£" }).waitFor()
    const shown = pounds(await row.getByTestId("shipping-option-price").textContent())
    await row.locator("input").check()
    await summaryShows(page, shown)
    say(`starter ${kind}: "${await row.getByTestId("shipping-option-name").textContent()}" shown at £${shown.toFixed(2)}, summary agrees`)
    await shoot(page, `starter-${kind}-checkout`)
    const orderId = await placeOrder(page)
    await shoot(page, `starter-${kind}-order`)
    assert.equal(pounds(await page.getByTestId("order-shipping").textContent()), shown, "confirmation page shipping = price shown")
    assert.deepEqual(errors, [], "no page or hydration error")
    return { label: `starter ${kind}`, kind, orderId, shown }
  } finally {
    await context.close()
  }
}

/** The `data` of the latest kit choice, read from the server action's request (its arguments are JSON). */
function recordChoices(page: Page): Array<NonNullable<Placed["sent"]>> {
  const sent: Array<NonNullable<Placed["sent"]>> = []
  page.on("request", (request) => {
    const body = request.method() === "POST" && request.headers()["next-action"] ? (request.postData() ?? "") : ""
    const reference = /"deliveryOptionReference":"([^"]+)"/.exec(body)?.[1]
    if (reference) {
      sent.push({ delivery_option_reference: reference, pickup_location_shop_reference: /"pickupLocationShopReference":"([^"]+)"/.exec(body)?.[1] })
    }
  })
  return sent
}

/** Checkout on /checkout/kit: the kit's pickers, the choice passed to the `setShippingMethod` server action with `data`. */
async function kitCheckout(browser: Browser, url: string, kind: "delivery" | "pickup"): Promise<Placed> {
  const { context, page, errors } = await newPage(browser)
  try {
    const sent = recordChoices(page)
    await cartWithAddress(page, url, "/checkout/kit")
    let label: string
    if (kind === "delivery") {
      const days = page.getByRole("radiogroup", { name: "Delivery day" }).getByRole("radio")
      await days.first().waitFor()
      await days.nth(Math.min(1, (await days.count()) - 1)).click()
      const windows = page.getByRole("radiogroup", { name: /^Delivery time on / }).getByRole("radio")
      await windows.first().waitFor()
      label = (await windows.last().getAttribute("aria-label"))!
      await windows.last().click()
    } else {
      await page.getByRole("button", { name: "Pickup point" }).click()
      const points = page.getByRole("radiogroup", { name: "Pickup points" }).getByRole("radio")
      await points.first().waitFor()
      const name = (await points.first().getAttribute("aria-label"))!.split(",")[0]
      await points.first().click()
      const days = page.getByRole("radiogroup", { name: `Collection day at ${name}` }).getByRole("radio")
      await days.first().click()
      const options = page.getByRole("radiogroup", { name: /^Collection options on / }).getByRole("radio")
      label = (await options.first().getAttribute("aria-label"))!
      await options.first().click()
    }
    const shown = pounds(label)
    await summaryShows(page, shown)
    assert.ok(sent.length > 0, "the kit's choice went through the server action with a reference")
    say(`kit ${kind}: "${label}" at £${shown.toFixed(2)} → server action → summary agrees`)
    await shoot(page, `kit-${kind}-checkout`)
    const orderId = await placeOrder(page)
    await shoot(page, `kit-${kind}-order`)
    assert.equal(pounds(await page.getByTestId("order-shipping").textContent()), shown, "confirmation page shipping = price shown")
    assert.deepEqual(errors, [], "no page or hydration error")
    return { label: `kit ${kind}`, kind, orderId, shown, sent: sent[sent.length - 1] }
  } finally {
    await context.close()
  }
}

/** The order as charged (admin API) and in PRO (our records): the checks every order must pass. */
async function verify(placed: Placed, auth: Record<string, string>, page: { delivery?: string; pickup?: string }) {
  const { order } = await call("GET", `/admin/orders/${placed.orderId}?fields=shipping_total,*shipping_methods`, undefined, auth)
  assert.equal(Number(order.shipping_total), placed.shown, `${placed.label}: shipping charged = price shown`)
  const data = order.shipping_methods[0].data
  const flow = { delivery: "consumer_options", pickup: "consumer_options_pickup", standard: "order_flex" }[placed.kind]
  assert.equal(data.flow, flow, `${placed.label}: flow ${flow}`)
  if (placed.sent) {
    assert.equal(data.delivery_option_reference, placed.sent.delivery_option_reference, `${placed.label}: the kit's reference was stored`)
    assert.equal(data.pickup_location?.shop_reference, placed.sent.pickup_location_shop_reference, `${placed.label}: the kit's point was stored`)
  }
  if (placed.kind === "delivery") {
    assert.ok(data.delivery_date && page.delivery, `${placed.label}: the confirmation shows the delivery day (${data.delivery_date})`)
  }
  if (placed.kind === "pickup") {
    assert.ok(
      data.pickup_location?.name && page.pickup?.includes(data.pickup_location.name),
      `${placed.label}: the confirmation names the pickup point`
    )
  }
  const reference = await waitFor(`${placed.label}: order ${placed.orderId} in PRO`, async () => {
    const records = await call("GET", `/admin/sorted-pro/orders/${placed.orderId}/consignments`, undefined, auth)
    return [...records.pro_orders, ...records.consignments]
      .map((record: { reference?: string }) => record.reference)
      .find((ref) => /^E[OC]-/.test(ref ?? ""))
  })
  say(`ok: ${placed.label}: order ${placed.orderId} in PRO as ${reference}, shown = charged = £${placed.shown.toFixed(2)}`)
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  assert.ok(fs.existsSync(executablePath), `${executablePath} is missing: apt-get install -y chromium`)
  const wrote = await prepare(say)
  // before the demo: the build needs no backend (every page is dynamic), and a restarting demo has time to come back
  await buildExample(say)
  const { credentials, stop } = await demo()
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] })
  let example: { url: string; stop(): Promise<void> } | undefined
  const passed = { starter: 0, kit: 0 }
  const tracking = { linked: false }
  const fail = (error: unknown) => (console.error("FAILED (tracking link):", error), false)
  try {
    if (wrote) {
      await waitFor("Medusa healthy after the kit was built", healthy, 180_000)
    }
    example = await startExample(Number(process.env.STARTER_PORT ?? 8000), backend, credentials.publishable_key)
    say(`example storefront on ${example.url}`)
    const { token } = await call("POST", "/auth/user/emailpass", { email: credentials.admin_email, password: credentials.admin_password })
    const auth = { authorization: `Bearer ${token}` }
    const options = credentials.shipping_options as unknown as Record<Kind, string>
    const runs: Array<[keyof typeof passed, () => Promise<Placed>]> = [
      ...(["delivery", "pickup", "standard"] as const).map((kind): [keyof typeof passed, () => Promise<Placed>] => [
        "starter",
        () => starterCheckout(browser, example!.url, kind, options[kind]),
      ]),
      ...(["delivery", "pickup"] as const).map((kind): [keyof typeof passed, () => Promise<Placed>] => [
        "kit",
        () => kitCheckout(browser, example!.url, kind),
      ]),
    ]
    const placedOrders: Placed[] = []
    for (const [group, run] of runs) {
      try {
        const placed = await run()
        const confirmation = await confirmationTexts(browser, example.url, placed.orderId)
        await verify(placed, auth, confirmation)
        placedOrders.push(placed)
        passed[group]++
      } catch (error) {
        console.error(`FAILED (${group}):`, error)
      }
    }
    const delivery = placedOrders.find((placed) => placed.kind === "delivery")
    tracking.linked = delivery ? await trackingShown(browser, example.url, delivery.orderId, auth, credentials.stock_location_id).catch(fail) : false
  } finally {
    await browser.close()
    await example?.stop()
    await stop()
    fs.mkdirSync(shots, { recursive: true })
    for (const { name, png } of pending.splice(0)) {
      fs.writeFileSync(path.join(shots, name), png)
    }
  }
  say(`with the starter's calls: ${passed.starter}/3, with the kit: ${passed.kit}/2, tracking link on the confirmation: ${tracking.linked ? 1 : 0}/1`)
  process.exit(passed.starter === 3 && passed.kit === 2 && tracking.linked ? 0 : 1)
}

/**
 * Staff fulfil the order (admin API), then its confirmation page links each parcel to the carrier's tracking page: the
 * `tracking_url` of the fulfillment's labels, through the plugin's store tracking route and the kit's TrackingLink.
 */
async function trackingShown(browser: Browser, url: string, orderId: string, auth: Record<string, string>, locationId: string) {
  const { order } = await call("GET", `/admin/orders/${orderId}?fields=id,*items`, undefined, auth)
  const items = order.items.map((item: { id: string; quantity: number }) => ({ id: item.id, quantity: item.quantity }))
  await call("POST", `/admin/orders/${orderId}/fulfillments`, { items, location_id: locationId }, auth)
  const { order: fulfilled } = await call("GET", `/admin/orders/${orderId}?fields=id,fulfillments.labels.*`, undefined, auth)
  const labels: Array<{ tracking_number: string; tracking_url: string }> = fulfilled.fulfillments[0].labels
  assert.ok(labels.length && labels.every((label) => /^https:\/\//.test(label.tracking_url)), "the fulfillment's labels have tracking links")
  const { context, page } = await newPage(browser)
  try {
    await page.goto(`${url}/order/${orderId}/confirmed`)
    const links = page.getByTestId("order-parcels").locator("a")
    await links.first().waitFor()
    assert.deepEqual(
      await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href"))),
      labels.map((label) => label.tracking_url)
    )
    await shoot(page, "order-tracking")
    say(`ok: the confirmation of order ${orderId} links its ${labels.length} parcel(s) to ${labels[0].tracking_url}`)
    return true
  } finally {
    await context.close()
  }
}

/** The confirmation page's delivery-day and pickup-point lines for `orderId`, read afresh (server-rendered). */
async function confirmationTexts(browser: Browser, url: string, orderId: string) {
  const { context, page } = await newPage(browser)
  try {
    await page.goto(`${url}/order/${orderId}/confirmed`)
    const text = async (id: string) => ((await page.getByTestId(id).count()) ? ((await page.getByTestId(id).textContent()) ?? undefined) : undefined)
    return { delivery: await text("order-delivery-day"), pickup: await text("order-pickup-point") }
  } finally {
    await context.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
