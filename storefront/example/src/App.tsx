import type Medusa from "@medusajs/js-sdk"
import type { HttpTypes } from "@medusajs/types"
import { useCallback, useEffect, useState, type FormEvent } from "react"
import { DeliveryDayPicker, formatMoney, PickupPointPicker, type DeliverySelection, type PickupSelection } from "medusa-plugin-sorted-pro-storefront"
import { ShippingSummary } from "./ShippingSummary"

type Cart = HttpTypes.StoreCart
type Order = HttpTypes.StoreOrder

const CART_KEY = "sorted-pro-example-cart"
/** Cart fields this page shows: items, totals (major units) and the shipping method with its stored data. */
const CART_FIELDS = "*items,*shipping_methods,+shipping_methods.data,*shipping_address,+subtotal,+shipping_total,+total,+tax_total"

/** The example checkout: basket → address → delivery day or pickup point → pay (pp_system_default) → order. */
export function App({ sdk }: { sdk: Medusa }) {
  const [cart, setCart] = useState<Cart | null>(null)
  const [products, setProducts] = useState<HttpTypes.StoreProduct[]>([])
  const [order, setOrder] = useState<Order | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [mode, setMode] = useState<"delivery" | "pickup">("delivery")
  const [addressVersion, setAddressVersion] = useState(0)
  const [placing, setPlacing] = useState(false)

  const fail = (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason))

  const loadCart = useCallback(async () => {
    const { regions } = await sdk.store.region.list()
    const region = regions.find((candidate) => candidate.countries?.some((country) => country.iso_2 === "gb")) ?? regions[0]
    if (!region) {
      throw new Error("The store has no region: run `npm run demo` (it seeds one).")
    }
    const { products: listed } = await sdk.store.product.list({ region_id: region.id, fields: "*variants.calculated_price", limit: 8 })
    setProducts(listed)
    const saved = localStorage.getItem(CART_KEY)
    if (saved) {
      const existing = await sdk.store.cart.retrieve(saved, { fields: CART_FIELDS }).then(
        (answer) => answer.cart,
        () => null
      )
      if (existing && !existing.completed_at) {
        setCart(existing)
        return
      }
    }
    const { cart: created } = await sdk.store.cart.create({ region_id: region.id }, { fields: CART_FIELDS })
    localStorage.setItem(CART_KEY, created.id)
    setCart(created)
  }, [sdk])

  useEffect(() => {
    loadCart().catch(fail)
  }, [loadCart])

  const addToBasket = async (variantId: string) => {
    if (!cart) {
      return
    }
    setError(null)
    try {
      const { cart: updated } = await sdk.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity: 1 }, { fields: CART_FIELDS })
      setCart(updated)
      setAddressVersion((version) => version + 1)
    } catch (reason) {
      fail(reason)
    }
  }

  const saveAddress = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!cart) {
      return
    }
    const form = new FormData(event.currentTarget)
    const field = (name: string) => String(form.get(name) ?? "").trim()
    const address = {
      first_name: field("first_name"),
      last_name: field("last_name"),
      address_1: field("address_1"),
      city: field("city"),
      postal_code: field("postal_code").toUpperCase(),
      country_code: "gb",
      phone: field("phone"),
    }
    setError(null)
    try {
      const { cart: updated } = await sdk.store.cart.update(
        cart.id,
        { email: field("email"), shipping_address: address, billing_address: address },
        { fields: CART_FIELDS }
      )
      setCart(updated)
      setAddressVersion((version) => version + 1)
    } catch (reason) {
      fail(reason)
    }
  }

  // the flat "Standard delivery (SortedPRO)" option, offered by the delivery picker when PRO cannot list days
  const [standard, setStandard] = useState<{ shippingOptionId: string; price: { amount: number; currency_code: string } } | undefined>()
  const cartReady = Boolean(cart?.id && cart.items?.length && cart.shipping_address?.postal_code)
  useEffect(() => {
    if (!cart?.id || !cartReady) {
      return
    }
    sdk.store.fulfillment.listCartOptions({ cart_id: cart.id }).then(({ shipping_options }) => {
      const flat = shipping_options.find((option) => (option.data as { id?: string } | null)?.id === "sorted-pro-standard")
      setStandard(flat ? { shippingOptionId: flat.id, price: { amount: Number(flat.amount), currency_code: cart.currency_code } } : undefined)
    }, fail)
  }, [sdk, cart?.id, cartReady, addressVersion])

  const chosen = (selection: DeliverySelection | PickupSelection) => {
    setError(null)
    if (selection.cart) {
      setCart(selection.cart)
    }
  }

  const placeOrder = async () => {
    if (!cart) {
      return
    }
    setPlacing(true)
    setError(null)
    try {
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const result = await sdk.store.cart.complete(cart.id, { fields: "*shipping_methods,+shipping_methods.data,*items,+total,+shipping_total" })
      if (result.type === "order") {
        localStorage.removeItem(CART_KEY)
        setOrder(result.order)
      } else {
        setError(result.error.message)
      }
    } catch (reason) {
      fail(reason)
    } finally {
      setPlacing(false)
    }
  }

  if (order) {
    return (
      <main className="page">
        <section className="panel confirmation" aria-labelledby="confirmation-title">
          <h1 id="confirmation-title">Thank you, your order is placed</h1>
          <p>
            Order <strong data-testid="order-display-id">#{order.display_id}</strong> (<code data-testid="order-id">{order.id}</code>)
          </p>
          <ShippingSummary method={order.shipping_methods?.[0]} currency={order.currency_code} />
          <p>Total paid: {formatMoney(Number(order.total), order.currency_code, "en-GB")}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setOrder(null)
              setCart(null)
              loadCart().catch(fail)
            }}
          >
            Start a new order
          </button>
        </section>
      </main>
    )
  }

  const currency = cart?.currency_code ?? "gbp"
  const money = (amount: unknown) => formatMoney(Number(amount ?? 0), currency, "en-GB")
  const hasItems = Boolean(cart?.items?.length)
  const address = cart?.shipping_address
  const hasAddress = Boolean(address?.postal_code && address?.address_1)
  const method = cart?.shipping_methods?.[0]

  return (
    <main className="page">
      <header className="masthead">
        <p className="brand">SortedPRO demo store</p>
        <h1>Checkout</h1>
      </header>

      {error && (
        <div className="page-error" role="alert">
          {error}
        </div>
      )}

      <div className="layout">
        <div className="steps">
          <section className="panel" aria-labelledby="basket-title">
            <h2 id="basket-title">1. Basket</h2>
            <ul className="products">
              {products.map((product) => {
                const variant = product.variants?.[0]
                return (
                  <li key={product.id}>
                    <span>{product.title}</span>
                    <span className="muted">{money(variant?.calculated_price?.calculated_amount)}</span>
                    <button
                      type="button"
                      disabled={!cart || !variant}
                      onClick={() => variant && addToBasket(variant.id)}
                      aria-label={`Add ${product.title}`}
                    >
                      Add
                    </button>
                  </li>
                )
              })}
            </ul>
          </section>

          <section className="panel" aria-labelledby="address-title">
            <h2 id="address-title">2. Delivery address</h2>
            <form className="address" onSubmit={saveAddress} key={cart?.id}>
              <label>
                E-mail
                <input name="email" type="email" autoComplete="email" required defaultValue={cart?.email ?? "shopper@example.com"} />
              </label>
              <label>
                First name
                <input name="first_name" autoComplete="given-name" required defaultValue={address?.first_name ?? "Alex"} />
              </label>
              <label>
                Last name
                <input name="last_name" autoComplete="family-name" required defaultValue={address?.last_name ?? "Shopper"} />
              </label>
              <label className="wide">
                Address
                <input name="address_1" autoComplete="address-line1" required defaultValue={address?.address_1 ?? "1 Oxford Road"} />
              </label>
              <label>
                Town or city
                <input name="city" autoComplete="address-level2" required defaultValue={address?.city ?? "Manchester"} />
              </label>
              <label>
                Postcode
                <input name="postal_code" autoComplete="postal-code" required defaultValue={address?.postal_code ?? "M1 5WG"} />
              </label>
              <label>
                Phone
                <input name="phone" type="tel" autoComplete="tel" defaultValue={address?.phone ?? "07700900123"} />
              </label>
              <div className="wide">
                <button type="submit" className="primary" disabled={!cart}>
                  Save address
                </button>
              </div>
            </form>
          </section>

          <section className="panel" aria-labelledby="shipping-title">
            <h2 id="shipping-title">3. Delivery</h2>
            {!hasItems || !hasAddress ? (
              <p className="muted">Add something to your basket and save your address to see delivery days and pickup points.</p>
            ) : (
              <>
                <div className="mode" role="tablist" aria-label="How to receive your order">
                  {(["delivery", "pickup"] as const).map((value) => (
                    <button
                      key={value}
                      type="button"
                      role="tab"
                      id={`tab-${value}`}
                      aria-controls={`panel-${value}`}
                      aria-selected={mode === value}
                      tabIndex={mode === value ? 0 : -1}
                      onClick={() => setMode(value)}
                      onKeyDown={(event) => {
                        if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
                          const next = mode === "delivery" ? "pickup" : "delivery"
                          setMode(next)
                          document.getElementById(`tab-${next}`)?.focus()
                        }
                      }}
                    >
                      {value === "delivery" ? "Home delivery" : "Pickup point"}
                    </button>
                  ))}
                </div>
                <div role="tabpanel" id={`panel-${mode}`} aria-labelledby={`tab-${mode}`}>
                  {mode === "delivery" ? (
                    <DeliveryDayPicker
                      key={`delivery-${addressVersion}`}
                      cartId={cart!.id}
                      cartFields={CART_FIELDS}
                      selectedReference={(method?.data as { delivery_option_reference?: string } | undefined)?.delivery_option_reference}
                      fallbackOption={standard}
                      onSelect={chosen}
                    />
                  ) : (
                    <PickupPointPicker
                      key={`pickup-${addressVersion}`}
                      cartId={cart!.id}
                      cartFields={CART_FIELDS}
                      postalCode={address?.postal_code ?? ""}
                      onSelect={chosen}
                    />
                  )}
                </div>
              </>
            )}
          </section>

          <section className="panel" aria-labelledby="pay-title">
            <h2 id="pay-title">4. Payment</h2>
            <p className="muted">This demo store uses Medusa's system payment provider: no card is charged.</p>
            <button type="button" className="primary" disabled={!method || placing} onClick={placeOrder}>
              {placing ? "Placing your order…" : `Pay ${money(cart?.total)} and place order`}
            </button>
          </section>
        </div>

        <aside className="panel summary" aria-labelledby="summary-title">
          <h2 id="summary-title">Order summary</h2>
          <ul className="lines">
            {(cart?.items ?? []).map((item) => (
              <li key={item.id}>
                <span>
                  {item.quantity} × {item.product_title ?? item.title}
                </span>
                <span>{money(item.total)}</span>
              </li>
            ))}
          </ul>
          <dl className="totals">
            <div>
              <dt>Subtotal</dt>
              <dd>{money(cart?.item_total ?? cart?.subtotal)}</dd>
            </div>
            <div>
              <dt>Shipping</dt>
              <dd data-testid="summary-shipping">{method ? money(cart?.shipping_total) : "Choose below"}</dd>
            </div>
            <div className="grand">
              <dt>Total</dt>
              <dd data-testid="summary-total">{money(cart?.total)}</dd>
            </div>
          </dl>
          <ShippingSummary method={method} currency={currency} />
        </aside>
      </div>
    </main>
  )
}
