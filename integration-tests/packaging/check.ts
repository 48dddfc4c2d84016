/**
 * Packaging check (`npm run test:packaging`): proves that what `npm pack` ships installs into a separate,
 * clean Medusa 2.21 app and loads with the README's configuration snippet.
 *
 *  1. `npm run build` (medusa plugin:build + build:sandbox) and `npm pack` → the tarball; checks it holds exactly
 *     .medusa/server/src, the compiled sandbox (.medusa/sandbox/*.js, one per sandbox/**.ts outside __tests__),
 *     sandbox/bin.js, sandbox/README.md and metadata, that its `bin` is sorted-pro-sandbox → sandbox/bin.js, and
 *     that every package the compiled sandbox requires is a dependency.
 *  2. A fresh host app in a temporary folder OUTSIDE the repository (so Node can never fall back to the
 *     repository's node_modules): `host-app/` (README's medusa-config.ts, tsconfig.json, package.json) with
 *     the Medusa packages at the plugin's peer versions and `"medusa-plugin-sorted-pro": "file:<tarball>"`;
 *     a real `npm install` (warm npm cache: `--prefer-offline`). Checks the plugin came from the tarball, with no
 *     TypeScript, and that node_modules/.bin/sorted-pro-sandbox runs its compiled sandbox: `--help` exits 0;
 *     `npx sorted-pro-sandbox --port <free>` answers GET /_sandbox/health and POST /deliveryoptions (201, options)
 *     and stops on SIGTERM to its process group (as Ctrl-C does); the executable run directly exits 0 on SIGTERM.
 *  3. A fresh database `sorted_pro_packaging_<random>` on `DATABASE_URL` / `DB_HOST` (dropped at the end),
 *     else an embedded PostgreSQL (scripts/lib/postgres.ts) in the temporary folder.
 *  4. `medusa db:migrate` in the host app → the plugin's migrations and its order link are applied.
 *  5. `medusa start` (NODE_ENV=development, so the admin is served by the dev bundler without a build) →
 *     `/health`, `medusa user`, admin login, fulfillment providers and their options, a plugin API route.
 *
 * Prints one `PASS`/`FAIL` line per check with timings and a closing `Packaging: …` line; exits 1 on any
 * failure. Always stops Medusa and the database and removes the temporary folder (`PACKAGING_KEEP=1`
 * keeps it for inspection). The host app sees none of the caller's npm_* / SORTED_PRO_* variables.
 */
import { ChildProcess, spawn } from "child_process"
import crypto from "crypto"
import fs from "fs"
import { builtinModules } from "module"
import net from "net"
import os from "os"
import path from "path"
import { freePort } from "../../scripts/lib/postgres"

const root = path.resolve(__dirname, "../..")
const templateDir = path.join(__dirname, "host-app")
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
const pluginName: string = rootPackage.name
const keep = process.env.PACKAGING_KEEP === "1"

const ADMIN_EMAIL = "packaging@example.com"
const ADMIN_PASSWORD = "packaging-check"
const EXPECTED_PROVIDERS = ["sorted-pro_sorted-pro", "manual_manual"]
const EXPECTED_OPTIONS = ["sorted-pro-delivery", "sorted-pro-standard"]
const REQUIRED_FILES = [
  ".medusa/server/src/providers/sorted-pro/index.js",
  ".medusa/server/src/modules/sorted-pro/index.js",
  ".medusa/server/src/admin/index.js",
  ".medusa/sandbox/main.js",
  ".medusa/sandbox/server.js",
  "sandbox/bin.js",
]
/** The sandbox files shipped besides its compiled JavaScript (the executable and its documentation). */
const SHIPPED_SANDBOX_FILES = ["sandbox/bin.js", "sandbox/README.md"]
const SANDBOX_BIN = "sorted-pro-sandbox"
/** Sandbox clock for the executable checks: Monday 16 June 2025, 10:00 London, before every cut-off. */
const SANDBOX_NOW = "2025-06-16T10:00:00+01:00"
/** A one-package Manchester → London checkout (CONTRACT.md §3.2 request shape), as the plugin sends it. */
const DELIVERY_OPTIONS_REQUEST = {
  ConsignmentReferenceProvidedByCustomer: "packaging-check",
  Direction: "Outbound",
  Packages: [
    {
      Weight: { Value: 1.2, Unit: "Kg" },
      Dimensions: { Unit: "Cm", Width: 20, Length: 30, Height: 10 },
      Value: { Amount: 25, Currency: { IsoCode: "GBP" } },
      Description: "Socks",
    },
  ],
  Addresses: [
    { AddressType: "Origin", ShippingLocationReference: "SL-MANCHESTER" },
    { AddressType: "Destination", AddressLine1: "1 Test Road", Town: "London", Postcode: "SW1A 1AA", Country: { IsoCode: { TwoLetterCode: "GB" } } },
  ],
}

