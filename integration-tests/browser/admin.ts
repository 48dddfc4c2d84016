/**
 * `npm run test:browser:admin` — the admin experience of issue 6 in headless Chromium (playwright-core + Debian
 * `chromium` at /usr/bin/chromium, or `CHROMIUM_PATH`), against `npm run demo`:
 *
 * 1. uses the demo at `http://localhost:${PORT ?? 9000}` when it answers `/health`, else starts `npm run demo` and
 *    stops it at the end; reads `.demo/credentials.json`;
 * 2. places a delivery-day order through the store API (as `npm run demo:journey` does);
 * 3. logs in to the admin, opens the order and sees its consignment (Allocated) in the SortedPRO widget;
 * 4. re-allocates it with a quote picked from PRO's quotes table; 5. downloads its PDF label;
 * 6. manifests from the SortedPRO page (preview, confirmation, result); 7. checks the states shown (Manifested).
 *
 * Screenshots go to `test-results/admin-*.png`, the label to `test-results/admin-label.pdf` (written to a temporary
 * folder during the run, because `medusa develop` restarts on file changes in the project). Do not edit the project
 * while it runs. Exits 1 on failure.
 */
import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { chromium, Page } from "playwright-core"

const root = path.resolve(__dirname, "../..")
const results = path.join(root, "test-results")
// `medusa develop` restarts (dropping admin sessions) on any file change in the project: write artefacts outside it
// while the demo runs, and copy them into test-results/ at the end
const out = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-admin-browser-"))
const port = Number(process.env.PORT ?? 9000)
const backend = `http://localhost:${port}`
const credentialsFile = path.join(root, ".demo", "credentials.json")
const started = Date.now()
const say = (message: string) => console.log(`[admin browser ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)

async function healthy() {
  return fetch(`${backend}/health`).then((response) => response.ok, () => false)
}

async function startDemo(): Promise<ChildProcess> {
  say("starting npm run demo")
  const before = fs.existsSync(credentialsFile) ? fs.statSync(credentialsFile).mtimeMs : 0
  const child = spawn("npm", ["run", "demo"], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true })
  const log = fs.createWriteStream(path.join(out, "admin-demo.log"))
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const until = Date.now() + 600_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`npm run demo exited with ${child.exitCode} (see test-results/admin-demo.log)`)
    if (fs.existsSync(credentialsFile) && fs.statSync(credentialsFile).mtimeMs > before && (await healthy())) return child
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error("npm run demo did not become ready in 10 minutes")
}

async function stopDemo(child?: ChildProcess) {
  if (!child?.pid || child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once("exit", resolve))
  process.kill(-child.pid, "SIGINT")
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))])
}

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${backend}${url}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`)
  return response.json()
}

