import type { HttpTypes } from "@medusajs/types"
import { sdk } from "../config"
import { getRegion } from "./regions"

/** An order as the confirmation page shows it: totals and the shipping methods with their `data`; null when unknown. */
export async function retrieveOrder(id: string): Promise<HttpTypes.StoreOrder | null> {
  return sdk.store.order
    .retrieve(id, { fields: "*items, *shipping_methods, +shipping_total, +total, +shipping_address" }, { next: { tags: ["orders"] } } as never)
    .then(({ order }) => order)
    .catch(() => null)
}

/** Products in the store country's region, with their variants' prices (major units). */
export async function listProducts(): Promise<HttpTypes.StoreProduct[]> {
  const region = await getRegion()
  const { products } = await sdk.store.product.list({ region_id: region.id, fields: "*variants.calculated_price", limit: 20 })
  return products
}

/** One SortedPRO parcel of an order: the plugin's `GET /store/sorted-pro/orders/:id/tracking` (its route's docstring). */
export interface ParcelTracking {
  fulfillment_id: string
  tracking_number: string
  tracking_url: string
  shipped_at: string | null
  delivered_at: string | null
}

/**
 * The order's SortedPRO parcels with their tracking links (Medusa's store order route gives no fulfillment labels);
 * empty until the store creates a fulfillment, or when the route cannot be reached.
 */
export async function listParcels(id: string): Promise<ParcelTracking[]> {
  return sdk.client
    .fetch<{ parcels: ParcelTracking[] }>(`/store/sorted-pro/orders/${id}/tracking`, { cache: "no-store" } as never)
    .then(({ parcels }) => parcels)
    .catch(() => [])
}
