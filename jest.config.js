const { loadEnv } = require("@medusajs/utils")
loadEnv("test", process.cwd())

/**
 * Jest set-up copied from Medusa's starters (see docs/medusa.md §3), with the sandbox's own
 * specs added to the unit run. TEST_TYPE picks the suite; `npm test` (scripts/test.ts) runs them all.
 */
module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true }, transform: { react: { runtime: "automatic" } } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  // storefront/: its own packages with their own tests (the kit: vitest on React 18 and 19, see storefront/kit)
  modulePathIgnorePatterns: ["dist/", "<rootDir>/storefront/", "<rootDir>/.medusa/", "<rootDir>/.demo/", "<rootDir>/integration-tests/packaging/"],
  setupFiles: ["./integration-tests/setup.js"],
}

if (process.env.TEST_TYPE === "integration:http") {
  module.exports.testMatch = ["**/integration-tests/http/**/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "integration:modules") {
  module.exports.testMatch = ["**/src/modules/*/__tests__/**/*.[jt]s"]
} else if (process.env.TEST_TYPE === "unit") {
  module.exports.testMatch = [
    "**/src/**/__tests__/**/*.unit.spec.[jt]s",
    "**/sandbox/**/__tests__/**/*.spec.[jt]s",
    "**/scripts/**/__tests__/**/*.unit.spec.[jt]s",
    "**/bench/**/__tests__/**/*.unit.spec.[jt]s",
    "**/src/admin/**/__tests__/**/*.unit.spec.tsx",
  ]
}
