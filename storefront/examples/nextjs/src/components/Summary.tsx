import type { HttpTypes } from "@medusajs/types"
import { formatMoney } from "@/lib/money"
import { PlaceOrder } from "./PlaceOrder"

/** The cart summary as the server rendered it from the cached cart: items, shipping (the method's name and amount), total. */
export function Summary({ cart }: { cart: HttpTypes.StoreCart }) {
  const method = cart.shipping_methods?.at(-1)
  const money = (amount: number | undefined) => formatMoney(amount ?? 0, cart.currency_code)
  return (
    <aside className="card summary">
      <h2>Summary</h2>
      <ul className="muted">
        {cart.items?.map((item) => (
          <li key={item.id}>
            {item.quantity} × {item.product_title ?? item.title}
          </li>
        ))}
      </ul>
      <dl>
        <dt>Items</dt>
        <dd>{money(cart.item_total)}</dd>
        <dt>Shipping{method ? ` (${method.name})` : ""}</dt>
        <dd data-testid="summary-shipping">{method ? money(cart.shipping_total) : "—"}</dd>
        <dt>
          <strong>Total</strong>
        </dt>
        <dd data-testid="summary-total">
          <strong>{money(cart.total)}</strong>
        </dd>
      </dl>
      <PlaceOrder disabled={!method} />
    </aside>
  )
}
