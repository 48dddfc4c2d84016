/** Tables and helpers of admin-routes.spec.ts: every admin route of the plugin, the invalid requests, and an order to work on. */
import { KING_STREET_MANCHESTER } from "../../../scripts/lib/addresses"
import type { DemoSeed } from "../../../scripts/seed-demo"

/** A consignment reference and a bulk-label job id in the shapes the routes accept. */
export const EC = "EC-000-000-001"
export const JOB = "splbl_0123456789abcdef"

/** Every admin route of the plugin, with a valid request shape (method, path, body). */
export const ROUTES: Array<[string, string, unknown?]> = [
  ["GET", "/admin/sorted-pro/consignments"],
  ["GET", `/admin/sorted-pro/consignments/${EC}`],
  ["GET", `/admin/sorted-pro/consignments/${EC}/label`],
  ["POST", `/admin/sorted-pro/consignments/${EC}/label`],
  ["GET", `/admin/sorted-pro/consignments/${EC}/quotes`],
  ["GET", `/admin/sorted-pro/consignments/${EC}/customs-documents`],
  ["GET", `/admin/sorted-pro/consignments/${EC}/customs-documents/CN22_EP-000-000-001`],
  ["POST", `/admin/sorted-pro/consignments/${EC}/allocate`, { strategy: { type: "default_rules" } }],
  ["POST", `/admin/sorted-pro/consignments/${EC}/cancel`, {}],
  ["POST", `/admin/sorted-pro/consignments/${EC}/deallocate`, {}],
  ["POST", `/admin/sorted-pro/consignments/${EC}/retry`, {}],
  ["POST", `/admin/sorted-pro/consignments/${EC}/manifest`, {}],
  ["POST", "/admin/sorted-pro/bulk/allocate", { references: [EC] }],
  ["POST", "/admin/sorted-pro/labels/bulk", { references: [EC] }],
  ["GET", `/admin/sorted-pro/labels/bulk/${JOB}`],
  ["GET", `/admin/sorted-pro/labels/bulk/${JOB}/file`],
  ["POST", "/admin/sorted-pro/manifests", {}],
  ["GET", "/admin/sorted-pro/manifests/preview"],
  ["GET", "/admin/sorted-pro/health"],
  ["POST", "/admin/sorted-pro/reconcile", {}],
  ["GET", "/admin/sorted-pro/settings"],
  ["POST", "/admin/sorted-pro/settings", { label_format: "pdf" }],
  ["GET", "/admin/sorted-pro/catalogue"],
  ["GET", "/admin/sorted-pro/orders/order_01/consignments"],
]

/** Invalid requests and the field the 400 must name. Routes without input (health, catalogue, job reads) have none. */
export const INVALID: Array<[string, string, unknown, string]> = [
  ["GET", "/admin/sorted-pro/consignments?limit=0", undefined, "limit"],
  ["GET", "/admin/sorted-pro/consignments?sync_status=lost", undefined, "sync_status"],
  ["GET", "/admin/sorted-pro/consignments?created_from=yesterday", undefined, "created_from"],
  ["GET", "/admin/sorted-pro/consignments?colour=red", undefined, "colour"],
  ["GET", "/admin/sorted-pro/consignments/not-a-reference", undefined, "reference"],
  ["GET", `/admin/sorted-pro/consignments/${EC}/label?format=docx`, undefined, "format"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/label?format=docx`, {}, "format"],
  ["GET", "/admin/sorted-pro/consignments/EC-1/quotes", undefined, "reference"],
  ["GET", "/admin/sorted-pro/consignments/x/customs-documents", undefined, "reference"],
  ["GET", "/admin/sorted-pro/consignments/x/customs-documents/INV", undefined, "reference"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/allocate`, { strategy: { type: "carrier_service" } }, "reference"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/allocate`, { strategy: { type: "fastest" } }, "type"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/allocate`, { carrier: "X" }, "carrier"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/cancel`, { force: true }, "force"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/deallocate`, { now: 1 }, "now"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/retry`, { twice: true }, "twice"],
  ["POST", `/admin/sorted-pro/consignments/${EC}/manifest`, { date: "x" }, "date"],
  ["POST", "/admin/sorted-pro/consignments/nope/cancel", {}, "reference"],
  ["POST", "/admin/sorted-pro/bulk/allocate", { references: [] }, "references"],
  ["POST", "/admin/sorted-pro/bulk/allocate", { references: ["12"] }, "references"],
  ["POST", "/admin/sorted-pro/bulk/allocate", { references: [EC], strategy: { type: "quote", reference: "q" } }, "type"],
  ["POST", "/admin/sorted-pro/labels/bulk", {}, "references"],
  ["POST", "/admin/sorted-pro/labels/bulk", { references: ["EC-BAD"] }, "references"],
  ["POST", "/admin/sorted-pro/manifests", { shipping_date: "16/06/2025" }, "shipping_date"],
  ["POST", "/admin/sorted-pro/manifests", { references: ["x"] }, "references"],
  ["GET", "/admin/sorted-pro/manifests/preview?shipping_date=today", undefined, "shipping_date"],
  ["POST", "/admin/sorted-pro/settings", { label_format: "gif" }, "label_format"],
  ["POST", "/admin/sorted-pro/settings", { manifest_time: "25:00" }, "manifest_time"],
  ["POST", "/admin/sorted-pro/settings", { manifest_time_zone: "Mars/Olympus_Mons" }, "manifest_time_zone"],
  ["POST", "/admin/sorted-pro/settings", { fallback_prices: { GBP: 4 } }, "fallback_prices"],
  ["POST", "/admin/sorted-pro/settings", { allocation_strategy: { type: "quote", reference: "q" } }, "allocation_strategy"],
  ["POST", "/admin/sorted-pro/settings", { shipping_locations: { sloc_unknown: "SL-LONDON" } }, "shipping_locations"],
  ["POST", "/admin/sorted-pro/settings", { api_key: "x" }, "api_key"],
  ["POST", "/admin/sorted-pro/reconcile", { days: 0 }, "days"],
  ["POST", "/admin/sorted-pro/reconcile", { force: true }, "force"],
]

/** An `api` request whose error responses (4xx, 5xx) resolve as values; a network error rejects. 30 s timeout. */
export function callApi(api: any, method: string, url: string, body?: unknown, options: Record<string, unknown> = {}) {
  return (method === "GET" ? api.get(url, { timeout: 30_000, ...options }) : api.post(url, body ?? {}, { timeout: 30_000, ...options })).catch(
    (e: any) => {
      if (!e.response) {
        throw e
      }
      return e.response
    }
  )
}

/** Places a delivery-day order (the first option) for one item to Manchester; resolves with the Medusa order id. */
export async function placeDeliveryOrder(api: any, seed: DemoSeed, store: object): Promise<string> {
  const { data } = await api.post(
    "/store/carts",
    {
      region_id: seed.region_id,
      email: "staff-test@example.com",
      items: [{ variant_id: seed.variant_ids[0], quantity: 1 }],
      shipping_address: { ...KING_STREET_MANCHESTER, phone: "07700900000" },
    },
    store
  )
  const cart = data.cart
  const { data: listing } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
  const chosen = listing.options[0]
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: chosen.reference } },
    store
  )
  const { data: collection } = await api.post(`/store/payment-collections`, { cart_id: cart.id }, store)
  await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, store)
  const { data: completed } = await api.post(`/store/carts/${cart.id}/complete`, {}, store)
  return completed.order.id
}
