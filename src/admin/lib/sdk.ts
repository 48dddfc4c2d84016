import Medusa from "@medusajs/js-sdk"

/** The admin's own session-authenticated client (docs/medusa.md §2.6). */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  auth: { type: "session" },
})
