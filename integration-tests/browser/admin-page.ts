/** Step 7 of the admin browser test (admin.ts): the SortedPRO page. */

import { type Page } from "playwright-core"
import { sleep, Credentials, call, waitFor, OrderRecords, shot, check, orFailureToast, noToasts } from "./admin-support"

/** What step 7 needs from the run so far. */
export interface PageStepsContext {
  page: Page
  credentials: Credentials
  /** Admin API headers (a bearer token). */
  auth: Record<string, string>
  /** The records of an order (`GET /admin/sorted-pro/orders/:id/consignments`). */
  records: (orderId: string) => Promise<OrderRecords>
  fault: (body: Record<string, unknown>) => Promise<unknown>
  clearFaults: () => Promise<unknown>
  /** The flat-rate order, and the consignments of the three orders. */
  orderC: string
  refA: string
  refB: string
  refC: string
  /** Set to what puts the settings back; the caller runs it at the end, also on failure. */
  undo: { restoreSettings: () => Promise<void> }
}

/**
 * The SortedPRO page: list filtered by state, health, "Reconcile now", settings, manifest preview, a manifest PRO
 * partly refuses and the real manifest (see admin.ts). Settings it changes are undone by `undo.restoreSettings`.
 */
export async function sortedProPageSteps(ctx: PageStepsContext) {
  const { page, credentials, auth, records, fault, clearFaults, orderC, refA, refB, refC, undo } = ctx
  // ── 7. the SortedPRO page ────────────────────────────────────────────────────────────────────────
  await noToasts(page)
  await page.goto(`${credentials.admin_url}/sorted-pro`)
  const list = page.getByTestId("sorted-pro-consignments")
  await list.locator(`tbody tr:has-text("${refA}")`).waitFor()
  const health = page.getByTestId("sorted-pro-health")
  await health.getByTestId("api-key-status").waitFor()
  check((await health.getByTestId("api-key-status").innerText()).includes("Works"), "health: the API key works")
  const hint = (await health.getByTestId("api-key-hint").innerText()).trim()
  check(/^…\S{4}$/.test(hint), `health shows the API key by its last 4 characters only (${hint})`)
  await page.getByTestId("sorted-pro-settings").waitFor()
  const manifestButton = page.getByTestId("run-manifest")
  await waitFor("the manifest preview", () => manifestButton.isEnabled())
  // the whole page in one shot: the admin scrolls inside its main column, so make the window as tall as the page
  const pageHeight = await page.getByTestId("sorted-pro-page").evaluate((element) => element.scrollHeight)
  await page.setViewportSize({ width: 1440, height: pageHeight + 120 })
  await shot(page, "page")
  await page.setViewportSize({ width: 1440, height: 1000 })
  await shot(health, "health")

  // Reconcile now: one pass finishes the third order's consignment
  // (a reused demo may hold records an earlier run left failed: counted, not assumed away)
  const waitingBefore = (await call("GET", "/admin/sorted-pro/health", undefined, auth)).waiting
  const failedBefore: number = waitingBefore.consignments_failed
  const failedText = (n: number) => `${n} ${n === 1 ? "consignment" : "consignments"} failed`
  check(
    failedBefore >= 1 && (await health.innerText()).includes(failedText(failedBefore)),
    `health: ${failedText(failedBefore)}, waiting for reconciliation`
  )
  await clearFaults()
  await health.getByTestId("reconcile-now").click()
  const reconciled = page.locator("[data-sonner-toast]").filter({ hasText: "Reconciled" })
  await orFailureToast(page, reconciled)
  const reconcileToast = (await reconciled.innerText()).replace(/\s+/g, " ").trim()
  check(/Retried \d+ orders? and \d+ fulfillments?; \d+ still waiting/.test(reconcileToast), `the reconcile toast reads "${reconcileToast}"`)
  const waitingAfter = (await call("GET", "/admin/sorted-pro/health", undefined, auth)).waiting
  const openAfter = Object.values(waitingAfter as Record<string, number>).reduce((sum, n) => sum + n, 0)
  check(waitingAfter.consignments_failed < failedBefore, `fewer failed consignments (${failedBefore} → ${waitingAfter.consignments_failed})`)
  await waitFor(
    "the health panel refreshed",
    async () => {
      const text = await health.innerText()
      return openAfter === 0 ? text.includes("Nothing: every order reached SortedPRO") : !text.includes(failedText(failedBefore))
    },
    15_000
  )
  check(true, `health refreshed after the reconcile pass${openAfter === 0 ? ": nothing waits" : ""}`)
  await waitFor(`${refC} allocated`, async () =>
    (await records(orderC)).consignments.find((c) => c.reference === refC && c.sync_status === "synced" && c.state === "Allocated")
  )
  check(true, `the reconcile pass allocated ${refC}`)
  await list.locator(`tbody tr:has-text("${refC}")`).filter({ hasText: "Allocated" }).waitFor()
  check(true, `the consignment list refreshed: ${refC} Allocated`)
  await health.scrollIntoViewIfNeeded()
  await shot(page, "reconcile-toast")
  await noToasts(page)

  // settings: an allocation strategy for one shipping option, kept after a reload
  const settingsSection = page.getByTestId("sorted-pro-settings")
  const { settings: before } = await call("GET", "/admin/sorted-pro/settings", undefined, auth)
  undo.restoreSettings = async () => {
    await call(
      "POST",
      "/admin/sorted-pro/settings",
      { shipping_option_strategies: before.shipping_option_strategies, manifest_time: before.manifest_time },
      auth
    )
  }
  const standard = credentials.shipping_options.standard
  const optionRow = settingsSection.locator(`[data-shipping-option="${standard}"]`)
  await optionRow.scrollIntoViewIfNeeded()
  // a service group other than the one saved, if any: a reused demo may hold one from an earlier run (an entry
  // saved in the settings cannot be taken out again yet: Medusa merges JSON properties on update)
  const current: { type: string; reference?: string } | undefined = before.shipping_option_strategies[standard]
  const typeBefore = (await optionRow.getByTestId(`option-strategy-${standard}-type`).innerText()).trim()
  check(
    current ? typeBefore !== "" && !typeBefore.includes("Store default") : typeBefore.startsWith("Store default ("),
    `the flat-rate option reads "${typeBefore}"`
  )
  await optionRow.getByTestId(`option-strategy-${standard}-type`).click()
  await page.getByRole("option", { name: "Service group", exact: true }).click()
  await optionRow.getByTestId(`option-strategy-${standard}-reference`).click()
  const groups = page.getByRole("option")
  const groupOption = (
    current?.type === "service_group" && current.reference ? groups.filter({ hasNotText: `(${current.reference})` }) : groups
  ).first()
  await groupOption.waitFor()
  const group = (await groupOption.innerText()).trim()
  await shot(page, "settings-strategy-select")
  await groupOption.click()
  await settingsSection.getByTestId("save-settings").click()
  await orFailureToast(page, page.getByText("Settings saved", { exact: true }))
  const { settings: saved } = await call("GET", "/admin/sorted-pro/settings", undefined, auth)
  check(
    saved.shipping_option_strategies[standard]?.type === "service_group" && group.includes(saved.shipping_option_strategies[standard].reference),
    `saved: ${standard} → ${group}`
  )
  await noToasts(page)
  await page.reload()
  await optionRow.getByTestId(`option-strategy-${standard}-reference`).waitFor()
  check(
    (await optionRow.getByTestId(`option-strategy-${standard}-type`).innerText()).includes("Service group"),
    "after a reload the option reads Service group"
  )
  check((await optionRow.getByTestId(`option-strategy-${standard}-reference`).innerText()).trim() === group, `and ${group}`)
  const locationChoice = await settingsSection.locator('[data-testid^="shipping-location-"]').first().innerText()
  check(locationChoice.includes("From location metadata (SL-MANCHESTER)"), `the stock location's default reads "${locationChoice.trim()}"`)
  await shot(settingsSection, "settings")
  await undo.restoreSettings()
  undo.restoreSettings = async () => {}
  await page.reload()
  await list.locator(`tbody tr:has-text("${refA}")`).waitFor()
  await waitFor("the manifest preview", () => manifestButton.isEnabled())

  // the list filtered by state through the DataTable filter menu
  await list.locator("button:has(svg)").first().click()
  await page.getByRole("menuitem", { name: "State" }).click()
  await page
    .getByRole("listitem")
    .filter({ hasText: /^Allocated$/ })
    .click()
  await page.keyboard.press("Escape")
  await waitFor("the list filtered to Allocated", async () => {
    const states = await list.locator("tbody tr").allInnerTexts()
    return states.length > 0 && states.every((row) => row.includes("Allocated")) && states.some((row) => row.includes(refA))
  })
  check(true, "the list filtered by state shows only Allocated consignments")
  await shot(list, "list-filtered")

  // manifest preview, then a manifest PRO partly refuses (FailedConsignments from a sandbox fault)
  const manifestSection = page.getByTestId("sorted-pro-manifest")
  const previewText = await manifestSection.getByTestId("manifest-preview").innerText()
  check(/SwiftPost|SWIFTPOST|Evenline|EVENLINE|CARRIER/i.test(previewText), "the manifest preview lists carriers and counts")
  await shot(manifestSection, "manifest-preview")
  const total = Number((await manifestButton.innerText()).replace(/\D+/g, ""))
  const reason = "The carrier refused the consignment: no collection booked at SL-MANCHESTER today"
  await fault({
    pathPattern: "/consignments/manifestFromQuery",
    status: 200,
    times: 1,
    body: {
      Message: `Query found ${total} consignment(s). ${total - 1} successfully queued to manifest. 1 failed to be added to the queue`,
      FailedConsignments: [{ ConsignmentReference: refB, Reason: reason }],
    },
  })
  await manifestButton.click()
  const prompt = page.getByRole("alertdialog")
  await prompt.waitFor()
  await sleep(400) // the dialog's fade-in
  await shot(page, "manifest-confirm")
  await prompt.getByRole("button", { name: "Manifest", exact: true }).click()
  const result = manifestSection.getByTestId("manifest-result")
  await orFailureToast(page, result.getByTestId("manifest-failed"))
  check(
    (await result.getByTestId("manifest-failed").innerText()).includes(`${refB}: ${reason}`),
    "the result lists PRO's FailedConsignments with the reason"
  )
  await noToasts(page)
  await shot(manifestSection, "manifest-failed")
  await clearFaults()

  // the real manifest
  await waitFor("the manifest button", () => manifestButton.isEnabled())
  await manifestButton.click()
  await prompt.getByRole("button", { name: "Manifest", exact: true }).click()
  await result.getByTestId("manifest-failed").waitFor({ state: "detached" })
  const rowA = result.locator(`tr[data-reference="${refA}"]`)
  await orFailureToast(page, rowA)
  check((await rowA.innerText()).includes("Manifested"), `the manifest result lists ${refA} Manifested`)
  check((await result.locator(`tr[data-reference="${refB}"]`).innerText()).includes("Manifested"), `and ${refB} Manifested`)
  await noToasts(page)
  await shot(manifestSection, "manifest-result")

  // error state: PRO rejects the API key (sandbox fault on the health check's GET /shippinglocations)
  await fault({ pathPattern: "/shippinglocations", method: "GET", status: 401 })
  try {
    await health.getByRole("button", { name: "Check now" }).click()
    await health.getByText("Failing").waitFor()
    check(/CorrelationId \S+/.test(await health.innerText()), "health shows the failing key with PRO's CorrelationId")
    await shot(health, "health-error")
    // Reconcile now while PRO does not answer its probe: nothing is tried, the reason in an error toast
    await health.getByTestId("reconcile-now").click()
    const skipped = page.locator("[data-sonner-toast]").filter({ hasText: "Nothing reconciled" })
    await skipped.waitFor()
    check(
      (await skipped.innerText()).includes("SortedPRO unavailable"),
      `Reconcile now reports why nothing was tried: ${(await skipped.innerText()).replace(/\s+/g, " ").trim()}`
    )
    await health.scrollIntoViewIfNeeded()
    await shot(page, "reconcile-skipped")
  } finally {
    await clearFaults()
  }
  await noToasts(page)

  // empty state of the list
  await list.getByPlaceholder("EC- reference or order id").fill("EC-ZZZ-ZZZ-ZZZ")
  await list.getByText("No results").waitFor()
  await shot(list, "list-empty")

  return { before, health, settingsSection }
}
