/**
 * Steps 4 and 5 of the packaging check, in the host app: `medusa db:migrate` applies the plugin's migrations and its
 * order link; `medusa start` (NODE_ENV=development, so the admin is served by the dev bundler without a build) answers
 * `/health`; then `medusa user`, admin login, the fulfillment providers and their options, a plugin API route, the
 * admin dashboard with the plugin's extensions, and a server log free of errors about the plugin.
 */
import fs from "fs"
import path from "path"
import { runMedusa, spawnMedusa } from "../../scripts/lib/medusa"
import { freePort } from "../../scripts/lib/ports"
import { queryRows } from "../../scripts/lib/postgres"
import { isRunning, stopGroup } from "../../scripts/lib/process"
import { waitForHttp } from "../../scripts/lib/wait"
import { ADMIN_EMAIL, ADMIN_PASSWORD, cleanEnv, EXPECTED_OPTIONS, EXPECTED_PROVIDERS, pluginName, root } from "./context"
import type { Database } from "./database"
import { check, fail, onCleanup, running } from "./harness"

/** A `medusa exec` script: the plugin's `loadedModule` must return the loaded module instances the container holds. */
const MODULES_PROBE = `import { loadedModule } from "PLUGIN/lib/modules"
export default async function probe({ container }: { container: { resolve(key: string): unknown } }) {
  const own = loadedModule<object>("sorted_pro")
  const stock = loadedModule<{ listStockLocations?: unknown }>("stock_location")
  if (!own || own !== container.resolve("sorted_pro")) {
    throw new Error("loadedModule('sorted_pro') is not the container's sorted_pro module")
  }
  if (typeof stock?.listStockLocations !== "function") {
    throw new Error("loadedModule('stock_location') is not the Stock Location module")
  }
  console.log("SORTED_PRO_MODULES_OK")
}
`

/** A JSON request to the host app: the status, the body as text and as JSON (undefined when not JSON), the content type. */
async function http(base: string, route: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${route}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(60_000),
  })
  const text = await response.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, text, json, contentType: response.headers.get("content-type") ?? "" }
}

/**
 * Migrates, starts and probes the host app in `hostDir` on `database` (logs in `logs`); `migrations` are the tarball's
 * migration files. @throws CheckFailure (reported) when a check fails.
 */
