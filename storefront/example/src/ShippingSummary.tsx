import type { HttpTypes } from "@medusajs/types"
import { formatDay, formatMoney } from "medusa-plugin-sorted-pro-storefront"

/** The normalised choice the plugin stores on the shipping method (`shipping_method.data`). */
interface StoredChoice {
  carrier?: string
  carrier_service?: string
  delivery_date?: string
  window?: { start: string; end: string } | null
  price?: { amount: number; currency_code: string }
  pickup_location?: { shop_reference: string; name: string; address?: { address_1?: string; city?: string; postal_code?: string } }
}

/** Shows a cart's or order's shipping method: its name, and the day, window, carrier or pickup point it holds. */
export function ShippingSummary({
  method,
  currency,
}: {
  method?: HttpTypes.StoreCartShippingMethod | HttpTypes.StoreOrderShippingMethod
  currency: string
}) {
  if (!method) {
    return null
  }
  const data = (method.data ?? {}) as StoredChoice
  const day = data.delivery_date ? formatDay(data.delivery_date, "en-GB").long : null
  const window = data.window ? `${data.window.start}–${data.window.end}` : day ? "any time" : null
  return (
    <div className="shipping-summary" data-testid="shipping-summary">
      <p className="shipping-name">
        {method.name}: {formatMoney(Number(method.amount), currency, "en-GB")}
      </p>
      {data.pickup_location && (
        <p>
          Collect from <strong>{data.pickup_location.name}</strong>
          {data.pickup_location.address?.postal_code ? `, ${data.pickup_location.address.postal_code}` : ""}
        </p>
      )}
      {day && (
        <p>
          {data.pickup_location ? "Ready on" : "Delivery on"} <strong>{day}</strong>, {window}
        </p>
      )}
      {data.carrier && (
        <p className="muted">
          {data.carrier} · {data.carrier_service}
        </p>
      )}
    </div>
  )
}