/** A delivery-day order over the store API; returns its id once its consignment is in PRO. */
async function placeOrder(credentials: any): Promise<{ orderId: string; reference: string; token: string }> {
  const store = { "x-publishable-api-key": credentials.publishable_key }
  const { cart } = await call("POST", "/store/carts", {
    region_id: credentials.region_id,
    email: "browser-admin@example.com",
    items: [{ variant_id: credentials.variant_ids[1], quantity: 1 }],
    shipping_address: { first_name: "Grace", last_name: "Hopper", address_1: "1 King Street", city: "Manchester", postal_code: "M2 4WU", country_code: "gb", phone: "07700900001" },
  }, store)
  const listing = await call("GET", `/store/sorted-pro/delivery-options?cart_id=${cart.id}`, undefined, store)
  const chosen = listing.options.find((option: any) => option.window) ?? listing.options[0]
  await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: listing.shipping_option_id, data: { delivery_option_reference: chosen.reference } }, store)
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id }, store)
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, store)
  const completed = await call("POST", `/store/carts/${cart.id}/complete`, {}, store)
  const orderId = completed.order.id
  const { token } = await call("POST", "/auth/user/emailpass", { email: credentials.admin_email, password: credentials.admin_password })
  const until = Date.now() + 30_000
  for (;;) {
    const { consignments } = await call("GET", `/admin/sorted-pro/orders/${orderId}/consignments`, undefined, { authorization: `Bearer ${token}` })
    if (consignments[0]?.reference) return { orderId, reference: consignments[0].reference, token }
    if (Date.now() > until) throw new Error(`order ${orderId} has no PRO consignment after 30 s`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

function check(condition: unknown, message: string) {
  if (!condition) throw new Error(`check failed: ${message}`)
  say(`ok: ${message}`)
}

async function shot(page: Page, name: string, selector?: string) {
  const file = path.join(out, `admin-${name}.png`)
  if (selector) await page.locator(selector).first().screenshot({ path: file })
  else await page.screenshot({ path: file, fullPage: true })
  say(`screenshot test-results/${path.basename(file)}`)
}

/** Copies the run's artefacts into test-results/ (after the demo stopped, or when the run is over). */
function publishArtefacts() {
  fs.mkdirSync(results, { recursive: true })
  for (const name of fs.readdirSync(out)) {
    fs.copyFileSync(path.join(out, name), path.join(results, name))
  }
}

async function main() {
  let demo: ChildProcess | undefined
  let failurePage: Page | undefined
  const browser = await chromium
    .launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] })
  try {
    if (!(await healthy())) demo = await startDemo()
    const credentials = JSON.parse(fs.readFileSync(credentialsFile, "utf8"))
    const { orderId, reference } = await placeOrder(credentials)
    say(`order ${orderId} placed; consignment ${reference}`)

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true })
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    failurePage = page

    // 1. log in
    await page.goto(`${credentials.admin_url}/login`, { timeout: 300_000 })
    await page.locator('input[name="email"]').fill(credentials.admin_email)
    await page.locator('input[name="password"]').fill(credentials.admin_password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 120_000 })
    say("logged in")

    // 2–3. the order and its consignment
    await page.goto(`${credentials.admin_url}/orders/${orderId}`)
    const widget = page.getByTestId("sorted-pro-widget")
    const card = widget.locator(`[data-reference="${reference}"]`)
    await card.waitFor({ timeout: 120_000 })
    check((await card.getByTestId("consignment-reference").innerText()).trim() === reference, `the widget shows consignment ${reference}`)
    check((await card.getByTestId("consignment-state").innerText()).includes("Allocated"), "its state badge reads Allocated")
    await shot(page, "widget-allocated", '[data-testid="sorted-pro-widget"]')
    await shot(page, "order-page")

    // 4. re-allocate with a quote
    await card.getByTestId("allocate").click()
    await page.locator("#strategy-quote").click()
    const rows = page.getByTestId("quote-row")
    await rows.first().waitFor()
    const count = await rows.count()
    check(count > 1, `PRO's quotes table lists ${count} quotes`)
    const pick = rows.nth(count - 1)
    const service = (await pick.locator("td").nth(2).innerText()).trim()
    await pick.click()
    await shot(page, "allocate-quotes")
    await page.getByRole("button", { name: "Allocate", exact: true }).click()
    await page.getByText("Allocated", { exact: true }).first().waitFor()
    await page.waitForFunction(
      ([ref, svc]) => document.querySelector(`[data-reference="${ref}"] [data-testid="consignment-carrier"]`)?.textContent?.includes(svc),
      [reference, service] as const,
      { timeout: 30_000 }
    )
    check(true, `allocated with the quote for ${service}`)
    check((await card.getByTestId("consignment-state").innerText()).includes("Allocated"), "state is Allocated after the quote")

    // 5. download the label
    await card.getByTestId("consignment-actions").click()
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()])
    const labelFile = path.join(out, "admin-label.pdf")
    await download.saveAs(labelFile)
    check(fs.readFileSync(labelFile).subarray(0, 4).toString() === "%PDF", `label downloaded as PDF (${fs.statSync(labelFile).size} bytes)`)

    // 6. manifest from the SortedPRO page
    await page.goto(`${credentials.admin_url}/sorted-pro`)
    await page.getByTestId("sorted-pro-consignments").locator("tbody tr").first().waitFor()
    await page.getByTestId("api-key-status").waitFor()
    check((await page.getByTestId("api-key-status").innerText()).includes("Works"), "health panel: the API key works")
    const manifestButton = page.getByTestId("run-manifest")
    await page.waitForFunction(() => {
      const button = document.querySelector('[data-testid="run-manifest"]') as HTMLButtonElement | null
      return button && !button.disabled
    })
    await shot(page, "page")
    await manifestButton.click()
    await page.getByRole("button", { name: "Manifest", exact: true }).last().click()
    const result = page.getByTestId("manifest-result")
    await result.waitFor()
    const resultText = await result.innerText()
    check(resultText.includes(`${reference} Manifested`), `manifest result lists ${reference} Manifested`)
    await shot(page, "manifest-result", '[data-testid="sorted-pro-manifest"]')
    await page.getByTestId("sorted-pro-consignments").getByPlaceholder("EC- reference or order id").fill("EC-ZZZ-ZZZ-ZZZ")
    await page.getByText("No results").first().waitFor()
    await shot(page, "list-empty", '[data-testid="sorted-pro-consignments"]')

    // 7. the states shown
    await page.goto(`${credentials.admin_url}/orders/${orderId}`)
    await card.waitFor({ timeout: 120_000 })
    check((await card.getByTestId("consignment-state").innerText()).includes("Manifested"), "the widget shows Manifested")
    await shot(page, "widget-manifested", '[data-testid="sorted-pro-widget"]')
    say("passed")
  } catch (error) {
    await failurePage?.screenshot({ path: path.join(out, "admin-failure.png") }).catch(() => undefined)
    say("failed: screenshot test-results/admin-failure.png")
    throw error
  } finally {
    await browser.close()
    await stopDemo(demo)
    publishArtefacts()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
