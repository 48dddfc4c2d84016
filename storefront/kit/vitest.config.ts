import path from "node:path"
import { defineConfig } from "vitest/config"

/** React 19 and its Testing Library, installed apart (test/react19) so that each resolves React 19 from its own folder. */
const react19 = path.resolve(__dirname, "test/react19/node_modules")
const REACT_19: Record<string, string> = {
  react: path.join(react19, "react"),
  "react-dom": path.join(react19, "react-dom"),
  "@testing-library/react": path.join(react19, "@testing-library/react"),
}

/**
 * The kit's unit tests (vitest, jsdom): `npm test` on React 18 (this package's devDependencies), `npm run test:react19`
 * (`--mode react19`) on React 19, with `react`, `react-dom` and `@testing-library/react` resolved from test/react19
 * (`npm ci` there first). `EXPECTED_REACT` tells src/__tests__/react.unit.spec.ts which major version the run must load.
 */
export default defineConfig(({ mode }) => ({
  esbuild: { jsx: "automatic" },
  resolve: { alias: mode === "react19" ? REACT_19 : {} },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/__tests__/**/*.unit.spec.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
    env: { EXPECTED_REACT: mode === "react19" ? "19" : "18" },
    // loaded by Node as published (not transformed): no warnings about its source maps
    server: { deps: { external: [/@medusajs\/js-sdk/] } },
  },
}))