/**
 * The compiled sandbox the tarball must hold: `.medusa/sandbox/<path>.js` for every `sandbox/<path>.ts` outside
 * `__tests__` (sandbox/tsconfig.build.json compiles them all; a missing one would fail at run time, an extra one is
 * a stale or test file). Sorted.
 */
function expectedSandboxFiles(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, "sandbox", dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (entry.name !== "__tests__" && entry.name !== "node_modules") {
          walk(rel)
        }
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        out.push(`.medusa/sandbox/${rel.replace(/\.ts$/, ".js")}`)
      }
    }
  }
  walk("")
  return out.sort()
}

/** Package names (not Node built-ins, not relative paths) that the compiled JavaScript files under `dir` require. */
function requiredPackages(dir: string): string[] {
  const names = new Set<string>()
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        walk(file)
      } else if (entry.name.endsWith(".js")) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(/\brequire\(\s*["']([^"'.][^"']*)["']\s*\)/g)) {
          const id = match[1]
          if (id.startsWith("node:") || builtinModules.includes(id.split("/")[0])) {
            continue
          }
          names.add(id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : id.split("/")[0])
        }
      }
    }
  }
  walk(dir)
  return [...names].sort()
}

/** Files under `dir` (outside nested node_modules) that are TypeScript sources (`.ts`, `.tsx`, `.mts`, `.cts`, not `.d.ts`). */
function typeScriptFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") {
          walk(file)
        }
      } else if (/\.[mc]?tsx?$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) {
        out.push(path.relative(dir, file))
      }
    }
  }
  walk(dir)
  return out
}
const MIGRATIONS_DIR = ".medusa/server/src/modules/sorted-pro/migrations/"

// ---------------------------------------------------------------------------------------------- output

const started = Date.now()
let passed = 0
let failed = 0
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

class CheckFailure extends Error {}

function pass(name: string, ms?: number, detail?: string) {
  passed++
  console.log(`PASS  ${name}${ms === undefined ? "" : ` (${seconds(ms)})`}${detail ? ` — ${detail}` : ""}`)
}

function fail(name: string, reason: string, log?: string): never {
  failed++
  console.log(`FAIL  ${name} — ${reason}`)
  if (log && !finishing && fs.existsSync(log)) {
    const lines = fs.readFileSync(log, "utf8").trimEnd().split("\n").slice(-60)
    console.log(`----- last ${lines.length} lines of ${log}`)
    console.log(lines.map((line) => `      ${line}`).join("\n"))
    console.log("-----")
  }
  throw new CheckFailure(reason)
}

function warn(message: string) {
  console.log(`WARN  ${message}`)
}

function info(message: string) {
  console.log(`      ${message}`)
}

/** Runs `fn` as one named check; a thrown error (other than a reported failure) fails it. */
async function check<T>(name: string, fn: () => Promise<T> | T, log?: string): Promise<T> {
  const t0 = Date.now()
  try {
    const result = await fn()
    pass(name, Date.now() - t0, typeof result === "string" ? result : undefined)
    return result
  } catch (error) {
    if (error instanceof CheckFailure) {
      throw error
    }
    fail(name, error instanceof Error ? error.message : String(error), log)
  }
}

// ------------------------------------------------------------------------------------------- processes

/** The caller's environment without npm's run-script variables (npm_config_local_prefix would make a nested
 * `npm install` write into this repository), without node_modules/.bin on PATH (binaries of the host app
 * are called by absolute path), and without the plugin's own variables (the README snippet reads
 * SORTED_PRO_API_KEY: absent means the local sandbox, which is what this check wants). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keepNpm = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl|prefer_offline|offline)$/i
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if ((/^npm_/i.test(key) && !keepNpm.test(key)) || key === "INIT_CWD" || key.startsWith("SORTED_PRO_")) {
      continue
    }
    if (["NODE_ENV", "DATABASE_URL", "PORT", "MEDUSA_ADMIN_DISABLE", "REDIS_URL"].includes(key)) {
      continue
    }
    env[key] = value
  }
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => entry && !/node_modules[\\/]\.bin[\\/]?$/.test(entry))
    .join(path.delimiter)
  env.MEDUSA_DISABLE_TELEMETRY = "true"
  return { ...env, ...extra }
}

/** Runs a command (in its own process group) to completion; resolves with its standard output, which goes to
 * `log` too, with its standard error; rejects on a non-zero exit or after `timeoutMs`. */
