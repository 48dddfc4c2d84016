/**
 * What `npm run test:starter` (starter.ts) needs besides the demo: the storefront kit built from its own package
 * (storefront/kit), and the Next.js example storefront (storefront/examples/nextjs) installed from its own lock,
 * built with `next build` and served with `next start` against the demo's backend and publishable key.
 */
import fs from "node:fs"
import path from "node:path"
import { type ChildProcess } from "node:child_process"
import { root } from "./admin-support"
import { portOpen } from "../../scripts/lib/ports"
import { runCommand, spawnGroup, stopGroup } from "../../scripts/lib/process"
import { waitForHttp } from "../../scripts/lib/wait"

export const kitDir = path.join(root, "storefront", "kit")
export const exampleDir = path.join(root, "storefront", "examples", "nextjs")
const npm = process.platform === "win32" ? "npm.cmd" : "npm"
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }

/** Newest modification time (ms) of the files under `dir` (0 when it is missing). */
function newest(dir: string): number {
  if (!fs.existsSync(dir)) {
    return 0
  }
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0)
}

/** `npm ci` in `dir` when it has no node_modules yet (its own package-lock.json; the root install does not cover it). */
async function installed(dir: string, log: (message: string) => void) {
  if (!fs.existsSync(path.join(dir, "node_modules"))) {
    log(`npm ci in ${path.relative(root, dir)}`)
    await runCommand(npm, ["ci", "--no-audit", "--no-fund"], { cwd: dir, env })
  }
}

/**
 * Installs the kit and the example when needed, and builds the kit when its `dist` is missing or older than its
 * sources. Run it before a demo starts: `medusa develop` restarts on every file written in the repository
 * (dot-folders and the root node_modules/dist aside), which the kit's `dist` is.
 * @returns whether anything was written in the repository (so a running demo may be restarting).
 */
export async function prepare(log: (message: string) => void): Promise<boolean> {
  const kitBuilt = newest(path.join(kitDir, "dist"))
  const before = [kitDir, exampleDir].filter((dir) => !fs.existsSync(path.join(dir, "node_modules"))).length
  await installed(kitDir, log)
  await installed(exampleDir, log)
  const stale = kitBuilt === 0 || newest(path.join(kitDir, "src")) > kitBuilt
  if (stale) {
    log("building the storefront kit (npm run build in storefront/kit)")
    await runCommand(npm, ["run", "build"], { cwd: kitDir, env })
  }
  return stale || before > 0
}

/**
 * `next build` of the example, unless its last build (`.next/BUILD_ID`) is newer than its sources, config, lock and the
 * kit's `dist` (CI builds it while the demo starts). The output stays in `.next`, a dot-folder the demo ignores.
 */
export async function buildExample(log: (message: string) => void) {
  const built = fs.existsSync(path.join(exampleDir, ".next", "BUILD_ID")) ? fs.statSync(path.join(exampleDir, ".next", "BUILD_ID")).mtimeMs : 0
  const inputs = ["next.config.mjs", "package-lock.json", "tsconfig.json"].map((file) => fs.statSync(path.join(exampleDir, file)).mtimeMs)
  const newestInput = Math.max(newest(path.join(exampleDir, "src")), newest(path.join(kitDir, "dist")), ...inputs)
  if (built > newestInput) {
    log("next build: the example's build is newer than its sources, reused")
    return
  }
  log("next build (storefront/examples/nextjs)")
  const started = Date.now()
  await runCommand(process.execPath, [path.join(exampleDir, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: exampleDir,
    env,
    tailChars: 8000,
  })
  log(`next build done in ${((Date.now() - started) / 1000).toFixed(1)}s`)
}

/** The example served by `next start`. */
export interface RunningExample {
  url: string
  stop(): Promise<void>
}

/**
 * `next start -p port` against `backendUrl` with the store's `publishableKey` (read at run time by the example's
 * src/lib/config.ts). The port must be one the store's CORS allows (the kit's pickers call the store from the
 * browser): 8000 is in Medusa's default `STORE_CORS`.
 * @throws Error when the port is taken, or the server exits or does not answer in 60 s.
 */
export async function startExample(port: number, backendUrl: string, publishableKey: string): Promise<RunningExample> {
  if (await portOpen(port)) {
    throw new Error(`port ${port} is in use: stop what runs there or set STARTER_PORT (and allow its origin in STORE_CORS)`)
  }
  const child: ChildProcess = spawnGroup(
    process.execPath,
    [path.join(exampleDir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)],
    {
      cwd: exampleDir,
      env: { ...env, MEDUSA_BACKEND_URL: backendUrl, MEDUSA_PUBLISHABLE_KEY: publishableKey },
      stdio: ["ignore", "pipe", "pipe"],
    }
  )
  let output = ""
  child.stdout?.on("data", (chunk) => (output += chunk))
  child.stderr?.on("data", (chunk) => (output += chunk))
  const url = `http://localhost:${port}`
  const stop = () => stopGroup(child, { graceMs: 5_000, reapAfterMs: 500 })
  const outcome = await waitForHttp(url, { timeoutMs: 60_000, alive: () => child.exitCode === null })
  if (outcome !== "ready") {
    await stop()
    throw new Error(`next start ${outcome === "exited" ? "exited" : "did not answer in 60 s"}:\n${output.slice(-4000)}`)
  }
  return { url, stop }
}
