/** The admin browser test's pickup step (admin.ts): a pickup order placed over the store API, its point in the widget. */
import assert from "node:assert/strict"
import type { Locator, Page } from "playwright-core"
import {
  call,
  check,
  type Credentials,
  manchesterAddress,
  newCart,
  type OrderRecords,
  payAndComplete,
  say,
  shot,
  storeHeaders,
  waitFor,
} from "./admin-support"

/**
 * Places a pickup order over the store API: searches points near M1 5WG (`GET /store/sorted-pro/pickup-options`),
 * chooses the first point with an option on the pickup shipping option the search names, pays and completes.
 * Resolves with the order id and the point's name.
 */
export async function placePickupOrder(credentials: Credentials, variant: number): Promise<{ orderId: string; pointName: string }> {
  const store = storeHeaders(credentials)
  const cart = await newCart(credentials, variant, manchesterAddress("Ada Lovelace", "2 Portland Street", "M1 5WG", "07700900002"))
  const search = await call("GET", `/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1%205WG&max_results=5`, undefined, store)
  const point = search.locations.find((location: any) => location.options.length)
  assert.ok(point, `PRO offers a pickup point near M1 5WG (${search.locations.length} found)`)
  await call(
    "POST",
    `/store/carts/${cart.id}/shipping-methods`,
    {
      option_id: search.shipping_option_id,
      data: { delivery_option_reference: point.options[0].reference, pickup_location_shop_reference: point.shop_reference },
    },
    store
  )
  return { orderId: await payAndComplete(credentials, cart.id), pointName: point.name }
}

/** Places a pickup order, opens it in the admin and checks its widget names the pickup point; screenshot `widget-pickup`. */
export async function pickupPointStep(ctx: {
  page: Page
  widget: Locator
  credentials: Credentials
  records: (orderId: string) => Promise<OrderRecords>
}): Promise<void> {
  const { page, widget, credentials, records } = ctx
  const { orderId, pointName } = await placePickupOrder(credentials, 0)
  const reference: string = await waitFor(
    `the consignment of pickup order ${orderId}`,
    async () => (await records(orderId)).consignments[0]?.reference
  )
  say(`pickup order ${orderId} placed at ${pointName}; consignment ${reference}`)
  await page.goto(`${credentials.admin_url}/orders/${orderId}`)
  const card = widget.locator(`[data-reference="${reference}"]`)
  await card.waitFor({ timeout: 120_000 })
  const shown = (await card.getByTestId("pickup-point").innerText()).trim()
  check(shown.includes(pointName), `the widget shows the pickup point: ${shown}`)
  await shot(widget, "widget-pickup")
}
