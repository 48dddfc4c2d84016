import { notFound } from "next/navigation"
import { TrackingLink } from "medusa-plugin-sorted-pro-storefront"
import { listParcels, retrieveOrder } from "@/lib/data/orders"
import { formatMoney } from "@/lib/money"

export const dynamic = "force-dynamic"

/** What medusa-plugin-sorted-pro records in the shipping method's `data` that this page shows (src/types/shipping-method.ts). */
interface SortedProData {
  delivery_date?: string
  window?: { start: string; end: string } | null
  carrier?: string
  carrier_service?: string
  pickup_location?: { name: string; address: Record<string, string> }
}

/** The pickup point address lines shown, in order (the plugin's snake_case address, src/lib/mapping/pickup.ts). */
const ADDRESS_LINES = ["address_1", "address_2", "address_3", "city", "postal_code"]

const day = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`))

/**
 * The starter's order confirmation: order number, items, the shipping method's name and amount, the total; and for a
 * SortedPRO method the delivery day and window, or the pickup point's name and address, from the method's `data`; and
 * once the store has fulfilled it, each parcel's tracking link (the kit's `TrackingLink`).
 */
export default async function Confirmed({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [order, parcels] = await Promise.all([retrieveOrder(id), listParcels(id)])
  if (!order) {
    notFound()
  }
  const money = (amount: number | undefined) => formatMoney(amount ?? 0, order.currency_code)
  const method = order.shipping_methods?.[0]
  const data = (method?.data ?? {}) as SortedProData
  const point = data.pickup_location
  return (
    <section className="card" data-testid="order-confirmed">
      <h1>Thank you, your order was placed</h1>
      <p>
        Order <strong data-testid="order-number">#{order.display_id}</strong> ({order.id})
      </p>
      <ul>
        {order.items?.map((item) => (
          <li key={item.id}>
            {item.quantity} × {item.product_title ?? item.title}
          </li>
        ))}
      </ul>
      <h2>Delivery</h2>
      <p>
        <span data-testid="order-shipping-name">{method?.name}</span>: <span data-testid="order-shipping">{money(order.shipping_total)}</span>
      </p>
      {data.delivery_date && !point && (
        <p data-testid="order-delivery-day">
          {day(data.delivery_date)}
          {data.window ? `, ${data.window.start}–${data.window.end}` : ""}
          {data.carrier ? ` (${[data.carrier, data.carrier_service].filter(Boolean).join(", ")})` : ""}
        </p>
      )}
      {point && (
        <p data-testid="order-pickup-point">
          Collect from <strong>{point.name}</strong>,{" "}
          {ADDRESS_LINES.map((key) => point.address[key])
            .filter(Boolean)
            .join(", ")}
          {data.delivery_date ? ` from ${day(data.delivery_date)}` : ""}
        </p>
      )}
      {parcels.length > 0 && (
        <ul data-testid="order-parcels">
          {parcels.map((parcel) => (
            <li key={`${parcel.fulfillment_id}-${parcel.tracking_number}`}>
              <TrackingLink label={parcel} />
              {parcel.delivered_at ? " (delivered)" : parcel.shipped_at ? " (on its way)" : ""}
            </li>
          ))}
        </ul>
      )}
      <p>
        Total: <strong data-testid="order-total">{money(order.total)}</strong>
      </p>
    </section>
  )
}
