import Medusa from "@medusajs/js-sdk"

/**
 * The Medusa backend, read on the server at run time (not inlined at build time), so one build runs against any
 * store: `MEDUSA_BACKEND_URL` (default http://localhost:9000) and `MEDUSA_PUBLISHABLE_KEY` (the sales channel's
 * publishable API key; `npm run demo` writes it to .demo/credentials.json).
 */
export const backend = {
  url: process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000",
  publishableKey: process.env.MEDUSA_PUBLISHABLE_KEY ?? "",
}

/** The server's `@medusajs/js-sdk` instance, as the starter's `src/lib/config.ts`. */
export const sdk = new Medusa({ baseUrl: backend.url, publishableKey: backend.publishableKey, debug: false })
