"use client"

import Medusa from "@medusajs/js-sdk"
import { SortedProProvider } from "medusa-plugin-sorted-pro-storefront"
import "medusa-plugin-sorted-pro-storefront/styles.css"
import { useMemo, useState, type ReactNode } from "react"

/**
 * The browser's `@medusajs/js-sdk` for the kit's pickers (they list delivery and pickup options from the browser;
 * the store's CORS must allow this origin), and a switch between home delivery and pickup.
 */
export function KitProvider({
  backendUrl,
  publishableKey,
  delivery,
  pickup,
  initial,
}: {
  backendUrl: string
  publishableKey: string
  delivery: ReactNode
  pickup: ReactNode
  initial: "delivery" | "pickup"
}) {
  const sdk = useMemo(() => new Medusa({ baseUrl: backendUrl, publishableKey }), [backendUrl, publishableKey])
  const [mode, setMode] = useState(initial)
  return (
    <SortedProProvider sdk={sdk} locale="en-GB">
      <div className="tabs">
        <button type="button" aria-pressed={mode === "delivery"} onClick={() => setMode("delivery")}>
          Home delivery
        </button>
        <button type="button" aria-pressed={mode === "pickup"} onClick={() => setMode("pickup")}>
          Pickup point
        </button>
      </div>
      {mode === "delivery" ? delivery : pickup}
    </SortedProProvider>
  )
}
