import { resolve } from "node:path"
import { defineConfig } from "vite"

/**
 * Library build: dist/index.js (ESM), dist/index.cjs, dist/styles.css. React, react/jsx-runtime and
 * @medusajs/js-sdk stay external (peer dependencies). Both entries start with the `"use client"` directive (checked by
 * ../scripts/size.mjs). Types come from `tsc -p tsconfig.build.json`.
 */
export default defineConfig({
  root: __dirname,
  esbuild: { jsx: "automatic" },
  build: {
    outDir: resolve(__dirname, "dist"),
    emptyOutDir: true,
    sourcemap: true,
    minify: "esbuild",
    cssCodeSplit: true,
    lib: {
      entry: { index: resolve(__dirname, "src/index.ts"), styles: resolve(__dirname, "src/styles.css") },
      formats: ["es", "cjs"],
      fileName: (format, name) => `${name}.${format === "es" ? "js" : "cjs"}`,
    },
    rollupOptions: {
      external: ["react", "react/jsx-runtime", "react-dom", "@medusajs/js-sdk"],
      // every export is a client component or hook: the directive makes the entry usable from React Server Components
      output: { assetFileNames: "[name][extname]", banner: '"use client";' },
    },
  },
})
