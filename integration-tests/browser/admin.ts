/**
 * `npm run test:browser:admin` — the admin experience of issue 6 in headless Chromium (playwright-core + Debian
 * `chromium` at /usr/bin/chromium, or `CHROMIUM_PATH`), against `npm run demo`:
 *
 * 1. uses the demo of this project on `http://localhost:${PORT ?? 9000}` when one is running (Medusa or its PRO
 *    sandbox answers), else starts `npm run demo` and stops it at the end; reads `.demo/credentials.json`;
 * 2. places three orders through the store API: a delivery-day order (its consignment is allocated at once), one
 *    whose Select Option PRO keeps turning away with 429 (sandbox fault: the consignment records the error and its
 *    CorrelationId; a 4xx other than 429 would be a refusal for good, which ships the order as Order Flex instead),
 *    and a flat-rate order (a PRO order, no consignment until fulfillment);
 * 3. logs in to the admin, opens the first order: loading state, then its consignment (Allocated) in the widget;
 * 4. re-allocates it with a quote picked from PRO's quotes table (a service other than the current one);
 * 5. downloads its PDF label and checks it is a PDF with pages (pdf-lib);
 * 6. the second order shows the error with its CorrelationId; Retry creates the consignment; the third shows the
 *    widget's empty state, then, fulfilled while PRO refuses allocations (sandbox fault), a consignment in PRO whose
 *    allocation failed: its state and "Sync failed" badges, the error with its CorrelationId, Allocate and Retry; a
 *    pickup order placed over the store API shows its pickup point's name (admin-pickup.ts);
 * 7. the SortedPRO page: list filtered by state, health (API key shown by its last 4 characters only; a failing key
 *    via a sandbox fault, and "Reconcile now" then reporting why nothing was tried), "Reconcile now" (its toast; the
 *    third order's consignment allocated), settings (an allocation strategy saved for one shipping option, still
 *    there after a reload; the stock location's default read from its metadata), manifest preview, a manifest PRO
 *    partly refuses (FailedConsignments, injected by a sandbox fault) and the real manifest; 8. the widget then shows
 *    Manifested; 9. the daily manifest switched on (00:00): once the job ran, the settings and the health panel show
 *    its last run in the admin's locale. Settings the run changed are posted back as they were: the manifest time
 *    returns, a per-option strategy stays (the settings route cannot drop a map entry yet: Medusa merges JSON on update);
 * 10. the admin once in German (admin-german.ts): the SortedPRO page and the first order's widget, screenshots *-de.png.
 *
 * Screenshots (1× pixel ratio) go to integration-tests/browser/screenshots/admin-*.png and are committed; the label
 * to test-results/admin-label.pdf, a failure screenshot to test-results/admin-failure.png. Files are written at the
 * end, because `medusa develop` restarts on file changes in the project. Exits 1 when any step fails.
 *
 * Step 7 is in admin-page.ts; the demo, API calls, orders, screenshots and checks in admin-support.ts.
 */
