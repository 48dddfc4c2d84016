"use client"

import type { HttpTypes } from "@medusajs/types"
import { useActionState } from "react"
import { setAddresses } from "@/lib/data/cart"

const FIELDS = [
  ["email", "Email"],
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["address_1", "Address"],
  ["city", "City"],
  ["postal_code", "Postcode"],
  ["phone", "Phone"],
] as const

/** The address step: saves the shipping (and billing) address and email with the `setAddresses` server action. */
export function AddressForm({ cart, redirectTo }: { cart: HttpTypes.StoreCart; redirectTo: string }) {
  const [state, action, pending] = useActionState(setAddresses.bind(null, redirectTo), undefined)
  const current: Record<string, unknown> = { email: cart.email, ...cart.shipping_address }
  return (
    <form action={action} className="card">
      <h2>Shipping address</h2>
      {FIELDS.map(([name, label]) => (
        <label key={name} className="field">
          {label}
          <input name={name} defaultValue={String(current[name] ?? "")} required={name !== "phone"} />
        </label>
      ))}
      {state?.error && <p className="error">{state.error}</p>}
      <button className="primary" type="submit" disabled={pending}>
        Save address
      </button>
    </form>
  )
}
