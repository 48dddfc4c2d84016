#!/usr/bin/env node
/**
 * `sorted-pro-sandbox` executable (package.json "bin"): runs the PRO sandbox CLI (sandbox/main.ts) from its TypeScript
 * source through tsx's CommonJS require hook, so no build step is needed.
 *
 *   npx sorted-pro-sandbox [--port <n>] [--host <address>] [--now <ISO-8601>]
 *
 * Honours SORTED_PRO_SANDBOX_PORT and SORTED_PRO_SANDBOX_NOW (options win). Needs `tsx`, `express`, `pdf-lib` and
 * `bwip-js` to be resolvable from this folder (devDependencies of this repository; see sandbox/README.md "Running").
 */
"use strict"

try {
  require("tsx/cjs")
} catch (err) {
  console.error(`sorted-pro-sandbox needs the "tsx" package (npm install --save-dev tsx): ${err.message}`)
  process.exit(1)
}
require("./main.ts").runCli()
