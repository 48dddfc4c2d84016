import react from "@vitejs/plugin-react"
import fs from "node:fs"
import { resolve } from "node:path"
import { defineConfig } from "vite"

/**
 * The example checkout. Backend URL and publishable key come from `VITE_MEDUSA_BACKEND_URL` and
 * `VITE_MEDUSA_PUBLISHABLE_KEY`, else from `.demo/credentials.json` (written by `npm run demo`). The kit is
 * used from its sources (aliased), so no kit build is needed. Port 5173: the demo's `storeCors` allows
 * http://localhost:5173.
 */
function demoCredentials(): { store_url?: string; publishable_key?: string } {
  try {
    return JSON.parse(fs.readFileSync(resolve(__dirname, "../../.demo/credentials.json"), "utf8"))
  } catch {
    return {}
  }
}

const demo = demoCredentials()
const backendUrl = process.env.VITE_MEDUSA_BACKEND_URL ?? demo.store_url?.replace(/\/store$/, "") ?? "http://localhost:9000"
const publishableKey = process.env.VITE_MEDUSA_PUBLISHABLE_KEY ?? demo.publishable_key ?? ""

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  define: {
    "import.meta.env.VITE_MEDUSA_BACKEND_URL": JSON.stringify(backendUrl),
    "import.meta.env.VITE_MEDUSA_PUBLISHABLE_KEY": JSON.stringify(publishableKey),
  },
  resolve: {
    // the kit's sources (aliased below) sit beside the kit's own node_modules (its React for its tests): one React,
    // one react-query and one sdk for the page, from the repository's node_modules
    dedupe: ["react", "react-dom", "@tanstack/react-query", "@medusajs/js-sdk"],
    alias: [
      { find: /^medusa-plugin-sorted-pro-storefront\/styles\.css$/, replacement: resolve(__dirname, "../kit/src/styles.css") },
      { find: /^medusa-plugin-sorted-pro-storefront$/, replacement: resolve(__dirname, "../kit/src/index.ts") },
    ],
  },
  server: { host: "localhost", port: 5173, strictPort: true },
  preview: { host: "localhost", port: 5173, strictPort: true },
  build: { outDir: resolve(__dirname, "dist"), emptyOutDir: true },
})