export async function checkMedusaApp(hostDir: string, database: Database, migrations: string[], logs: string): Promise<void> {
  const cli = { cwd: hostDir, cliJs: path.join(hostDir, "node_modules", "@medusajs", "cli", "cli.js") }
  const hostEnv = (extra: Record<string, string> = {}) => cleanEnv({ DATABASE_URL: database.url, NODE_ENV: "development", ...extra })
  const medusa = (args: string[], log: string, timeoutMs: number) =>
    runMedusa(args, { ...cli, logFile: log, env: hostEnv(), timeoutMs, group: true, children: running })

  // migrations
  const migrateLog = path.join(logs, "db-migrate.log")
  await check("medusa db:migrate", () => medusa(["db:migrate"], migrateLog, 5 * 60_000).then(() => undefined), migrateLog)

  await check(
    "plugin migrations applied",
    async () => {
      const tables = await queryRows<{ table_name: string }>(
        database.url,
        "select table_name from information_schema.tables where table_schema = 'public' and table_name = 'sorted_pro_consignment'"
      )
      if (!tables.length) {
        throw new Error("table sorted_pro_consignment does not exist")
      }
      const names = migrations.map((file) => path.basename(file, ".js"))
      const applied = (await queryRows<{ name: string }>(database.url, "select name from mikro_orm_migrations where name = any($1)", [names])).map(
        (row) => row.name
      )
      const missing = names.filter((name) => !applied.includes(name))
      if (missing.length) {
        throw new Error(`not recorded in mikro_orm_migrations: ${missing.join(", ")}`)
      }
      const links = await queryRows<{ table_name: string }>(
        database.url,
        "select table_name from link_module_migrations where link_descriptor->>'toModel' = 'sorted_pro_consignment' and link_descriptor->>'fromModule' = 'order'"
      )
      if (!links.length) {
        throw new Error("order ↔ sorted_pro_consignment link was not migrated (link_module_migrations)")
      }
      const linkTables = await queryRows(database.url, "select 1 from information_schema.tables where table_name = $1", [links[0].table_name])
      if (!linkTables.length) {
        throw new Error(`link table ${links[0].table_name} does not exist`)
      }
      return `sorted_pro_consignment, ${applied.join(", ")}, link table ${links[0].table_name}`
    },
    migrateLog
  )

  // Medusa internals the plugin relies on (src/lib/modules.ts: MedusaModule.getModuleInstance), on this Medusa version
  const probeLog = path.join(logs, "modules-probe.log")
  await check(
    "Medusa internals: loadedModule (lib/modules) finds sorted_pro and stock_location (medusa exec)",
    async () => {
      const probe = path.join(hostDir, "sorted-pro-modules-probe.ts")
      fs.writeFileSync(probe, MODULES_PROBE.replaceAll("PLUGIN", pluginName))
      try {
        const output = await medusa(["exec", "./sorted-pro-modules-probe.ts"], probeLog, 3 * 60_000)
        if (!output.includes("SORTED_PRO_MODULES_OK")) {
          throw new Error("the probe did not report SORTED_PRO_MODULES_OK")
        }
      } finally {
        fs.rmSync(probe, { force: true })
      }
    },
    probeLog
  )

  // the running app
  const port = Number(process.env.PACKAGING_PORT) || (await freePort())
  const base = `http://localhost:${port}`
  const serverLog = path.join(logs, "medusa-start.log")
  let stopped: Promise<void> | undefined
  let stopServer = async () => undefined as void
  await check(
    `medusa start → GET /health 200 (port ${port})`,
    async () => {
      const out = fs.openSync(serverLog, "a")
      const server = spawnMedusa(["start"], { ...cli, env: hostEnv({ PORT: String(port) }), stdio: ["ignore", out, out] })
      fs.closeSync(out)
      stopServer = () => (stopped ??= stopGroup(server, { graceMs: 10_000 }).then(() => undefined))
      onCleanup("stop Medusa", () => stopServer())
      const outcome = await waitForHttp(`${base}/health`, {
        timeoutMs: 4 * 60_000,
        intervalMs: 1_000,
        requestTimeoutMs: 5_000,
        alive: () => isRunning(server),
      })
      if (outcome === "exited") {
        throw new Error(`medusa start exited with ${server.exitCode ?? server.signalCode}`)
      }
      if (outcome === "timeout") {
        throw new Error("no 200 from /health within 4 minutes")
      }
    },
    serverLog
  )

  const userLog = path.join(logs, "medusa-user.log")
  await check(
    `medusa user -e ${ADMIN_EMAIL}`,
    () => medusa(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], userLog, 3 * 60_000).then(() => undefined),
    userLog
  )

  const { token } = await check(
    `POST /auth/user/emailpass → token`,
    async () => {
      const response = await http(base, "/auth/user/emailpass", { method: "POST", body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
      if (response.status !== 200 || typeof response.json?.token !== "string") {
        throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 300)}`)
      }
      return { token: response.json.token as string }
    },
    serverLog
  )

  /** Checks that `GET route` answers 200 with every `expected` id in its `key` list; the ids are the check's detail. */
  const listsIds = (route: string, key: string, expected: string[]) =>
    check(
      `GET ${route}`,
      async () => {
        const response = await http(base, route, { token })
        const ids: string[] = (response.json?.[key] ?? []).map((item: { id: string }) => item.id)
        const missing = expected.filter((id) => !ids.includes(id))
        if (response.status !== 200 || missing.length) {
          throw new Error(`HTTP ${response.status}, missing ${missing.join(", ")}: ${response.text.slice(0, 300)}`)
        }
        return ids.join(", ")
      },
      serverLog
    )
  await listsIds("/admin/fulfillment-providers", "fulfillment_providers", EXPECTED_PROVIDERS)
  await listsIds("/admin/fulfillment-providers/sorted-pro_sorted-pro/options", "fulfillment_options", EXPECTED_OPTIONS)

  await check(
    "plugin API route mounted (GET /admin/sorted-pro/orders/:id/consignments)",
    async () => {
      const response = await http(base, "/admin/sorted-pro/orders/order_packaging_check/consignments", { token })
      if (!response.contentType.includes("application/json") || response.json === undefined) {
        throw new Error(`HTTP ${response.status}, not a route of the plugin: ${response.text.slice(0, 200)}`)
      }
      return `HTTP ${response.status}`
    },
    serverLog
  )

  await check(
    "admin dashboard loads the plugin's extensions (GET /app, /app/entry.jsx, the plugin's admin module)",
    async () => {
      const page = await http(base, "/app")
      if (page.status !== 200 || !/<html/i.test(page.text)) {
        throw new Error(`GET /app: HTTP ${page.status}: ${page.text.slice(0, 200)}`)
      }
      // NODE_ENV=development: the admin bundler's dev server writes .medusa/client/entry.jsx, which imports
      // every plugin's `<plugin>/admin`; Vite serves it with the import rewritten to a URL
      const entry = await http(base, "/app/entry.jsx")
      const url = entry.text.match(new RegExp(`["'](/app/[^"']*${pluginName}[^"']*)["']`))?.[1]
      if (entry.status !== 200 || !url) {
        throw new Error(`GET /app/entry.jsx: HTTP ${entry.status}, no import of ${pluginName}/admin: ${entry.text.slice(0, 300)}`)
      }
      if (url.includes(root)) {
        throw new Error(`the admin imports the plugin from the repository: ${url}`)
      }
      const admin = await http(base, url)
      if (admin.status !== 200 || !/widgetModule/.test(admin.text)) {
        throw new Error(`GET ${url}: HTTP ${admin.status}, not the plugin's admin extensions: ${admin.text.slice(0, 300)}`)
      }
      return url.replace(/^.*\/node_modules\//, "node_modules/")
    },
    serverLog
  )

  // stopped here, so the next host app (check.ts) runs alone
  await stopServer()
  const errors = fs
    .readFileSync(serverLog, "utf8")
    .split("\n")
    .filter((line) => /\berror\b/i.test(line) && /sorted.?pro/i.test(line))
  if (errors.length) {
    fail("server log", `errors mentioning the plugin:\n${errors.slice(0, 10).join("\n")}`)
  }
}
