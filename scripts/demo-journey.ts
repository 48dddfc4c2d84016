/**
 * `npm run demo:journey` (with `npm run demo` running): what a new user's script does with nothing but the store
 * and admin HTTP APIs and `.demo/credentials.json` — place an order on a chosen delivery day, fetch its label,
 * manifest it. Prints each step; exits non-zero on the first failure.
 */
import fs from "fs"
import path from "path"
import { KING_STREET_MANCHESTER } from "./lib/addresses"

const credentials = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../.demo/credentials.json"), "utf8"))
const backend = credentials.store_url.replace(/\/store$/, "")

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${backend}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) {
    throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`)
  }
  return response
}

async function main() {
  const store = { "x-publishable-api-key": credentials.publishable_key }
  const { cart } = await (
    await call(
      "POST",
      "/store/carts",
      {
        region_id: credentials.region_id,
        email: "shopper@example.com",
        items: [{ variant_id: credentials.variant_ids[0], quantity: 1 }],
        shipping_address: KING_STREET_MANCHESTER,
      },
      store
    )
  ).json()
  const listing = await (await call("GET", `/store/sorted-pro/delivery-options?cart_id=${cart.id}`, undefined, store)).json()
  const chosen = listing.options.find((option: any) => option.window) ?? listing.options[0]
  console.log(
    `1. ${listing.options.length} delivery options; chose ${chosen.day_of_week} ${chosen.date} ${chosen.window ? `${chosen.window.start}–${chosen.window.end}` : "all day"} with ${chosen.carrier} ${chosen.carrier_service} at £${chosen.price.amount}`
  )
  await call(
    "POST",
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: listing.shipping_option_id, data: { delivery_option_reference: chosen.reference } },
    store
  )
  const { payment_collection } = await (await call("POST", "/store/payment-collections", { cart_id: cart.id }, store)).json()
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, store)
  const completed = await (await call("POST", `/store/carts/${cart.id}/complete`, {}, store)).json()
  console.log(`2. order ${completed.order.id} placed (display id ${completed.order.display_id})`)

  const { token } = await (
    await call("POST", "/auth/user/emailpass", { email: credentials.admin_email, password: credentials.admin_password })
  ).json()
  const admin = { authorization: `Bearer ${token}` }
  const { order } = await (await call("GET", `/admin/orders/${completed.order.id}?fields=id,*items`, undefined, admin)).json()
  await call(
    "POST",
    `/admin/orders/${order.id}/fulfillments`,
    { items: order.items.map((item: any) => ({ id: item.id, quantity: item.quantity })) },
    admin
  )
  const fulfilled = await (await call("GET", `/admin/orders/${order.id}?fields=id,fulfillments.labels.*,fulfillments.data`, undefined, admin)).json()
  const label = fulfilled.order.fulfillments[0].labels[0]
  const pdf = Buffer.from(await (await call("GET", label.label_url.replace(backend, ""), undefined, admin)).arrayBuffer())
  fs.writeFileSync(path.resolve(__dirname, "../.demo/label.pdf"), pdf)
  console.log(
    `3. fulfillment created: consignment ${fulfilled.order.fulfillments[0].data.consignment_reference}, tracking ${label.tracking_number}; label ${pdf.length} bytes (${pdf.subarray(0, 4)}) saved to .demo/label.pdf`
  )

  const { manifest } = await (await call("POST", "/admin/sorted-pro/manifests", {}, admin)).json()
  console.log(`4. manifest: ${manifest.message}; ${manifest.consignments.map((c: any) => `${c.reference} ${c.state}`).join(", ")}`)
}

main().catch((error) => {
  console.error(error.message, error.cause ?? "")
  process.exit(1)
})