function run(command: string, args: string[], opts: { cwd: string; log: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(opts.log, `\n$ ${command} ${args.join(" ")}   (in ${opts.cwd})\n`)
    const out = fs.openSync(opts.log, "a")
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? cleanEnv(), stdio: ["ignore", "pipe", out], detached: true })
    fs.closeSync(out)
    const chunks: Buffer[] = []
    child.stdout!.on("data", (chunk: Buffer) => {
      chunks.push(chunk)
      fs.appendFileSync(opts.log, chunk)
    })
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL")
      reject(new Error(`\`${command} ${args.join(" ")}\` timed out after ${seconds(opts.timeoutMs)}`))
    }, opts.timeoutMs)
    current.add(child)
    child.on("error", (error) => {
      clearTimeout(timer)
      current.delete(child)
      reject(error)
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      current.delete(child)
      if (code === 0) {
        resolve(Buffer.concat(chunks).toString("utf8"))
      } else {
        reject(new Error(`\`${command} ${args.join(" ")}\` exited with ${code ?? signal} (log: ${opts.log})`))
      }
    })
  })
}

const current = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal)
    } catch {
      try {
        child.kill(signal)
      } catch {
        /* gone */
      }
    }
  }
}

/** SIGTERM to the process (`group`: to its process group), SIGKILL to the group after `graceMs`. */
async function stopProcess(child: ChildProcess, opts: { group: boolean; graceMs: number }) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  if (opts.group) {
    killGroup(child, "SIGTERM")
  } else {
    child.kill("SIGTERM")
  }
  const timeout = new Promise((resolve) => setTimeout(resolve, opts.graceMs, "timeout"))
  if ((await Promise.race([exited, timeout])) === "timeout") {
    killGroup(child, "SIGKILL")
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
  }
}

/** A started `sorted-pro-sandbox`: the child (leader of its own process group), its URL and its output so far. */
interface RunningSandbox {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts `command args` in `cwd` as its own process group (stdout and stderr appended to `log`) and resolves once it
 * prints the sandbox's `SortedPRO sandbox listening on <url>` line (sandbox/main.ts); rejects if it exits first or
 * prints nothing within `timeoutMs`. The group is SIGKILLed at cleanup if still alive.
 */
function startSandboxExecutable(command: string, args: string[], opts: { cwd: string; log: string; timeoutMs: number }): Promise<RunningSandbox> {
  fs.appendFileSync(opts.log, `\n$ ${command} ${args.join(" ")}   (in ${opts.cwd})\n`)
  const child = spawn(command, args, { cwd: opts.cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true })
  current.add(child)
  let output = ""
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8")
    fs.appendFileSync(opts.log, chunk)
  }
  child.stdout!.on("data", collect)
  child.stderr!.on("data", collect)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      current.delete(child)
      resolve({ code, signal })
    })
  )
  cleanups.push({ name: `stop ${command} ${args.join(" ")}`, fn: () => killGroup(child, "SIGKILL") })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening on" line within ${seconds(opts.timeoutMs)}: ${output.slice(-500)}`)),
      opts.timeoutMs
    )
    child.stdout!.on("data", () => {
      const url = output.match(/SortedPRO sandbox listening on (http:\/\/[^\s]+)/)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve({ child, url, output: () => output, exited })
      }
    })
    child.once("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code ?? signal} before listening: ${output.slice(-500)}`))
    })
  })
}

