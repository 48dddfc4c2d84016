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
 * The kit's unit tests (vitest, jsdom), run twice in one process: project `react18` on this package's devDependencies,
 * project `react19` with `react`, `react-dom` and `@testing-library/react` resolved from test/react19 (`npm ci` there
 * first). `npm test` runs both; `npm run test:react18` / `test:react19` one. `EXPECTED_REACT` tells
 * src/__tests__/react.unit.spec.ts which major version the project must load.
 */
export default defineConfig({
  esbuild: { jsx: "automatic" },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/__tests__/**/*.unit.spec.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
    // loaded by Node as published (not transformed): no warnings about its source maps
    server: { deps: { external: [/@medusajs\/js-sdk/] } },
    projects: [
      { extends: true, test: { name: "react18", env: { EXPECTED_REACT: "18" } } },
      { extends: true, resolve: { alias: REACT_19 }, test: { name: "react19", env: { EXPECTED_REACT: "19" } } },
    ],
  },
})
