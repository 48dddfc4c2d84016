// ESLint for the plugin (src/), the sandbox, the storefront kit and example, benches and scripts: typescript-eslint's
// recommended rules, braces on every block, and Prettier (run separately with `npm run format:check`) for layout.
import js from "@eslint/js"
import tseslint from "typescript-eslint"
import prettier from "eslint-config-prettier"

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/next-env.d.ts",
      "**/.medusa/**",
      ".demo/**",
      "**/dist/**",
      "test-results/**",
      "**/migrations/**",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      curly: ["error", "all"],
      eqeqeq: ["error", "smart"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // tests and tooling may use `any` for fixtures and mocks
    files: ["**/__tests__/**", "integration-tests/**", "bench/**", "scripts/**", "storefront/**/test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  }
)
