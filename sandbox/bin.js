#!/usr/bin/env node
/**
 * `sorted-pro-sandbox` executable (package.json "bin"): runs the PRO sandbox CLI (sandbox/main.ts, `runCli`).
 *
 *   npx sorted-pro-sandbox [--port <n>] [--host <address>] [--now <ISO-8601>] [--help]
 *
 * Honours SORTED_PRO_SANDBOX_PORT and SORTED_PRO_SANDBOX_NOW (options win); see sandbox/README.md "Running".
 *
 * Which code runs ({@link entryPoint}):
 * - In a repository checkout (sandbox/main.ts next to this file) with `tsx` installed: the TypeScript sources, through
 *   tsx's CommonJS require hook, so edits take effect without a build and a stale build is never run.
 * - Otherwise — the published package, which ships no TypeScript — the JavaScript that `npm run build`
 *   (`tsc -p sandbox/tsconfig.build.json`) compiled to `.medusa/sandbox/`; it needs only Node and the package's
 *   dependencies (express, bwip-js, pdf-lib), no tsx.
 * Neither available → prints why and exits 1.
 */
"use strict"

const fs = require("node:fs")
const path = require("node:path")

/**
 * Chooses the sandbox entry point for an executable located in `binDir`.
 *
 * @param {string} binDir absolute folder of bin.js (`sandbox/` of a checkout or of the installed package)
 * @param {(request: string) => string} resolveFrom resolves a module id from `binDir`, throwing when it cannot
 *   (default: `require.resolve` with `paths: [binDir]`)
 * @returns {{ kind: "source", file: string } | { kind: "compiled", file: string } | { kind: "missing", message: string }}
 *   `source`: `<binDir>/main.ts`, to be run through `tsx/cjs`; `compiled`: `<binDir>/../.medusa/sandbox/main.js`;
 *   `missing`: neither can run, with the reason and the fix.
 */
function entryPoint(binDir, resolveFrom = (request) => require.resolve(request, { paths: [binDir] })) {
  const source = path.join(binDir, "main.ts")
  const compiled = path.join(binDir, "..", ".medusa", "sandbox", "main.js")
  const hasSource = fs.existsSync(source)
  let hasTsx = false
  if (hasSource) {
    try {
      resolveFrom("tsx/cjs")
      hasTsx = true
    } catch {
      hasTsx = false
    }
  }
  if (hasSource && hasTsx) return { kind: "source", file: source }
  if (fs.existsSync(compiled)) return { kind: "compiled", file: compiled }
  return {
    kind: "missing",
    message: hasSource
      ? `sorted-pro-sandbox: ${source} needs the "tsx" package (npm install), or build ${compiled} with npm run build`
      : `sorted-pro-sandbox: ${compiled} is missing; reinstall the package (it is built by npm run build before publishing)`,
  }
}

/** Runs the chosen entry point's `runCli()` with this process's arguments; exits 1 when none can run. */
function main() {
  const entry = entryPoint(__dirname)
  if (entry.kind === "missing") {
    console.error(entry.message)
    process.exit(1)
  }
  if (entry.kind === "source") require("tsx/cjs")
  require(entry.file).runCli()
}

module.exports = { entryPoint }

if (require.main === module) main()
