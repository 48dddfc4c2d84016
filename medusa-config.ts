import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import type { SortedProOptions } from "./src/lib/options"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The development/demo store of this repository. It loads the plugin straight from `src/`: the module
 * (`src/modules/sorted-pro`), the provider (`src/providers/sorted-pro`), and, because this folder is the
 * app, its routes, subscribers, links, jobs and admin extensions. A host app uses the README snippet instead.
 *
 * Without `SORTED_PRO_API_KEY` the plugin talks to the local sandbox (`npm run sandbox`, port
 * `SORTED_PRO_SANDBOX_PORT`, default 4010); with it, to `SORTED_PRO_BASE_URL` (default PRO's own sandbox).
 * `REDIS_URL` switches the event bus, workflow engine, cache and locking to Redis (production-like runs; `REDIS_LOCKING=off`
 * keeps the in-memory locking).
 */
const sortedPro: SortedProOptions = {
  defaultShippingLocation: process.env.SORTED_PRO_SHIPPING_LOCATION ?? "SL-MANCHESTER",
  weightUnit: "g",
  dimensionUnit: "cm",
  fallbackPrice: 4.99,
  // e.g. SORTED_PRO_PRICE_RULES='{"markupPercent":10,"rounding":"0.99","freeAbove":100}' (see PriceRules)
  priceRules: process.env.SORTED_PRO_PRICE_RULES ? JSON.parse(process.env.SORTED_PRO_PRICE_RULES) : undefined,
  // per-attempt PRO timeout in ms (default 15 000); the fault benches shorten it, their sandbox answers in milliseconds
  requestTimeoutMs: process.env.SORTED_PRO_REQUEST_TIMEOUT_MS ? Number(process.env.SORTED_PRO_REQUEST_TIMEOUT_MS) : undefined,
}

const redisUrl = process.env.REDIS_URL

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    ...(redisUrl ? { redisUrl } : {}),
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000,http://localhost:5173",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS ?? "http://localhost:9000,http://localhost:8000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL ?? "/",
  },
  modules: [
    { resolve: "./src/modules/sorted-pro", options: sortedPro },
    {
      resolve: "@medusajs/medusa/fulfillment",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/fulfillment-manual", id: "manual" },
          { resolve: "./src/providers/sorted-pro", id: "sorted-pro", options: sortedPro },
        ],
      },
    },
    ...(redisUrl
      ? [
          { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
          { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
          { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
        ]
      : []),
    // REDIS_LOCKING=off keeps Medusa's default in-memory locking (one per process) with Redis: the benches use it to show
    // that the plugin's claim (a PostgreSQL lease) holds across processes whatever locking the host configured
    ...(redisUrl && process.env.REDIS_LOCKING !== "off"
      ? [
          {
            resolve: "@medusajs/medusa/locking",
            options: {
              providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
            },
          },
        ]
      : []),
  ],
})
