/**
 * `npm run test:browser`: the storefront kit's example checkout (storefront/example) in Debian Chromium, driven by
 * playwright-core, against `npm run demo` (reused when one is already up with its storefront, else started here and
 * stopped at the end).
 *
 * 1. Home delivery: add an item, save the address, pick a day and a window; the order summary's shipping price
 *    follows the chosen window, also with the keyboard (arrow keys in the radio groups).
 * 2. Pickup: switch to "Pickup point", search a postcode, check the list is sorted by distance, pick a point and
 *    one of its collection options; the summary follows.
 * 3. Pay with `pp_system_default` and complete the order.
 * 4. Read the order through the store API (`GET /store/orders/:id`): its shipping method is the pickup option and
 *    its `data` holds the chosen references, carrier, day and the pickup location.
 * 5. Mobile (375 px) pickers, and the fallback state (sandbox fault on PRO Delivery Options → "delivery dates
 *    unavailable, standard delivery at £X", choosable: the example offers the flat "Standard delivery (SortedPRO)").
 * 6. Once in German (`?locale=de-DE`, a de-DE browser): the kit's pickers show their German texts, days and prices
 *    formatted by Intl in German ("Dienstag, 9. Juni, ab 3,95 £"); screenshots delivery-de.png and pickup-de.png.
 * Screenshots (element shots, 1× pixel ratio) go to integration-tests/browser/screenshots/ and are committed.
 * Needs /usr/bin/chromium (`apt-get install -y chromium`) or CHROMIUM_PATH.
 */
import assert from "node:assert/strict"
import fs from "node:fs"
import path from "node:path"
import { readCredentials as readDemoCredentials, startDemo } from "./demo"
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core"