import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { PDFDocument } from "pdf-lib"
import { chromium, type Page } from "playwright-core"
import {
  shots,
  results,
  say,
  demo,
  call,
  waitFor,
  OrderRecords,
  placeOrder,
  pending,
  shot,
  writeFiles,
  check,
  orFailureToast,
  noToasts,
  logIn,
} from "./admin-support"
import { germanPass } from "./admin-german"
import { sortedProPageSteps } from "./admin-page"
import { pickupPointStep } from "./admin-pickup"

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  assert.ok(fs.existsSync(executablePath), `${executablePath} is missing: apt-get install -y chromium`)
  const { credentials, stop } = await demo()
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] })
  const sandbox = credentials.sandbox_url
  const fault = (body: Record<string, unknown>) => call("POST", `${sandbox}/_sandbox/faults`, body)
  const clearFaults = () => call("DELETE", `${sandbox}/_sandbox/faults`)
  let page: Page | undefined
  const undo = { restoreSettings: async () => {} }
  try {
    await clearFaults()
    const { token } = await call("POST", "/auth/user/emailpass", { email: credentials.admin_email, password: credentials.admin_password })
    const auth = { authorization: `Bearer ${token}` }
    const records = (orderId: string): Promise<OrderRecords> => call("GET", `/admin/sorted-pro/orders/${orderId}/consignments`, undefined, auth)

    // ── orders through the store API ─────────────────────────────────────────────────────────────────
    const orderA = await placeOrder(credentials, "delivery", 1)
    const refA: string = await waitFor(`the consignment of ${orderA}`, async () => (await records(orderA)).consignments[0]?.reference)
    say(`order ${orderA} placed; consignment ${refA}`)

    await fault({ pathPattern: "/deliveryoptions/select/*", method: "POST", status: 429, retryAfterSeconds: 0 })
    const orderB = await placeOrder(credentials, "delivery", 2)
    const failed = await waitFor(`the failed consignment of ${orderB}`, async () =>
      (await records(orderB)).consignments.find((c) => c.last_error && c.sync_status !== "synced")
    )
    check(
      failed.last_error.correlation_id,
      `order ${orderB}: PRO turned Select Option away (${failed.last_error.status} ${failed.last_error.code}, CorrelationId ${failed.last_error.correlation_id})`
    )
    // the fault stays until Retry is clicked, so the reconcile job (every 5 minutes) cannot finish it first

    const orderC = await placeOrder(credentials, "standard", 3)
    await waitFor(`the PRO order of ${orderC}`, async () => (await records(orderC)).pro_orders[0]?.reference)
    say(`flat-rate order ${orderC} placed`)

    // ── 1. log in ────────────────────────────────────────────────────────────────────────────────────
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      deviceScaleFactor: 1,
      locale: "en-GB",
      timezoneId: "Europe/London",
      acceptDownloads: true,
    })
    page = await context.newPage()
    page.setDefaultTimeout(60_000)
    const errors: string[] = []
    page.on("pageerror", (error) => errors.push(error.message))
    await logIn(page, credentials)
    say("logged in")

    // ── 2–3. the order, its widget loading, then its consignment ───────────────────────────────────
    const widget = page.getByTestId("sorted-pro-widget")
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const consignmentsRoute = `**/admin/sorted-pro/orders/${orderA}/consignments`
    await page.route(consignmentsRoute, async (route) => {
      await held
      await route.fallback()
    })
    await page.goto(`${credentials.admin_url}/orders/${orderA}`)
    await widget.locator('[aria-busy="true"]').waitFor({ timeout: 120_000 })
    await shot(widget, "widget-loading")
    release()

    const card = widget.locator(`[data-reference="${refA}"]`)
    await card.waitFor()
    await page.unroute(consignmentsRoute)
    check((await card.getByTestId("consignment-reference").innerText()).trim() === refA, `the widget shows consignment ${refA}`)
    check((await card.getByTestId("consignment-state").innerText()).includes("Allocated"), "its state badge reads Allocated")
    await shot(widget, "widget-allocated")

    // ── 4. re-allocate with a quote ──────────────────────────────────────────────────────────────────
    const carrierBefore = (await card.getByTestId("consignment-carrier").innerText()).trim()
    await card.getByTestId("allocate").click()
    const drawer = page.getByRole("dialog")
    await drawer.locator("#strategy-quote").click()
    const rows = drawer.getByTestId("quote-row")
    await rows.first().waitFor()
    const services = (await rows.locator("td:nth-child(3)").allInnerTexts()).map((text) => text.trim())
    check(services.length > 1, `PRO's quotes table lists ${services.length} quotes`)
    const index = services.findLastIndex((service) => !carrierBefore.includes(service))
    check(index >= 0, `a quote for a service other than the current one (${carrierBefore})`)
    const service = services[index]
    await rows.nth(index).click()
    await drawer.getByRole("button", { name: "Allocate", exact: true }).waitFor()
    check(await drawer.getByRole("button", { name: "Allocate", exact: true }).isEnabled(), "Allocate is enabled once a quote is picked")
    await shot(page, "allocate-quotes")
    await drawer.getByRole("button", { name: "Allocate", exact: true }).click()
    await orFailureToast(page, page.getByText("Allocated", { exact: true }).first())
    await drawer.waitFor({ state: "detached" })
    await waitFor(`the widget to show ${service}`, async () => (await card.getByTestId("consignment-carrier").innerText()).includes(service), 30_000)
    check(true, `allocated with the quote for ${service}`)
    check((await card.getByTestId("consignment-allocation").innerText()).includes("Quote"), "the allocation reads Quote")
    check((await card.getByTestId("consignment-state").innerText()).includes("Allocated"), "state is Allocated after the quote")
    await shot(widget, "widget-after-quote")

    // ── 5. download the label ────────────────────────────────────────────────────────────────────────
    await card.getByTestId("consignment-actions").click()
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()])
    const labelFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-label-")), "label.pdf")
    await download.saveAs(labelFile)
    const label = fs.readFileSync(labelFile)
    check(label.subarray(0, 5).toString() === "%PDF-", `the label download starts with %PDF- (${label.length} bytes)`)
    const pdf = await PDFDocument.load(label)
    check(pdf.getPageCount() >= 1, `the label PDF parses with ${pdf.getPageCount()} page(s)`)
    check(download.suggestedFilename() === `${refA}.pdf`, `the label is saved as ${download.suggestedFilename()}`)
    pending.push({ file: path.join(results, "admin-label.pdf"), data: label })

    // ── 6. error state and retry; empty state ────────────────────────────────────────────────────────
    await noToasts(page)
    await page.goto(`${credentials.admin_url}/orders/${orderB}`)
    const errorAlert = widget.getByTestId("consignment-error")
    await errorAlert.waitFor()
    const errorText = await errorAlert.innerText()
    // the reconcile job may have tried it again meanwhile: its latest error is the one shown
    const latestB = (await records(orderB)).consignments.find((c) => c.last_error && c.sync_status !== "synced")
    check(errorText.includes(`CorrelationId ${latestB.last_error.correlation_id}`), "the widget shows PRO's error with its CorrelationId")
    check((await widget.getByTestId("consignment-state").innerText()).includes("Not in PRO"), "its badge reads Not in PRO (failed)")
    await shot(widget, "widget-error")
    await clearFaults()
    await widget.getByTestId("retry").click()
    await orFailureToast(page, page.getByText("Sent to SortedPRO", { exact: true }))
    await errorAlert.waitFor({ state: "detached" })
    const refB = (await widget.getByTestId("consignment-reference").innerText()).trim()
    check(/^EC-/.test(refB) && (await widget.getByTestId("consignment-state").innerText()).includes("Allocated"), `Retry created ${refB}, Allocated`)

    await page.goto(`${credentials.admin_url}/orders/${orderC}`)
    await widget.getByTestId("sorted-pro-empty").waitFor()
    check(
      (await widget.getByTestId("sorted-pro-order").innerText()).includes("EO-"),
      "the flat-rate order shows its PRO order and no consignment yet"
    )
    await shot(widget, "widget-no-consignment")

    // a consignment in PRO whose allocation failed: the flat-rate order fulfilled while PRO refuses allocations (the
    // fault stays until "Reconcile now", so the reconcile job cannot finish it first; the finally block clears it)
    const allocationRefused = "No carrier service of your allocation rules can take this consignment"
    await fault({ pathPattern: "/allocation/**", method: "PUT", status: 400, body: { Code: "AllocationFailed", Message: allocationRefused } })
    let refC = ""
    {
      const [{ order: fulfilled }, { stock_locations }] = await Promise.all([
        call("GET", `/admin/orders/${orderC}?fields=id,*items`, undefined, auth),
        call("GET", "/admin/stock-locations?fields=id,name", undefined, auth),
      ])
      await call(
        "POST",
        `/admin/orders/${orderC}/fulfillments`,
        { items: fulfilled.items.map((item: any) => ({ id: item.id, quantity: item.quantity })), location_id: stock_locations[0].id },
        auth
      )
      const unfinished = await waitFor(`the unallocated consignment of ${orderC}`, async () =>
        (await records(orderC)).consignments.find((c) => c.reference && c.sync_status !== "synced" && c.last_error)
      )
      refC = unfinished.reference
      check(
        unfinished.last_error.correlation_id,
        `order ${orderC}: ${refC} is in PRO, its allocation refused (CorrelationId ${unfinished.last_error.correlation_id})`
      )
      await page.reload()
      const cardC = widget.locator(`[data-reference="${refC}"]`)
      await cardC.waitFor()
      const stateC = await cardC.getByTestId("consignment-state").innerText()
      check(/Unallocated|Allocation failed/.test(stateC) && stateC.includes("Sync failed"), `its badges read ${stateC.replace(/\s+/g, " ").trim()}`)
      const errorC = await cardC.getByTestId("consignment-error").innerText()
      check(
        errorC.includes(allocationRefused) && errorC.includes(`CorrelationId ${unfinished.last_error.correlation_id}`),
        "the widget shows PRO's refusal with its CorrelationId"
      )
      check((await cardC.getByTestId("allocate").isVisible()) && (await cardC.getByTestId("retry").isVisible()), "the card offers Allocate and Retry")
      await shot(widget, "widget-allocation-failed")
    }

    // a pickup order: its widget names the point the shopper chose
    await pickupPointStep({ page, widget, credentials, records })

    const { before, health, settingsSection } = await sortedProPageSteps({
      page,
      credentials,
      auth,
      records,
      fault,
      clearFaults,
      orderC,
      refA,
      refB,
      refC,
      undo,
    })

    // ── 8. the states shown in the widget ────────────────────────────────────────────────────────────
    await page.goto(`${credentials.admin_url}/orders/${orderA}`)
    await card.waitFor({ timeout: 120_000 })
    check((await card.getByTestId("consignment-state").innerText()).includes("Manifested"), "the widget shows Manifested")
    check((await card.getByTestId("consignment-labels").innerText()).includes("Printed"), "the widget shows the label printed")
    await shot(widget, "widget-manifested")

    // ── 9. the daily manifest switched on: its last run in the settings and the health panel ───────────────
    await page.goto(`${credentials.admin_url}/sorted-pro`)
    const dailyManifest = settingsSection.getByTestId("settings-daily-manifest")
    await dailyManifest.waitFor()
    undo.restoreSettings = async () => {
      await call("POST", "/admin/sorted-pro/settings", { manifest_time: before.manifest_time }, auth)
    }
    if ((await dailyManifest.getByRole("switch").getAttribute("aria-checked")) !== "true") {
      await dailyManifest.getByRole("switch").click()
    }
    await dailyManifest.locator('input[type="time"]').fill("00:00")
    await settingsSection.getByTestId("save-settings").click()
    await orFailureToast(page, page.getByText("Settings saved", { exact: true }))
    const ranAt: string = await waitFor(
      "the daily manifest job (every minute)",
      async () => (await call("GET", "/admin/sorted-pro/settings", undefined, auth)).settings.last_manifest_at,
      150_000
    )
    const ranText = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/London",
    }).format(new Date(ranAt))
    say(`the daily manifest ran at ${ranAt}`)
    await noToasts(page)
    await page.reload()
    await dailyManifest.getByTestId("last-manifest").filter({ hasText: "Last run" }).waitFor()
    check(
      (await dailyManifest.getByTestId("last-manifest").innerText()).trim() === `Last run ${ranText}`,
      `the settings show the last run in the admin's locale (${ranText})`
    )
    const healthManifest = (await health.getByTestId("health-last-manifest").innerText()).trim()
    check(
      healthManifest === `Every day at 00:00 (${before.manifest_time_zone ?? "Europe/London"}) · last run ${ranText}`,
      `health shows the daily manifest: ${healthManifest}`
    )
    await shot(dailyManifest, "settings-daily-manifest")
    await shot(health, "health-manifest-ran")
    await undo.restoreSettings()
    undo.restoreSettings = async () => {}

    // ── 10. once in German: the SortedPRO page and the first order's widget ───────────────────────────────
    await germanPass({ browser, credentials, orderId: orderA, reference: refA })
    check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join("; ")}` : ""}`)
    say("passed")
  } catch (error) {
    // keep the committed screenshots of the last passing run
    pending.splice(0, pending.length, ...pending.filter(({ file }) => !file.startsWith(shots)))
    const data = await page?.screenshot().catch(() => undefined)
    if (data) {
      pending.push({ file: path.join(results, "admin-failure.png"), data })
      say("failed: screenshot test-results/admin-failure.png")
    }
    throw error
  } finally {
    await undo.restoreSettings().catch(() => undefined)
    await clearFaults().catch(() => undefined)
    await browser.close()
    await stop()
    writeFiles()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
