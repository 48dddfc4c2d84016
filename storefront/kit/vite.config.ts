import { resolve } from "node:path"
import { defineConfig } from "vite"

/**
 * Library build: dist/index.js (ESM), dist/index.cjs, dist/styles.css. React, react/jsx-runtime and
 * @medusajs/js-sdk stay external (peer dependencies). Types come from `tsc -p tsconfig.build.json`.
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
      output: { assetFileNames: "[name][extname]" },
    },
  },
})
