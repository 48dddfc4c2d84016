"use client"

import { useActionState } from "react"
import { placeOrder } from "@/lib/data/cart"

/** The review step's button: the `placeOrder` server action (system payment provider, then complete). */
export function PlaceOrder({ disabled }: { disabled: boolean }) {
  const [state, action, pending] = useActionState(placeOrder, undefined)
  return (
    <form action={action}>
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <button className="primary" type="submit" disabled={disabled || pending}>
        {pending ? "Placing order…" : "Place order"}
      </button>
    </form>
  )
}
