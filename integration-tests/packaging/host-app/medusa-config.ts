import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import type { SortedProOptions } from "medusa-plugin-sorted-pro/types"
loadEnv(process.env.NODE_ENV || "development", process.cwd())
const sortedPro: SortedProOptions = {
  apiKey: process.env.SORTED_PRO_API_KEY, // absent → the local sandbox (npx sorted-pro-sandbox)
  defaultShippingLocation: "SL-MANCHESTER", // PRO ShippingLocationReference of your warehouse
  weightUnit: "g",
  dimensionUnit: "cm",
  fallbackPrice: 4.99,
}
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET ?? "packaging-check-jwt",
      cookieSecret: process.env.COOKIE_SECRET ?? "packaging-check-cookie",
    },
  },
  plugins: [{ resolve: "medusa-plugin-sorted-pro", options: sortedPro }],
  modules: [
    {
      resolve: "@medusajs/medusa/fulfillment",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/fulfillment-manual", id: "manual" },
          { resolve: "medusa-plugin-sorted-pro/providers/sorted-pro", id: "sorted-pro", options: sortedPro },
        ],
      },
    },
  ],
})
