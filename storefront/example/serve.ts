/**
 * Builds the example checkout (storefront/example) against a running Medusa into `.demo/storefront` and serves it with
 * `vite preview` on http://localhost:5173 (the demo's `storeCors` allows that origin). Used by `npm run demo`
 * and by the browser test. Never throws: when the port is taken or the build fails it logs why and resolves
 * `undefined`, so the demo itself keeps running.
 */
import { ChildProcess, spawn } from "child_process"
import path from "path"
import { fileURLToPath } from "url"

const exampleDir = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(exampleDir, "../..")
const viteBin = path.join(root, "node_modules", "vite", "bin", "vite.js")
// inside a dot-folder: `medusa develop` ignores those, so the build does not restart the demo's Medusa
const outDir = path.join(root, ".demo", "storefront")

export interface ExampleStorefront {
  url: string
  close(): void
}

function runVite(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [viteBin, ...args], { cwd: exampleDir, env, stdio: ["ignore", "pipe", "pipe"] })
}

async function reachable(url: string) {
  return fetch(url).then(
    () => true,
    () => false
  )
}

export async function startExampleStorefront(options: {
  backendUrl: string
  publishableKey: string
  port?: number
  log?: (message: string) => void
}): Promise<ExampleStorefront | undefined> {
  const log = options.log ?? ((message: string) => console.log(message))
  const port = options.port ?? 5173
  const url = `http://localhost:${port}`
  if (await reachable(url)) {
    log(`storefront example not started: ${url} is already in use`)
    return undefined
  }
  const env = {
    ...process.env,
    VITE_MEDUSA_BACKEND_URL: options.backendUrl,
    VITE_MEDUSA_PUBLISHABLE_KEY: options.publishableKey,
  }
  log("building the storefront example (storefront/example)")
  const build = runVite(["build", "--logLevel", "warn", "--outDir", outDir, "--emptyOutDir"], env)
  let buildOutput = ""
  build.stdout?.on("data", (chunk) => (buildOutput += chunk))
  build.stderr?.on("data", (chunk) => (buildOutput += chunk))
  const built = await new Promise<boolean>((resolve) => build.on("exit", (code) => resolve(code === 0)))
  if (!built) {
    log(`storefront example not started: vite build failed\n${buildOutput.slice(-2000)}`)
    return undefined
  }
  const preview = runVite(["preview", "--outDir", outDir, "--port", String(port), "--strictPort"], env)
  let previewOutput = ""
  preview.stdout?.on("data", (chunk) => (previewOutput += chunk))
  preview.stderr?.on("data", (chunk) => (previewOutput += chunk))
  const close = () => {
    if (preview.exitCode === null) {
      preview.kill("SIGTERM")
    }
  }
  process.once("exit", close)
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    if (preview.exitCode !== null) {
      log(`storefront example not started: vite preview exited with ${preview.exitCode}\n${previewOutput.slice(-2000)}`)
      return undefined
    }
    if (await reachable(url)) {
      return { url, close }
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  close()
  log(`storefront example not started: ${url} did not answer in 30 s\n${previewOutput.slice(-2000)}`)
  return undefined
}
