/**
 * The demo the browser tests run against: `.demo/credentials.json`, and `npm run demo` (tsx scripts/demo.ts) started
 * as its own process group when no demo is running, stopped with SIGINT to the group (as Ctrl-C does).
 */
import fs from "node:fs"
import path from "node:path"
import { repoRoot } from "../../scripts/lib/medusa"
import { signalGroup, spawnGroup } from "../../scripts/lib/process"
import { sleep } from "../../scripts/lib/wait"

/** Where `npm run demo` writes its credentials. */
export const credentialsFile = path.join(repoRoot, ".demo", "credentials.json")

/** The demo's credentials file parsed, or undefined when it is missing or unreadable. */
export function readCredentials<T>(): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(credentialsFile, "utf8"))
  } catch {
    return undefined
  }
}

/** A demo started by {@link startDemo}. */
export interface StartedDemo<T> {
  credentials: T
  /** What the demo printed so far. */
  output(): string
  /** SIGINT to its process group; resolves when it exited, or after 30 s. */
  stop(): Promise<void>
}

/**
 * Starts `npm run demo` with `env` added to this process's environment and polls every second (10 minutes at most)
 * until `ready` resolves with the credentials; `ready` gets whether the credentials file was written since the start
 * and the demo's output so far.
 * @throws Error with the end of the demo's output when it exits first or is not ready in time (it is stopped then).
 */
export async function startDemo<T>(
  env: NodeJS.ProcessEnv,
  ready: (fresh: boolean, output: string) => Promise<T | undefined>
): Promise<StartedDemo<T>> {
  const before = fs.existsSync(credentialsFile) ? fs.statSync(credentialsFile).mtimeMs : 0
  const child = spawnGroup(process.execPath, [path.join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/demo.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...env, MEDUSA_DISABLE_TELEMETRY: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout?.on("data", (chunk) => (output += chunk))
  child.stderr?.on("data", (chunk) => (output += chunk))
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      signalGroup(child.pid, "SIGINT")
      await Promise.race([exited, sleep(30_000)])
    }
  }
  const until = Date.now() + 10 * 60_000
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`npm run demo exited with ${child.exitCode}:\n${output.slice(-4000)}`)
    }
    const fresh = fs.existsSync(credentialsFile) && fs.statSync(credentialsFile).mtimeMs > before
    const credentials = await ready(fresh, output)
    if (credentials) {
      return { credentials, output: () => output, stop }
    }
    await sleep(1000)
  }
  await stop()
  throw new Error(`npm run demo was not ready in 10 minutes:\n${output.slice(-4000)}`)
}