const root = path.resolve(__dirname, "../..")
const shots = path.join(__dirname, "screenshots")
const started = Date.now()
const step = (message: string) => console.log(`[browser ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)

interface Credentials {
  store_url: string
  sandbox_url: string
  publishable_key: string
  storefront_url?: string | null
  shipping_options: { delivery: string; pickup?: string; standard: string }
}

const readCredentials = () => readDemoCredentials<Credentials>()
const ok = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false
  )

/** A running demo with its storefront: the current one, or one started here (stopped by `stop`). */
async function demo(): Promise<{ credentials: Credentials; stop(): Promise<void> }> {
  const current = readCredentials()
  if (current?.storefront_url && (await ok(current.storefront_url))) {
    // a demo is up; `medusa develop` restarts on every source change, so give its health a while
    const health = current.store_url.replace(/\/store$/, "/health")
    const until = Date.now() + 180_000
    while (!(await ok(health))) {
      if (Date.now() > until) {
        throw new Error(`a demo storefront answers at ${current.storefront_url} but Medusa at ${health} stays down`)
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    step(`reusing the running demo (${current.storefront_url})`)
    return { credentials: current, stop: async () => undefined }
  }
  step("starting npm run demo (tsx scripts/demo.ts)")
  const { credentials, output, stop } = await startDemo<Credentials>({}, async (fresh, output) =>
    output.includes("press Ctrl-C to stop") && fresh ? readCredentials() : undefined
  )
  if (!credentials.storefront_url) {
    await stop()
    throw new Error(`the demo started without its storefront:\n${output().slice(-4000)}`)
  }
  step(`demo ready: ${credentials.storefront_url}`)
  return { credentials, stop }
}

/** Parses "£11.65" (or "from £11.65") into 11.65. */
const pounds = (text: string | null) => {
  const match = /£\s?([\d,]+\.\d{2})/.exec(text ?? "")
  assert.ok(match, `no £ amount in ${JSON.stringify(text)}`)
  return Number(match[1].replace(/,/g, ""))
}

/**
 * Screenshots are kept in memory and written at the end: `medusa develop` restarts on any new file in the repo,
 * which would break the steps that follow.
 */
const pending: Array<{ file: string; png: Buffer }> = []
async function shoot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  const png = "goto" in target ? await target.screenshot(options) : await target.screenshot()
  pending.push({ file: path.join(shots, name), png })
}
function writeScreenshots() {
  for (const { file, png } of pending.splice(0)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, png)
  }
}

/** The page in use, screenshotted to test-results/browser-failure.png when a step fails. */
let currentPage: Page | undefined

async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
  locale = "en-GB"
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale, timezoneId: "Europe/London" })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  currentPage = page
  return { context, page, errors }
}

/** Opens the checkout with a fresh cart holding `product`, and saves the pre-filled Manchester address. */
async function basketAndAddress(page: Page, url: string, product: string) {
  await page.goto(url)
  await page.getByRole("button", { name: `Add ${product}` }).click()
  await page.locator(".lines li").first().waitFor()
  await page.getByRole("button", { name: "Save address" }).click()
}

/** A German amount: "ab 3,95 £" → 3.95. */
const germanPounds = (text: string | null) => {
  const match = /(\d+),(\d{2})\s£/.exec((text ?? "").replace(/[\u00a0\u202f]/g, " "))
  assert.ok(match, `no German £ amount in ${JSON.stringify(text)}`)
  return Number(`${match[1]}.${match[2]}`)
}

/** Step 6: the kit's pickers in German (the example passes `?locale=de-DE` to `<SortedProProvider locale>`). */
async function germanPickers(browser: Browser, storefrontUrl: string) {
  const german = await newPage(browser, { width: 1280, height: 1000 }, "de-DE")
  const page = german.page
  await basketAndAddress(page, `${storefrontUrl}?locale=de-DE`, "Merino Socks")
  const days = page.getByRole("radiogroup", { name: "Liefertag" })
  await days.waitFor()
  const dayLabel = (await days.getByRole("radio").first().getAttribute("aria-label"))!
  assert.match(
    dayLabel.replace(/[\u00a0\u202f]/g, " "),
    /^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}\. \p{L}+, ab \d+,\d{2} £$/u
  )
  const windows = page.getByRole("radiogroup", { name: `Lieferzeit am ${dayLabel.split(", ab")[0]}` }).getByRole("radio")
  const labels = await windows.evaluateAll((radios) => radios.map((radio) => radio.getAttribute("aria-label") ?? ""))
  const timed = labels.findIndex((label) => /^\d\d:\d\d–\d\d:\d\d/.test(label))
  assert.ok(timed >= 0, `a timed window among ${labels.join(" | ")}`)
  await windows.nth(timed).click()
  await page.getByText(/^Lieferung am .+: [\d,]+\s£$/).waitFor()
  assert.ok(germanPounds(dayLabel) <= germanPounds(labels[timed]), "the day's from price is at most its window's price")
  step(`German: "${dayLabel}", window "${labels[timed]}"`)
  await shoot(page.locator(".spk-delivery"), "delivery-de.png")

  await page.getByRole("tab", { name: "Pickup point" }).click()
  const pickup = page.locator(".spk-pickup")
  const points = pickup.getByRole("radiogroup", { name: "Abholpunkte" }).getByRole("radio")
  await points.first().waitFor()
  assert.ok(await pickup.getByLabel("Postleitzahl").isVisible(), "the postcode field is labelled Postleitzahl")
  assert.match((await points.first().getAttribute("aria-label"))!, / km entfernt, .*ab \d+,\d{2}\s£$/)
  await points.first().click()
  await pickup.locator(".spk-details").getByText("Öffnungszeiten").waitFor()
  await shoot(pickup, "pickup-de.png")
  assert.deepEqual(german.errors, [], "no page errors in German")
  await german.context.close()
  step("German pickers checked")
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  assert.ok(fs.existsSync(executablePath), `${executablePath} is missing: apt-get install -y chromium`)
  const { credentials, stop } = await demo()
  const backend = credentials.store_url.replace(/\/store$/, "")
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] })
  try {
    // ── 1. home delivery, desktop ────────────────────────────────────────────────────────────────────────
    const desktop = await newPage(browser, { width: 1280, height: 1000 })
    const page = desktop.page
    const added: Array<{ option_id: string; data?: Record<string, string> }> = []
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/shipping-methods")) {
        added.push(request.postDataJSON())
      }
    })
    await basketAndAddress(page, credentials.storefront_url!, "Merino Socks")
    step("basket and address saved")

    const days = page.getByRole("radiogroup", { name: "Delivery day" })
    await days.waitFor()
    const dayRadios = days.getByRole("radio")
    assert.ok((await dayRadios.count()) >= 2, "at least two delivery days")
    assert.equal(await page.getByTestId("summary-shipping").textContent(), "Choose below")
    await dayRadios.nth(1).click()
    assert.equal(await dayRadios.nth(1).getAttribute("aria-checked"), "true")
    const dayLabel = (await dayRadios.nth(1).getAttribute("aria-label"))!
    const windows = page.getByRole("radiogroup", { name: `Delivery time on ${dayLabel.split(",")[0]}` })
    const windowRadios = windows.getByRole("radio")
    const windowCount = await windowRadios.count()
    const windowLabels = await Promise.all(Array.from({ length: windowCount }, (_, index) => windowRadios.nth(index).getAttribute("aria-label")))
    step(`day "${dayLabel}": ${windowLabels.join(" | ")}`)
    const timed = windowLabels.findIndex((label) => /^\d\d:\d\d–\d\d:\d\d/.test(label!))
    assert.ok(timed >= 0, "a timed window on the chosen day")
    await windowRadios.nth(timed).click()
    await page.getByText(/^Delivery on .+: £/).waitFor()
    const firstPrice = pounds(windowLabels[timed])
    assert.equal(pounds(await page.getByTestId("summary-shipping").textContent()), firstPrice)
    assert.ok(pounds(dayLabel) <= firstPrice, "the day's from price is at most its window's price")
    step(`window ${windowLabels[timed]} → summary shipping £${firstPrice}`)

    // the keyboard: another window by arrow key, whose price differs if the day has one
    const other = windowLabels.findIndex((label, index) => index !== timed && pounds(label) !== firstPrice)
    if (other >= 0) {
      await windowRadios.nth(timed).focus()
      const key = other > timed ? "ArrowDown" : "ArrowUp"
      for (let index = 0; index < Math.abs(other - timed); index++) {
        await page.keyboard.press(key)
      }
      assert.equal(await windowRadios.nth(other).getAttribute("aria-checked"), "true")
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), windowLabels[other])
      await page.waitForFunction(
        (expected) => document.querySelector('[data-testid="summary-shipping"]')?.textContent?.includes(expected),
        `£${pounds(windowLabels[other]).toFixed(2)}`
      )
      step(`arrow keys → ${windowLabels[other]}; summary updated`)
    }
    const summaryText = await page.getByTestId("shipping-summary").textContent()
    assert.match(summaryText!, /Delivery day \(SortedPRO\)/)
    assert.match(summaryText!, /Delivery on /)
    await shoot(page.locator(".spk-delivery"), "delivery-desktop.png")
    await shoot(page, "checkout-desktop.png", { fullPage: true })

    // ── 2. pickup, desktop ───────────────────────────────────────────────────────────────────────────────
    await page.getByRole("tab", { name: "Pickup point" }).click()
    const pickup = page.locator(".spk-pickup")
    await pickup.getByRole("radiogroup", { name: "Pickup points" }).waitFor()
    await pickup.getByLabel("Postcode").fill("M4 1HN")
    const searched = page.waitForResponse((response) => response.url().includes("/pickup-options") && response.url().includes("M4"))
    await pickup.getByRole("button", { name: "Search" }).click()
    const searchAnswer = await (await searched).json()
    assert.ok(searchAnswer.locations.length >= 2, "at least two pickup points")
    const points = pickup.getByRole("radiogroup", { name: "Pickup points" }).getByRole("radio")
    await page.waitForFunction(
      (first) => document.querySelector(".spk-points [role=radio]")?.getAttribute("aria-label")?.startsWith(first),
      searchAnswer.locations[0].name
    )
    const distances = await pickup.locator(".spk-point-distance").allTextContents()
    const km = distances.map((text) => Number(text.replace(/[^\d.]/g, "")))
    assert.deepEqual(
      km,
      [...km].sort((a, b) => a - b),
      "points sorted by distance"
    )
    assert.equal(await points.count(), searchAnswer.locations.length)
    step(`postcode M4 1HN: ${searchAnswer.locations.length} points, ${distances.join(", ")}`)
    const pointIndex = searchAnswer.locations.findIndex((location: { options: unknown[] }) => location.options.length > 0)
    assert.ok(pointIndex >= 0, "a point with options")
    const point = searchAnswer.locations[pointIndex]
    await points.nth(pointIndex).click()
    const details = pickup.getByRole("group", { name: point.name })
    await details.waitFor()
    assert.equal(await details.getByRole("row").count(), 7, "a week of opening hours")
    const collectionDays = details.getByRole("radiogroup", { name: `Collection day at ${point.name}` }).getByRole("radio")
    assert.ok((await collectionDays.count()) >= 1, "collection days")
    await collectionDays.last().click()
    const pointOptions = details.getByRole("radiogroup", { name: /^Collection options on / }).getByRole("radio")
    const optionLabel = (await pointOptions.first().getAttribute("aria-label"))!
    await pointOptions.first().click()
    await pickup.getByText(/^Collect from .+: £/).waitFor()
    const pickupPrice = pounds(optionLabel)
    assert.equal(pounds(await page.getByTestId("summary-shipping").textContent()), pickupPrice)
    assert.match((await page.getByTestId("shipping-summary").textContent())!, new RegExp(`Collect from ${point.name}`))
    step(`point ${point.name} (${point.shop_reference}), ${optionLabel} → summary shipping £${pickupPrice}`)
    await shoot(pickup, "pickup-desktop.png")
    const chosen = added[added.length - 1]
    assert.equal(chosen.option_id, searchAnswer.shipping_option_id)
    assert.equal(chosen.data?.pickup_location_shop_reference, point.shop_reference)
    const chosenOption = point.options.find((option: { reference: string }) => option.reference === chosen.data?.delivery_option_reference)
    assert.ok(chosenOption, "the added reference is one of the point's options")
    assert.equal(chosenOption.price.amount, pickupPrice)

    // ── 3. pay and complete ──────────────────────────────────────────────────────────────────────────────
    await page.getByRole("button", { name: /^Pay £.+ and place order$/ }).click()
    await page.getByRole("heading", { name: "Thank you, your order is placed" }).waitFor()
    const orderId = (await page.getByTestId("order-id").textContent())!
    await shoot(page, "order-placed-desktop.png")
    step(`order ${orderId} placed`)

    // ── 4. the order's shipping method, through the store API ───────────────────────────────────────────
    const response = await fetch(`${backend}/store/orders/${orderId}?fields=*shipping_methods`, {
      headers: { "x-publishable-api-key": credentials.publishable_key },
    })
    assert.equal(response.status, 200, `GET /store/orders/${orderId}: ${response.status} ${await response.clone().text()}`)
    const { order } = await response.json()
    assert.equal(order.shipping_methods.length, 1)
    const method = order.shipping_methods[0]
    assert.equal(method.shipping_option_id, searchAnswer.shipping_option_id)
    if (credentials.shipping_options.pickup) {
      assert.equal(method.shipping_option_id, credentials.shipping_options.pickup)
    }
    assert.equal(Number(method.amount), pickupPrice)
    assert.equal(method.data.delivery_option_reference, chosenOption.reference)
    assert.equal(method.data.pickup_location.shop_reference, point.shop_reference)
    assert.equal(method.data.pickup_location.name, point.name)
    assert.equal(method.data.delivery_date, chosenOption.date)
    assert.equal(method.data.carrier, chosenOption.carrier)
    step(`order shipping method: ${JSON.stringify(method.data)}`)
    assert.deepEqual(desktop.errors, [], "no page errors")
    await desktop.context.close()

    // ── 5a. mobile, 375 px ───────────────────────────────────────────────────────────────────────────────
    const mobile = await newPage(browser, { width: 375, height: 812 })
    await basketAndAddress(mobile.page, credentials.storefront_url!, "Canvas Tote")
    const mobileDays = mobile.page.getByRole("radiogroup", { name: "Delivery day" })
    await mobileDays.waitFor()
    await mobile.page.locator(".spk-windows [role=radio]").first().click()
    await mobile.page.getByText(/^Delivery on .+: £/).waitFor()
    const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `no horizontal page scroll at 375 px (overflow ${overflow}px)`)
    await shoot(mobile.page.locator(".spk-delivery"), "delivery-mobile.png")
    await mobile.page.getByRole("tab", { name: "Pickup point" }).click()
    const mobilePoints = mobile.page.getByRole("radiogroup", { name: "Pickup points" }).getByRole("radio")
    await mobilePoints.first().waitFor()
    await mobilePoints.first().click()
    await mobile.page.locator(".spk-details").waitFor()
    await shoot(mobile.page.locator(".spk-pickup"), "pickup-mobile.png")
    assert.deepEqual(mobile.errors, [], "no page errors on mobile")
    await mobile.context.close()
    step("mobile screenshots taken")

    // ── 5b. fallback: PRO Delivery Options failing ───────────────────────────────────────────────────────
    const fault = await fetch(`${credentials.sandbox_url}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pathPattern: "^/deliveryoptions/?$", method: "POST", status: 503 }),
    })
    assert.equal(fault.status, 201, "sandbox fault added")
    try {
      const fallback = await newPage(browser, { width: 1280, height: 900 })
      // a cart state not seen before (another product), so no cached PRO answer applies
      await basketAndAddress(fallback.page, credentials.storefront_url!, "Wool Blanket")
      const notice = fallback.page.getByText(/^Delivery dates are unavailable right now\. Standard delivery at £/)
      await notice.waitFor()
      const fallbackPrice = pounds(await notice.textContent())
      await fallback.page.getByRole("radio", { name: /Standard delivery/ }).click()
      await fallback.page.getByText(/^Standard delivery: £/).waitFor()
      assert.equal(pounds(await fallback.page.getByTestId("summary-shipping").textContent()), fallbackPrice)
      // the example offers the flat "Standard delivery (SortedPRO)" option as the fallback
      assert.match((await fallback.page.getByTestId("shipping-summary").textContent())!, /^Standard delivery \(SortedPRO\): £/)
      await shoot(fallback.page.locator(".spk-delivery"), "delivery-fallback.png")
      assert.deepEqual(fallback.errors, [], "no page errors in fallback")
      await fallback.context.close()
      step(`fallback: standard delivery at £${fallbackPrice} chosen`)
    } finally {
      await fetch(`${credentials.sandbox_url}/_sandbox/faults`, { method: "DELETE" })
    }
    await germanPickers(browser, credentials.storefront_url!)
    step(`browser test passed; screenshots in ${path.relative(root, shots)}/`)
  } catch (error) {
    const file = path.join(root, "test-results", "browser-failure.png")
    const png = await currentPage?.screenshot({ fullPage: true }).catch(() => undefined)
    if (png) {
      pending.push({ file, png })
      step(`failure screenshot: ${path.relative(root, file)}`)
    }
    throw error
  } finally {
    await browser.close()
    await stop()
    writeScreenshots()
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