/** Whether a process group still has a member (signal 0 to the group). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })
}

// -------------------------------------------------------------------------------------------- database

interface Database {
  /** DATABASE_URL for the host app */
  url: string
  describe: string
  drop(): Promise<void>
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function adminQuery(serverUrl: string, sql: string) {
  const { Client } = await import("pg")
  const client = new Client({ connectionString: forPg(withDatabase(serverUrl, "postgres")), ...sslFor(serverUrl) })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Without Medusa's own `ssl_mode` parameter, which node-postgres does not know. */
function forPg(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.delete("ssl_mode")
  return parsed.toString()
}

/** The same SSL decision Medusa makes for a URL (loadModuleDatabaseConfig): none for local/ssl_mode=disable. */
function sslFor(url: string) {
  return /localhost|127\.0\.0\.1|ssl_mode=(disable|false)|sslmode=(disable)/i.test(url) ? {} : { ssl: { rejectUnauthorized: false } }
}

async function createDatabase(workDir: string): Promise<Database> {
  const name = `sorted_pro_packaging_${crypto.randomBytes(4).toString("hex")}`
  let serverUrl: string | undefined
  let embedded: { port: number; stop(): Promise<void> } | undefined
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL
  } else if (process.env.DB_HOST) {
    const url = new URL("postgres://localhost")
    url.hostname = process.env.DB_HOST
    url.port = process.env.DB_PORT || "5432"
    url.username = process.env.DB_USERNAME || "postgres"
    url.password = process.env.DB_PASSWORD || ""
    if (!/^(localhost|127\.0\.0\.1)$/.test(process.env.DB_HOST) && process.env.DB_SSL !== "true") {
      url.searchParams.set("ssl_mode", "disable")
    }
    serverUrl = url.toString()
  } else {
    const started = await startEmbedded(workDir)
    embedded = started
    serverUrl = started.url
  }
  const describe = embedded ? `embedded PostgreSQL on 127.0.0.1:${embedded.port}` : `PostgreSQL at ${new URL(serverUrl).host}`
  try {
    await adminQuery(serverUrl, `create database "${name}"`)
  } catch (error) {
    await embedded?.stop().catch(() => undefined)
    throw error
  }
  const server = serverUrl
  return {
    url: withDatabase(server, name),
    describe: `${describe}, database ${name}`,
    async drop() {
      try {
        if (!embedded) {
          await adminQuery(server, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`)
          await adminQuery(server, `drop database if exists "${name}"`)
        }
      } finally {
        await embedded?.stop()
      }
    },
  }
}

/** Starts db.ts (embedded PostgreSQL) in its own process group; resolves once it printed its URL. */
function startEmbedded(workDir: string): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const log = path.join(workDir, "logs", "postgres.log")
  const err = fs.openSync(log, "a")
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "db.ts"), path.join(workDir, "postgres")], {
    cwd: root,
    env: cleanEnv(),
    stdio: ["pipe", "pipe", err],
    detached: true,
  })
  fs.closeSync(err)
  // db.ts stops PostgreSQL on SIGTERM (its data folder goes with it); SIGKILL to its group if it hangs
  const stop = () => stopProcess(child, { group: false, graceMs: 30_000 })
  cleanups.push({ name: "stop embedded PostgreSQL", fn: stop })
  return new Promise((resolve, reject) => {
    let buffer = ""
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL")
      reject(new Error(`embedded PostgreSQL did not start within 2 minutes (log: ${log})`))
    }, 2 * 60_000)
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8")
      const line = buffer.split("\n").find((candidate) => candidate.startsWith("{"))
      if (line) {
        clearTimeout(timer)
        const { url, port } = JSON.parse(line)
        resolve({ url, port, stop })
      }
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`embedded PostgreSQL exited with ${code ?? signal}: ${fs.readFileSync(log, "utf8").trim().slice(-500)}`))
    })
  })
}

async function query<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const { Client } = await import("pg")
  const client = new Client({ connectionString: forPg(databaseUrl), ...sslFor(databaseUrl) })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows as T[]
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------- HTTP

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

// ---------------------------------------------------------------------------------------------- main

const cleanups: Array<{ name: string; fn: () => Promise<void> | void }> = []
let cleaning: Promise<void> | undefined

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of current) {
      killGroup(child, "SIGKILL")
    }
    for (const { name, fn } of cleanups.reverse()) {
      const t0 = Date.now()
      try {
        const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 60s")), 60_000).unref())
        await Promise.race([fn(), timeout])
        console.log(`      cleanup: ${name} (${seconds(Date.now() - t0)})`)
      } catch (error) {
        console.log(`WARN  cleanup: ${name} — ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  })()
  return cleaning
}

let finishing = false

/** Cleans up, prints the closing line and exits: 0 when every check passed, else 1 (130 when interrupted). */
async function finish(interrupted?: NodeJS.Signals) {
  if (finishing) {
    return
  }
  finishing = true
  const t0 = Date.now()
  await cleanup()
  console.log(`      cleanup ${seconds(Date.now() - t0)}`)
  const ok = !interrupted && failed === 0 && passed > 0
  console.log(`Packaging: ${ok ? "PASS" : "FAIL"} — ${passed} passed, ${failed} failed in ${seconds(Date.now() - started)}`)
  process.exit(ok ? 0 : interrupted ? 130 : 1)
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!finishing) {
      console.log(`FAIL  interrupted by ${signal}; cleaning up`)
      failed++
    }
    void finish(signal)
  })
}

