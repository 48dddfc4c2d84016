import { defineConfig, loadEnv } from "@medusajs/framework/utils"
loadEnv(process.env.NODE_ENV || "development", process.cwd())
const sortedPro = {
  apiKey: process.env.SORTED_PRO_API_KEY, // absent → the local sandbox (npx sorted-pro-sandbox)
  defaultShippingLocation: "SL-MANCHESTER", // PRO ShippingLocationReference of your warehouse
  weightUnit: "g" as const,
  dimensionUnit: "cm" as const,
  fallbackPrice: 4.99,
}
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "supersecret", cookieSecret: "supersecret" },
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
