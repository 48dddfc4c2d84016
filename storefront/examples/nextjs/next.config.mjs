import path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
/** The storefront kit as built by `npm run build` in storefront/kit (its `dist`), as a store would install it from npm. */
const kit = path.resolve(here, "../../kit/dist")

/** @type {import("next").NextConfig} */
const nextConfig = {
  // the kit's built files live outside this folder (../../kit/dist)
  experimental: { externalDir: true },
  outputFileTracingRoot: here,
  // the repository's own ESLint run (npm run lint at the root) covers this folder
  eslint: { ignoreDuringBuilds: true },
  webpack(config) {
    config.resolve.alias = {
      ...config.resolve.alias,
      "medusa-plugin-sorted-pro-storefront$": path.join(kit, "index.js"),
      "medusa-plugin-sorted-pro-storefront/styles.css": path.join(kit, "styles.css"),
    }
    return config
  },
}

export default nextConfig
