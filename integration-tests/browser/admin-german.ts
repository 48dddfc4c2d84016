/**
 * The admin browser test's German pass (admin.ts, last step; also `tsx integration-tests/browser/admin-german.ts` on
 * its own, which places a delivery-day order first): the admin's language set to German the way the dashboard keeps
 * it (its `lng` cookie, what Profile → Language writes), a de-DE browser in Europe/Berlin. The SortedPRO page and an
 * order's widget must show our German texts (src/admin/i18n/json/de.json), dates in German and no English of ours.
 * Screenshots `admin-page-de.png` and `admin-widget-de.png`.
 */
import { chromium, type Browser } from "playwright-core"
import { call, check, type Credentials, demo, logIn, type OrderRecords, placeOrder, say, shot, waitFor, writeFiles } from "./admin-support"

/** Texts of ours in English that must not show in the German admin. */
const ENGLISH = ["End-of-day manifest", "Consignments, labels and manifests", "Delivery promise", "Print label", "Reconcile now", "Daily manifest"]

/** Runs the German pass against a running demo for `orderId`, whose consignment is `reference`. */
export async function germanPass(ctx: { browser: Browser; credentials: Credentials; orderId: string; reference: string }): Promise<void> {
  const { browser, credentials, orderId, reference } = ctx
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 1,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
  })
  await context.addCookies([{ name: "lng", value: "de", url: credentials.admin_url }])
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  try {
    await logIn(page, credentials)
    await page.goto(`${credentials.admin_url}/sorted-pro`)
    const list = page.getByTestId("sorted-pro-consignments")
    await list.locator(`tbody tr:has-text("${reference}")`).waitFor()
    const health = page.getByTestId("sorted-pro-health")
    await health.getByTestId("api-key-status").waitFor()
    await page.getByTestId("manifest-time-zone").waitFor()
    const text = await page.getByTestId("sorted-pro-page").innerText()
    for (const german of ["Sendungen", "Tagesabschluss-Manifest", "Zustand", "Jetzt abgleichen", "Einstellungen", "Zeitzone", "Versandstandorte"]) {
      check(text.includes(german), `the SortedPRO page shows "${german}"`)
    }
    check((await health.getByTestId("api-key-status").innerText()).includes("Funktioniert"), "health: the API key status reads Funktioniert")
    check((await page.getByTestId("manifest-time-zone").inputValue()) !== "", "settings: the manifest's time zone is shown")
    check(!ENGLISH.some((english) => text.includes(english)), "no English text of ours on the page")
    const pageHeight = await page.getByTestId("sorted-pro-page").evaluate((element) => element.scrollHeight)
    await page.setViewportSize({ width: 1440, height: pageHeight + 120 })
    await shot(page, "page-de")
    await page.setViewportSize({ width: 1440, height: 1000 })

    await page.goto(`${credentials.admin_url}/orders/${orderId}`)
    const widget = page.getByTestId("sorted-pro-widget")
    const card = widget.locator(`[data-reference="${reference}"]`)
    await card.waitFor({ timeout: 120_000 })
    const cardText = await widget.innerText()
    check(cardText.includes("Sendungen, Etiketten und Manifeste dieser Bestellung"), "the widget's subtitle is German")
    check(cardText.includes("Lieferzusage") && cardText.includes("Versanddienstleister · Service"), "the card's rows are German")
    check(
      /\b(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. \p{L}+\.? \d{4}/u.test(cardText),
      `the delivery promise's date is German (${cardText.match(/\b(Mo|Di|Mi|Do|Fr|Sa|So)\.[^·\n]*/)?.[0]})`
    )
    const state = (await card.getByTestId("consignment-state").innerText()).trim()
    check(
      ["Zugewiesen", "Im Manifest", "Versandbereit", "Abgeholt", "Unterwegs"].some((name) => state.includes(name)),
      `the state badge is German: ${state}`
    )
    check(!ENGLISH.some((english) => cardText.includes(english)), "no English text of ours in the widget")
    await shot(widget, "widget-de")
    check(errors.length === 0, `no page errors in German${errors.length ? `: ${errors.join("; ")}` : ""}`)
  } finally {
    await context.close()
  }
}

/** On its own: a delivery-day order through the store API, then the German pass. */
async function main() {
  const { credentials, stop } = await demo()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  })
  try {
    const { token } = await call("POST", "/auth/user/emailpass", { email: credentials.admin_email, password: credentials.admin_password })
    const records = (id: string): Promise<OrderRecords> =>
      call("GET", `/admin/sorted-pro/orders/${id}/consignments`, undefined, { authorization: `Bearer ${token}` })
    const orderId = await placeOrder(credentials, "delivery", 1)
    const reference: string = await waitFor(`the consignment of ${orderId}`, async () => (await records(orderId)).consignments[0]?.reference)
    say(`order ${orderId} placed; consignment ${reference}`)
    await germanPass({ browser, credentials, orderId, reference })
    say("passed")
  } finally {
    await browser.close()
    await stop()
    writeFiles()
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