async function main() {
  console.log(`Packaging check: ${pluginName}@${rootPackage.version}, Node ${process.version}`)
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-packaging-"))
  if (process.getuid?.() === 0) {
    fs.chmodSync(workDir, 0o755)
  }
  cleanups.push({
    name: "remove work folder",
    fn: () => {
      if (keep) {
        console.log(`      kept ${workDir} (PACKAGING_KEEP=1)`)
      } else {
        fs.rmSync(workDir, { recursive: true, force: true })
      }
    },
  })
  info(`work folder ${workDir}`)
  const logs = path.join(workDir, "logs")
  fs.mkdirSync(logs)
  const hostDir = path.join(workDir, "host")

  // 1. build and pack --------------------------------------------------------------------------------
  const buildLog = path.join(logs, "build.log")
  await check(
    "npm run build (medusa plugin:build + build:sandbox)",
    async () => {
      await run("npm", ["run", "build"], { cwd: root, log: buildLog, env: cleanEnv(), timeoutMs: 5 * 60_000 })
      for (const file of REQUIRED_FILES) {
        if (!fs.existsSync(path.join(root, file))) {
          throw new Error(`${file} missing after the build`)
        }
      }
    },
    buildLog
  )

  const packLog = path.join(logs, "pack.log")
  const tarball = await check(
    "npm pack",
    async () => {
      const output = await run("npm", ["pack", "--pack-destination", workDir, "--json"], {
        cwd: root,
        log: packLog,
        env: cleanEnv(),
        timeoutMs: 2 * 60_000,
      })
      const json = JSON.parse(output)
      const file = path.join(workDir, json[0].filename)
      if (!fs.existsSync(file)) {
        throw new Error(`${file} not written`)
      }
      return file
    },
    packLog
  )
  info(`${path.basename(tarball)}: ${(fs.statSync(tarball).size / 1024).toFixed(1)} kB`)

  const tarLog = path.join(logs, "tar.log")
  let migrations: string[] = []
  await check("tarball contents", async () => {
    const listing = await run("tar", ["-tzf", tarball], { cwd: workDir, log: tarLog, timeoutMs: 60_000 })
    const files = listing
      .split("\n")
      .filter((line) => line.startsWith("package/"))
      .map((line) => line.slice("package/".length).trim())
      .filter(Boolean)
    const problems: string[] = []
    for (const file of REQUIRED_FILES) {
      if (!files.includes(file)) {
        problems.push(`missing ${file}`)
      }
    }
    migrations = files.filter((file) => file.startsWith(MIGRATIONS_DIR) && /\/Migration[^/]*\.js$/.test(file))
    if (!migrations.length) {
      problems.push(`no migration under ${MIGRATIONS_DIR}`)
    }
    const metadata = /^(package\.json|README[^/]*|LICEN[CS]E[^/]*|CHANGELOG[^/]*)$/i
    const sandboxFiles = expectedSandboxFiles()
    for (const file of files) {
      if (/medusa-config/.test(file) || /(^|\/)__tests__\//.test(file)) {
        problems.push(`must not ship ${file}`)
      } else if (file.startsWith(".medusa/sandbox/")) {
        if (!sandboxFiles.includes(file)) {
          problems.push(`unexpected ${file} (.medusa/sandbox holds one .js per sandbox/**.ts outside __tests__)`)
        }
      } else if (/(^|\/)sandbox\//.test(file) && !SHIPPED_SANDBOX_FILES.includes(file)) {
        problems.push(`must not ship ${file} (of sandbox/ only ${SHIPPED_SANDBOX_FILES.join(" and ")})`)
      } else if (!file.startsWith(".medusa/server/src/") && !SHIPPED_SANDBOX_FILES.includes(file) && !metadata.test(file)) {
        problems.push(`unexpected ${file} (only .medusa/server/src, .medusa/sandbox and ${SHIPPED_SANDBOX_FILES.join(", ")} are published)`)
      }
    }
    for (const file of [...sandboxFiles, ...SHIPPED_SANDBOX_FILES]) {
      if (!files.includes(file)) {
        problems.push(`missing ${file}`)
      }
    }
    const packed = JSON.parse(await run("tar", ["-xzOf", tarball, "package/package.json"], { cwd: workDir, log: tarLog, timeoutMs: 60_000 }))
    if (packed.bin?.[SANDBOX_BIN] !== "sandbox/bin.js") {
      problems.push(`package.json bin.${SANDBOX_BIN} is ${JSON.stringify(packed.bin?.[SANDBOX_BIN])}, not "sandbox/bin.js"`)
    }
    const needed = requiredPackages(path.join(root, ".medusa", "sandbox"))
    const undeclared = needed.filter((name) => !packed.dependencies?.[name])
    if (undeclared.length) {
      problems.push(`the compiled sandbox requires ${undeclared.join(", ")}, not in dependencies`)
    }
    if (problems.length) {
      throw new Error(problems.join("; "))
    }
    const tests = files.filter((file) => /(^|\/)__tests__\/|\.spec\.js$|\.test\.js$/.test(file))
    if (tests.length) {
      warn(`the tarball ships ${tests.length} compiled test file(s): ${tests.join(", ")}`)
    }
    return `${files.length} files (sandbox: ${sandboxFiles.length} compiled + bin.js, README.md; requires ${needed.join(", ")}), migrations: ${migrations
      .map((file) => path.basename(file, ".js"))
      .join(", ")}`
  })

  // 2. host app ----------------------------------------------------------------------------------------
  const installLog = path.join(logs, "npm-install.log")
  await check(
    "host app: npm install from the tarball",
    async () => {
      fs.mkdirSync(hostDir)
      for (const file of ["medusa-config.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(templateDir, file), path.join(hostDir, file))
      }
      const hostPackage = JSON.parse(fs.readFileSync(path.join(templateDir, "package.json"), "utf8"))
      hostPackage.dependencies = { ...rootPackage.peerDependencies, ...hostPackage.dependencies, [pluginName]: `file:${tarball}` }
      for (const name of Object.keys(hostPackage.devDependencies)) {
        hostPackage.devDependencies[name] = rootPackage.devDependencies[name] ?? hostPackage.devDependencies[name]
      }
      hostPackage.allowScripts = rootPackage.allowScripts
      fs.writeFileSync(path.join(hostDir, "package.json"), JSON.stringify(hostPackage, null, 2) + "\n")
      await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--include=dev", "--loglevel=warn"], {
        cwd: hostDir,
        log: installLog,
        env: cleanEnv(),
        timeoutMs: 6 * 60_000,
      })
    },
    installLog
  )

  const resolveLog = path.join(logs, "resolve.log")
  await check("host app: plugin installed from the tarball, not from the repository", async () => {
    const installed = path.join(hostDir, "node_modules", pluginName)
    if (fs.lstatSync(installed).isSymbolicLink()) {
      throw new Error(`${installed} is a symlink (to ${fs.realpathSync(installed)})`)
    }
    const lock = JSON.parse(fs.readFileSync(path.join(hostDir, "package-lock.json"), "utf8"))
    const entry = lock.packages?.[`node_modules/${pluginName}`]
    const lockResolved = entry?.resolved
    if (!lockResolved || !/^file:.*\.tgz$/.test(lockResolved) || path.resolve(hostDir, lockResolved.slice(5)) !== tarball) {
      throw new Error(`package-lock resolves ${pluginName} to ${lockResolved}, not file:${tarball}`)
    }
    const integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`
    if (entry.integrity && entry.integrity !== integrity) {
      throw new Error(`package-lock integrity ${entry.integrity} is not the tarball's ${integrity}`)
    }
    // resolved by a node process in the host app (here, Node would self-reference this repository's package)
    const specifiers = [`${pluginName}/providers/sorted-pro`, `${pluginName}/modules/sorted-pro`, `${pluginName}/admin`, `${pluginName}/package.json`]
    const resolved = await run(
      process.execPath,
      ["-e", `for (const s of ${JSON.stringify(specifiers)}) console.log(require("fs").realpathSync(require.resolve(s)))`],
      { cwd: hostDir, log: resolveLog, timeoutMs: 60_000 }
    )
    const files = resolved.trim().split("\n")
    specifiers.forEach((specifier, index) => {
      const file = files[index] ?? ""
      if (!file.startsWith(fs.realpathSync(installed) + path.sep) || file.startsWith(root + path.sep)) {
        throw new Error(`${specifier} resolves to ${file}`)
      }
    })
    const sources = typeScriptFiles(installed)
    if (fs.existsSync(path.join(installed, "src")) || sources.length) {
      throw new Error(
        `${installed} contains TypeScript sources: ${[...(fs.existsSync(path.join(installed, "src")) ? ["src/"] : []), ...sources].slice(0, 10).join(", ")}`
      )
    }
    return `node_modules/${pluginName} ← ${path.basename(tarball)} (${integrity.slice(0, 19)}…)`
  })

  // 2b. the sandbox executable ----------------------------------------------------------------------
  const sandboxLog = path.join(logs, "sandbox.log")
  const binLink = path.join(hostDir, "node_modules", ".bin", SANDBOX_BIN)
  await check(
    `host app: node_modules/.bin/${SANDBOX_BIN} runs the compiled sandbox (no tsx)`,
    async () => {
      const installedBin = fs.realpathSync(path.join(hostDir, "node_modules", pluginName, "sandbox", "bin.js"))
      if (!fs.existsSync(binLink) || fs.realpathSync(binLink) !== installedBin) {
        throw new Error(`${binLink} does not link to ${installedBin}`)
      }
      const chosen = JSON.parse(
        await run(
          process.execPath,
          ["-e", "const b = process.argv[1]; console.log(JSON.stringify(require(b).entryPoint(require('path').dirname(b))))", installedBin],
          {
            cwd: hostDir,
            log: sandboxLog,
            timeoutMs: 60_000,
          }
        )
      )
      const compiled = path.join(path.dirname(path.dirname(installedBin)), ".medusa", "sandbox", "main.js")
      if (chosen.kind !== "compiled" || chosen.file !== compiled) {
        throw new Error(`bin.js would run ${JSON.stringify(chosen)}, not ${compiled}`)
      }
      const usage = await run(binLink, ["--help"], { cwd: hostDir, log: sandboxLog, timeoutMs: 60_000 })
      if (!usage.startsWith(`Usage: ${SANDBOX_BIN} `)) {
        throw new Error(`--help printed ${JSON.stringify(usage.slice(0, 200))}`)
      }
      return `→ ${path.relative(hostDir, compiled)}; --help exits 0`
    },
    sandboxLog
  )

  const sandboxPort = await freePort()
  await check(
    `host app: npx ${SANDBOX_BIN} --port ${sandboxPort} → /_sandbox/health, POST /deliveryoptions 201, SIGTERM stops it`,
    async () => {
      const sandbox = await startSandboxExecutable("npx", ["--no", "--", SANDBOX_BIN, "--port", String(sandboxPort), "--now", SANDBOX_NOW], {
        cwd: hostDir,
        log: sandboxLog,
        timeoutMs: 60_000,
      })
      if (sandbox.url !== `http://127.0.0.1:${sandboxPort}`) {
        throw new Error(`listening on ${sandbox.url}, not on port ${sandboxPort}`)
      }
      const health = await fetch(`${sandbox.url}/_sandbox/health`, { signal: AbortSignal.timeout(10_000) })
      const healthBody = await health.json()
      if (health.status !== 200 || healthBody.status !== "ok" || healthBody.now !== new Date(SANDBOX_NOW).toISOString()) {
        throw new Error(`GET /_sandbox/health: HTTP ${health.status} ${JSON.stringify(healthBody)}`)
      }
      const options = await fetch(`${sandbox.url}/deliveryoptions`, {
        method: "POST",
        headers: { "content-type": "application/json", "ocp-apim-subscription-key": "packaging-check" },
        body: JSON.stringify(DELIVERY_OPTIONS_REQUEST),
        signal: AbortSignal.timeout(10_000),
      })
      const text = await options.text()
      const list: Array<{ Reference?: string; CarrierServiceReference?: string }> | undefined = (() => {
        try {
          return JSON.parse(text).DeliveryOptions
        } catch {
          return undefined
        }
      })()
      if (
        options.status !== 201 ||
        !Array.isArray(list) ||
        !list.length ||
        !list.every((option) => /^EDO-/.test(option.Reference ?? "") && option.CarrierServiceReference)
      ) {
        throw new Error(`POST /deliveryoptions: HTTP ${options.status}: ${text.slice(0, 300)}`)
      }
      // npm runs the executable through a shell, which does not pass a signal on: SIGTERM goes to the process group,
      // as a terminal's Ctrl-C or a process manager's group stop does
      killGroup(sandbox.child, "SIGTERM")
      const deadline = Date.now() + 15_000
      while (groupAlive(sandbox.child.pid!) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      if (groupAlive(sandbox.child.pid!)) {
        throw new Error("still running 15 s after SIGTERM")
      }
      if (!sandbox.output().includes("Received SIGTERM, closing SortedPRO sandbox")) {
        throw new Error(`did not close on SIGTERM: ${sandbox.output().slice(-300)}`)
      }
      if (await portOpen(sandboxPort)) {
        throw new Error(`port ${sandboxPort} still accepts connections after SIGTERM`)
      }
      return `${list.length} delivery options`
    },
    sandboxLog
  )

  await check(
    `host app: node_modules/.bin/${SANDBOX_BIN} --port 0 exits 0 on SIGTERM`,
    async () => {
      const sandbox = await startSandboxExecutable(binLink, ["--port", "0", "--now", SANDBOX_NOW], {
        cwd: hostDir,
        log: sandboxLog,
        timeoutMs: 60_000,
      })
      const health = await fetch(`${sandbox.url}/_sandbox/health`, { signal: AbortSignal.timeout(10_000) })
      if (health.status !== 200) {
        throw new Error(`GET /_sandbox/health: HTTP ${health.status}`)
      }
      sandbox.child.kill("SIGTERM")
      const result = await Promise.race([sandbox.exited, new Promise<"timeout">((resolve) => setTimeout(resolve, 15_000, "timeout"))])
      if (result === "timeout" || result.code !== 0) {
        throw new Error(`after SIGTERM: ${result === "timeout" ? "still running after 15 s" : `exited with ${result.code ?? result.signal}`}`)
      }
      return sandbox.url
    },
    sandboxLog
  )

  // 3. database ----------------------------------------------------------------------------------------
  const database = await check("database", async () => {
    const db = await createDatabase(workDir)
    cleanups.push({ name: "drop database / stop PostgreSQL", fn: () => db.drop() })
    return db
  })
  info(database.describe)

  const medusaBin = path.join(hostDir, "node_modules", "@medusajs", "cli", "cli.js")
  const hostEnv = (extra: Record<string, string> = {}) => cleanEnv({ DATABASE_URL: database.url, NODE_ENV: "development", ...extra })
  const medusa = (args: string[], log: string, timeoutMs: number) =>
    run(process.execPath, [medusaBin, ...args], { cwd: hostDir, log, env: hostEnv(), timeoutMs })

  // 4. migrations --------------------------------------------------------------------------------------
  const migrateLog = path.join(logs, "db-migrate.log")
  await check("medusa db:migrate", () => medusa(["db:migrate"], migrateLog, 5 * 60_000).then(() => undefined), migrateLog)

  await check(
    "plugin migrations applied",
    async () => {
      const tables = await query<{ table_name: string }>(
        database.url,
        "select table_name from information_schema.tables where table_schema = 'public' and table_name = 'sorted_pro_consignment'"
      )
      if (!tables.length) {
        throw new Error("table sorted_pro_consignment does not exist")
      }
      const names = migrations.map((file) => path.basename(file, ".js"))
      const applied = (await query<{ name: string }>(database.url, "select name from mikro_orm_migrations where name = any($1)", [names])).map(
        (row) => row.name
      )
      const missing = names.filter((name) => !applied.includes(name))
      if (missing.length) {
        throw new Error(`not recorded in mikro_orm_migrations: ${missing.join(", ")}`)
      }
      const links = await query<{ table_name: string }>(
        database.url,
        "select table_name from link_module_migrations where link_descriptor->>'toModel' = 'sorted_pro_consignment' and link_descriptor->>'fromModule' = 'order'"
      )
      if (!links.length) {
        throw new Error("order ↔ sorted_pro_consignment link was not migrated (link_module_migrations)")
      }
      const linkTables = await query(database.url, "select 1 from information_schema.tables where table_name = $1", [links[0].table_name])
      if (!linkTables.length) {
        throw new Error(`link table ${links[0].table_name} does not exist`)
      }
      return `sorted_pro_consignment, ${applied.join(", ")}, link table ${links[0].table_name}`
    },
    migrateLog
  )

  // 5. the running app ---------------------------------------------------------------------------------
  const port = Number(process.env.PACKAGING_PORT) || (await freePort())
  const base = `http://localhost:${port}`
  const serverLog = path.join(logs, "medusa-start.log")
  await check(
    `medusa start → GET /health 200 (port ${port})`,
    async () => {
      const out = fs.openSync(serverLog, "a")
      const server = spawn(process.execPath, [medusaBin, "start"], {
        cwd: hostDir,
        env: hostEnv({ PORT: String(port) }),
        stdio: ["ignore", out, out],
        detached: true,
      })
      fs.closeSync(out)
      cleanups.push({ name: "stop Medusa", fn: () => stopProcess(server, { group: true, graceMs: 10_000 }) })
      const deadline = Date.now() + 4 * 60_000
      while (Date.now() < deadline) {
        if (server.exitCode !== null || server.signalCode !== null) {
          throw new Error(`medusa start exited with ${server.exitCode ?? server.signalCode}`)
        }
        try {
          const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) })
          if (health.status === 200) {
            return
          }
        } catch {
          /* not listening yet */
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000))
      }
      throw new Error("no 200 from /health within 4 minutes")
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

  await check(
    "GET /admin/fulfillment-providers",
    async () => {
      const response = await http(base, "/admin/fulfillment-providers", { token })
      const ids: string[] = (response.json?.fulfillment_providers ?? []).map((provider: { id: string }) => provider.id)
      const missing = EXPECTED_PROVIDERS.filter((id) => !ids.includes(id))
      if (response.status !== 200 || missing.length) {
        throw new Error(`HTTP ${response.status}, missing ${missing.join(", ")}: ${response.text.slice(0, 300)}`)
      }
      return ids.join(", ")
    },
    serverLog
  )

  await check(
    "GET /admin/fulfillment-providers/sorted-pro_sorted-pro/options",
    async () => {
      const response = await http(base, "/admin/fulfillment-providers/sorted-pro_sorted-pro/options", { token })
      const ids: string[] = (response.json?.fulfillment_options ?? []).map((option: { id: string }) => option.id)
      const missing = EXPECTED_OPTIONS.filter((id) => !ids.includes(id))
      if (response.status !== 200 || missing.length) {
        throw new Error(`HTTP ${response.status}, missing ${missing.join(", ")}: ${response.text.slice(0, 300)}`)
      }
      return ids.join(", ")
    },
    serverLog
  )

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

  const errors = fs
    .readFileSync(serverLog, "utf8")
    .split("\n")
    .filter((line) => /\berror\b/i.test(line) && /sorted.?pro/i.test(line))
  if (errors.length) {
    fail("server log", `errors mentioning the plugin:\n${errors.slice(0, 10).join("\n")}`)
  }
}

main()
  .catch((error) => {
    if (!(error instanceof CheckFailure)) {
      failed++
      console.log(`FAIL  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  })
  .finally(() => finish())
