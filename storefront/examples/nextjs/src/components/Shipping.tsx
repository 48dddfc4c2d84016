"use client"

import type { HttpTypes } from "@medusajs/types"
import { useEffect, useState } from "react"
import { setShippingMethod } from "@/lib/data/cart"
import { calculatePriceForShippingOption } from "@/lib/data/fulfillment"
import { formatMoney } from "@/lib/money"

/**
 * The starter's delivery step (`src/modules/checkout/components/shipping`): lists the cart's shipping options; prices
 * every calculated one with the `calculatePriceForShippingOption` server action (`{cart_id}` only, no `data`) and
 * shows a flat one's `amount`; choosing one calls the `setShippingMethod` server action (`{option_id}` only), whose
 * tag revalidation re-renders the page with the updated cart. Prices are MAJOR units.
 */
export function Shipping({ cart, options }: { cart: HttpTypes.StoreCart; options: HttpTypes.StoreCartShippingOption[] }) {
  const [loadingPrices, setLoadingPrices] = useState(true)
  const [prices, setPrices] = useState<Record<string, number>>({})
  const [chosen, setChosen] = useState<string | null>(cart.shipping_methods?.at(-1)?.shipping_option_id ?? null)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const currency = cart.currency_code

  useEffect(() => {
    setLoadingPrices(true)
    const calculated = options.filter((option) => option.price_type === "calculated")
    Promise.allSettled(calculated.map((option) => calculatePriceForShippingOption(option.id, cart.id))).then((results) => {
      const map: Record<string, number> = {}
      for (const result of results) {
        if (result.status === "fulfilled" && result.value) {
          map[result.value.id] = result.value.amount
        }
      }
      setPrices(map)
      setLoadingPrices(false)
    })
  }, [options, cart.id])

  const choose = async (id: string) => {
    const previous = chosen
    setError(null)
    setChosen(id)
    setSaving(true)
    const result = await setShippingMethod({ cartId: cart.id, shippingMethodId: id })
    if (result?.error) {
      setChosen(previous)
      setError(result.error)
    }
    setSaving(false)
  }

  const price = (option: HttpTypes.StoreCartShippingOption) =>
    option.price_type === "flat"
      ? formatMoney(option.amount, currency)
      : prices[option.id] !== undefined
        ? formatMoney(prices[option.id], currency)
        : loadingPrices
          ? "…"
          : "-"

  return (
    <section className="card" aria-busy={saving || loadingPrices}>
      <h2>Delivery</h2>
      <ul className="options" role="radiogroup" aria-label="Shipping method">
        {options.map((option) => (
          <li key={option.id}>
            <label className={chosen === option.id ? "checked" : undefined} data-testid="shipping-option">
              <span>
                <input
                  type="radio"
                  name="shipping_option"
                  value={option.id}
                  checked={chosen === option.id}
                  disabled={saving}
                  onChange={() => void choose(option.id)}
                />{" "}
                <span data-testid="shipping-option-name">{option.name}</span>
              </span>
              <span data-testid="shipping-option-price">{price(option)}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
