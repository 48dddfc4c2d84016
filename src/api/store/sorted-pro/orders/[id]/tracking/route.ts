import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { PROVIDER_ID } from "../../../../../../lib/fulfillment-options"

/** One parcel of an order as a shopper's order page shows it. */
export interface StoreParcelTracking {
  fulfillment_id: string
  tracking_number: string
  /** The carrier's tracking page (docs/events.md "Tracking links"); "" when the carrier has none. */
  tracking_url: string
  shipped_at: string | null
  delivered_at: string | null
}

interface OrderRow {
  id: string
  fulfillments?: Array<{
    id: string
    provider_id?: string | null
    canceled_at?: string | null
    shipped_at?: string | null
    delivered_at?: string | null
    labels?: Array<{ tracking_number?: string | null; tracking_url?: string | null }> | null
  } | null> | null
}

/**
 * `GET /store/sorted-pro/orders/:id/tracking` — the tracking links of an order's SortedPRO parcels, for the order page
 * of a storefront (the storefront kit's `TrackingLink` renders each). Medusa's own `GET /store/orders/:id` lets a
 * storefront read `fulfillments` but not their `labels`, where the links are; like that route, this one answers by
 * order id alone and gives nothing a shopper may not see (no carrier cost, no PRO reference).
 *
 * 200 `{ order_id, parcels: [{ fulfillment_id, tracking_number, tracking_url, shipped_at, delivered_at }] }`: one entry per
 * label of each fulfillment made by the SortedPRO fulfillment provider and not cancelled (dates ISO-8601 or null);
 * `parcels` is empty until staff create a fulfillment.
 *
 * Errors: 404 naming `id` when there is no such order.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { data } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: [
      "id",
      "fulfillments.id",
      "fulfillments.provider_id",
      "fulfillments.canceled_at",
      "fulfillments.shipped_at",
      "fulfillments.delivered_at",
      "fulfillments.labels.tracking_number",
      "fulfillments.labels.tracking_url",
    ],
    filters: { id: req.params.id },
  })
  const order = (data as OrderRow[])[0]
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `id: order ${req.params.id} was not found`)
  }
  const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null)
  const parcels: StoreParcelTracking[] = (order.fulfillments ?? [])
    .filter((fulfillment) => fulfillment && fulfillment.provider_id === PROVIDER_ID && !fulfillment.canceled_at)
    .flatMap((fulfillment) =>
      (fulfillment!.labels ?? [])
        .filter((label) => label?.tracking_number)
        .map((label) => ({
          fulfillment_id: fulfillment!.id,
          tracking_number: label.tracking_number!,
          tracking_url: label.tracking_url ?? "",
          shipped_at: iso(fulfillment!.shipped_at),
          delivered_at: iso(fulfillment!.delivered_at),
        }))
    )
  res.json({ order_id: order.id, parcels })
}
