import Medusa from "@medusajs/js-sdk"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { SortedProProvider } from "medusa-plugin-sorted-pro-storefront"
import "medusa-plugin-sorted-pro-storefront/styles.css"
import "./checkout.css"
import { App } from "./App"

const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_MEDUSA_BACKEND_URL,
  publishableKey: import.meta.env.VITE_MEDUSA_PUBLISHABLE_KEY,
})

/** The pickers' locale: `?locale=de-DE` (en, de, fr texts; Intl formats), else en-GB. The example's own texts stay English. */
const locale = new URLSearchParams(window.location.search).get("locale") ?? "en-GB"

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SortedProProvider sdk={sdk} locale={locale}>
      <App sdk={sdk} />
    </SortedProProvider>
  </StrictMode>
)
