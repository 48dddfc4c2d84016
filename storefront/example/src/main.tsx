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

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SortedProProvider sdk={sdk} locale="en-GB">
      <App sdk={sdk} />
    </SortedProProvider>
  </StrictMode>
)
