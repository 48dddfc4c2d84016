/**
 * Shared harness of the exactly-once benchmarks (`bench/faults.ts`, `bench/restart.ts`; project issue #5).
 *
 * {@link startStack} builds a throw-away store: a fresh database (a new database on `databaseUrl`, e.g. the machine's
 * PostgreSQL 15, else embedded PostgreSQL in a temp dir), the PRO sandbox started in THIS process (so the bench injects
 * faults and reads PRO's state directly), `medusa db:migrate`, the demo seed, an admin user, and Medusa as child
 * process(es) on free ports (`medusa start`, admin disabled): one shared process, or a server and a worker
 * (`MEDUSA_WORKER_MODE`). With `redisUrl`, Medusa's Redis event bus, workflow engine, cache and locking are used, on a
 * Redis database number of their own (`redis://…/<n>`, empty when taken and marked), which is emptied at the end.
 *
 * {@link Stack.teardown} kills the process groups it started, drops the database (or stops embedded PostgreSQL),
 * empties its Redis database and closes the sandbox; {@link withStack} calls it on success, failure and Ctrl-C.
 */
import axios, { AxiosInstance } from "axios"
import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import http from "http"
import os from "os"
import path from "path"
import { RunningSandbox, startSandbox } from "../../sandbox/server"
import { seededRandom } from "../../sandbox/faults"
import type { DemoSeed } from "../../scripts/seed-demo"
import { freePort, PostgresConnection, startEmbeddedPostgres } from "../../scripts/lib/postgres"

const root = path.resolve(__dirname, "../..")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const ADMIN_EMAIL = "bench@sorted-pro.test"
const ADMIN_PASSWORD = "sorted-pro-bench"

/** What {@link startStack} builds. */
export interface StackOptions {
  /** `shared`: one Medusa process; `split`: a `server` (HTTP) and a `worker` (subscribers, jobs). */
  topology: "shared" | "split"
  /**
   * PostgreSQL server to create the bench's database on, e.g. `postgres://postgres@127.0.0.1:5432/postgres` (the
   * database part is ignored). Absent: embedded PostgreSQL in a temp dir.
   */
  databaseUrl?: string
  /** Redis for Medusa's event bus, workflow engine, cache and locking, e.g. `redis://127.0.0.1:6379`. Absent: in-memory modules. */
  redisUrl?: string
  /** Run the plugin's scheduled jobs (reconcile every 5 min, tracking); default false (`SORTED_PRO_JOBS=off`). */
  jobs?: boolean
  /** Progress lines (default: console.log with elapsed seconds). */
  log?: (message: string) => void
}

/** One Medusa child process. */
export interface MedusaProcess {
  /** `shared`, `server` or `worker` (also its `MEDUSA_WORKER_MODE`). */
  readonly role: "shared" | "server" | "worker"
  /** `http://127.0.0.1:<port>`; the worker answers only `/health` there. */
  readonly url: string
  /** Its log file (stdout and stderr, all starts appended). */
  readonly logFile: string
  /** The running child, or null once it exited. */
  readonly child: ChildProcess | null
  /** How many times it was started. */
  readonly starts: number
}

/** The outcome of one shopper's checkout, see {@link Stack.placeOrder}. */
export interface CheckoutResult {
  kind: OrderKind
  cart_id: string
  /** The Medusa order id when the cart became an order. */
  order_id?: string
  /** The shipping method's `flow` as the order holds it (`consumer_options`, `consumer_options_pickup`, `order_flex`). */
  flow?: string
  /** True when PRO could not answer at checkout and the shopper got the fallback (fallback price or the flat option). */
  fallback: boolean
  /** Why the checkout failed (after the shopper's usual recoveries); absent when an order was placed. */
  error?: string
  /** Recoveries a real storefront makes, counted: "choose again", another pickup point, a repeated completion. */
  recoveries: number
  /** Wall time of the whole checkout in ms. */
  ms: number
}

/** Which seeded shipping option a bench order uses: delivery day (Consumer Options), pickup point, or the flat one (Order Flex). */
export type OrderKind = "delivery" | "pickup" | "standard"

/** Per our reference (cart id for Select Option, order id for PRO orders): how many PRO objects hold it. */
export interface Tally {
  /** Medusa orders with a SortedPRO shipping method (all, whatever placed them). */
  orders: number
  /** Those orders by shipping-method flow. */
  by_flow: Record<string, number>
  /** Orders whose checkout fell back (PRO did not answer): they go Order Flex. */
  fallback_orders: number
  /** All consignments in PRO (the sandbox). */
  pro_consignments: number
  /** All orders (EO-) in PRO. */
  pro_orders: number
  /** Extra consignments beyond one per Select-Option reference (cart id), and the references concerned. */
  duplicate_consignments: number
  duplicate_consignment_refs: string[]
  /** Extra PRO orders beyond one per Medusa order id (OrderReferenceProvidedByCustomer), and the order ids. */
  duplicate_orders: number
  duplicate_order_refs: string[]
  /** Of the extra PRO orders: those that are unpacked and not the one our record holds (ship nothing; CONTRACT.md §7). */
  unpacked_duplicate_orders: number
  /** Orders with nothing in PRO under our reference, and their ids. */
  missing: number
  missing_ids: string[]
  /** Orders whose record (ours) is not `synced`, or whose synced reference is not one PRO holds under our reference. */
  records_not_synced: number
  records_mismatched: number
  /** PRO objects whose reference (cart id / order id) belongs to no Medusa order we know. */
  stray_pro_objects: number
  /** Delivery-day/pickup orders whose choice PRO refused for good, shipped as Order Flex (counted by their PRO order). */
  replaced_by_order_flex: number
}

/** A running stack; see {@link startStack}. */
export interface Stack {
  readonly options: StackOptions
  /** The in-process PRO sandbox: `sandbox.sandbox.store`, `.faults`, `.requests`. */
  readonly sandbox: RunningSandbox
  /** The demo seed's ids (region, shipping options, variants, publishable key). */
  readonly seed: DemoSeed
  /** Medusa's HTTP base URL (the shared process or the server). */
  readonly backendUrl: string
  /** The database Medusa uses (`postgres://…/<bench database>`). */
  readonly databaseUrl: string
  /** The Redis URL Medusa uses (with its database number), if any. */
  readonly redisUrl?: string
  /** The Medusa processes: `[shared]` or `[server, worker]`. */
  readonly processes: MedusaProcess[]
  /** The folder holding the Medusa logs (removed at teardown unless `keepLogs`). */
  readonly runDir: string
  /** Set to keep `runDir` (logs) after teardown, e.g. when the bench failed. */
  keepLogs: boolean
  /**
   * One shopper's checkout through the store API (cart → options → shipping method → payment → complete), with a real
   * storefront's recoveries: on `fallback: true` the delivery option is added without a choice (fallback price, Order
   * Flex) and a pickup search that falls back takes the flat option; a refused choice (400 "choose again", a pickup
   * point that cannot be reserved) is chosen again up to 3 times; a completion answering 5xx or 409 (a lock held) or
   * failing on the network is repeated up to 8 times over about a minute (Medusa's cart completion is idempotent). `seq` makes the address and item vary. Never throws: failures are in `error`.
   */
  placeOrder(kind: OrderKind, seq: number): Promise<CheckoutResult>
  /** A bearer token for the admin API (`POST /auth/user/emailpass`), cached. @throws Error when login fails. */
  adminToken(): Promise<string>
  /**
   * One reconcile pass through `POST /admin/sorted-pro/reconcile` (`{days}`), as staff would run it.
   * @returns `{orders_retried, fulfillments_retried, still_open, skipped?}`. @throws Error on a non-200 answer.
   */
  reconcile(days?: number): Promise<ReconcileAnswer>
  /** Counts Medusa orders, our records and PRO's objects by our references (see {@link Tally}). @throws Error when Medusa or the database does not answer. */
  tally(): Promise<Tally>
  /** Medusa orders (id, created_at, shipping-method data) through the admin API, all pages. @throws Error on a failed page. */
  listOrders(): Promise<MedusaOrder[]>
  /** Runs SQL on the bench database (our module's tables, read-only use). @returns the rows. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>
  /** `kill -9` of a Medusa process's whole process group; resolves when the child has exited. */
  kill(process: MedusaProcess): Promise<void>
  /** Starts a stopped (killed) Medusa process again and waits for `/health`. @throws Error when it does not come up in 5 min. */
  restart(process: MedusaProcess): Promise<void>
  /**
   * Stops the Medusa process groups (SIGTERM, SIGKILL after 10 s), closes the sandbox, empties the Redis database it
   * claimed, drops the database (or stops embedded PostgreSQL and removes its data) and removes `runDir` unless
   * `keepLogs`. Idempotent; a failing step is logged and the others still run.
   */
  teardown(): Promise<void>
}

/** Answer of `POST /admin/sorted-pro/reconcile` (src/api/admin/sorted-pro/reconcile/route.ts). */
export interface ReconcileAnswer {
  orders_retried: number
  fulfillments_retried: number
  still_open: number
  skipped?: string
}

/** What {@link Stack.listOrders} returns per order. */
export interface MedusaOrder {
  id: string
  status: string
  created_at: string
  shipping_methods: Array<{ shipping_option_id?: string; data?: Record<string, any> | null }>
}

const started = Date.now()
const defaultLog = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)

/**
 * Builds the stack (see the module comment). Steps are logged. On any failure everything started so far is torn down
 * before the error is rethrown.
 * @throws Error when PostgreSQL, Redis, a Medusa command or a Medusa process fails (with the end of its output).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? defaultLog
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-bench-"))
  const cleanups: Array<() => Promise<void>> = []
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      await fn().catch((error) => log(`teardown step failed: ${(error as Error).message}`))
    }
  }
  try {
    // ── database ──────────────────────────────────────────────────────────────────────────────────────────
    const database = `sorted_pro_bench_${Date.now().toString(36)}_${process.pid}`
    let adminUrl: string
    if (options.databaseUrl) {
      adminUrl = withDatabase(options.databaseUrl, "postgres")
      log(`creating database ${database} on ${redact(adminUrl)}`)
    } else {
      const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-bench-pg-"))
      const pg: PostgresConnection = await startEmbeddedPostgres({ baseDir: pgDir, quiet: true, disposable: true, persistent: false })
      cleanups.push(async () => {
        await pg.stop()
        fs.rmSync(pgDir, { recursive: true, force: true })
      })
      adminUrl = pg.url("postgres")
      log(`embedded PostgreSQL on 127.0.0.1:${pg.port} (data in ${pgDir})`)
    }
    await withPg(adminUrl, (client) => client.query(`create database "${database}"`))
    cleanups.push(() => dropDatabase(adminUrl, database))
    const databaseUrl = withDatabase(adminUrl, database)

    // ── redis ─────────────────────────────────────────────────────────────────────────────────────────────
    let redisUrl: string | undefined
    if (options.redisUrl) {
      const claimed = await claimRedisDatabase(options.redisUrl)
      redisUrl = claimed.url
      cleanups.push(claimed.release)
      log(`Redis database ${claimed.db} on ${redact(options.redisUrl)} (empty, marked ${claimed.marker})`)
    }

    // ── sandbox ───────────────────────────────────────────────────────────────────────────────────────────
    const sandbox = await startSandbox({ port: 0 })
    cleanups.push(() => sandbox.close())
    log(`PRO sandbox on ${sandbox.url} (in the bench process)`)

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: databaseUrl,
      MEDUSA_ADMIN_DISABLE: "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      SORTED_PRO_SANDBOX_URL: sandbox.url,
      SORTED_PRO_JOBS: options.jobs ? "on" : "off",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    }
    delete env.SORTED_PRO_API_KEY
    delete env.REDIS_URL
    delete env.MEDUSA_WORKER_MODE
    delete env.PORT
    if (redisUrl) {
      env.REDIS_URL = redisUrl
    }

    // ── migrations, seed, admin user ──────────────────────────────────────────────────────────────────────
    log("medusa db:migrate")
    await medusaCommand(["db:migrate"], env)
    log("seeding (scripts/seed-demo.ts)")
    const seedOutput = await medusaCommand(["exec", "./scripts/seed-demo.ts"], env)
    const seedLine = seedOutput.split("\n").find((line) => line.includes("SORTED_PRO_DEMO_SEED "))
    if (!seedLine) {
      throw new Error(`the seed printed no result:\n${seedOutput.slice(-3000)}`)
    }
    const seed: DemoSeed = JSON.parse(seedLine.slice(seedLine.indexOf("{")))
    await medusaCommand(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env)

    // ── Medusa ────────────────────────────────────────────────────────────────────────────────────────────
    const roles: MedusaProcess["role"][] = options.topology === "split" ? ["server", "worker"] : ["shared"]
    const processes: ProcessHandle[] = []
    for (const role of roles) {
      processes.push(new ProcessHandle(role, await freePort(), path.join(runDir, `medusa-${role}.log`), env))
    }
    cleanups.push(async () => {
      await Promise.all(processes.map((p) => p.stop()))
    })
    log(`starting Medusa (${roles.join(" + ")}${redisUrl ? ", Redis modules" : ", in-memory modules"})`)
    await Promise.all(processes.map((p) => p.start()))
    log(`Medusa up: ${processes.map((p) => `${p.role} ${p.url}`).join(", ")}`)

    return new RunningStack(options, sandbox, seed, processes, databaseUrl, redisUrl, runDir, cleanup, log)
  } catch (error) {
    log(`start failed; tearing down (logs kept in ${runDir})`)
    await cleanup()
    throw error
  }
}

/**
 * Runs `fn` with a started stack and always tears it down: after `fn` resolves or throws, and on SIGINT/SIGTERM
 * (then the process exits 130). `fn`'s result is returned; its error is rethrown after teardown. Logs are kept when
 * `fn` throws or sets `stack.keepLogs`.
 */
export async function withStack<T>(options: StackOptions, fn: (stack: Stack) => Promise<T>): Promise<T> {
  let stack: Stack | undefined
  let interrupted = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      return
    }
    interrupted = true
    console.error(`\n${signal}: tearing down…`)
    const done = stack ? stack.teardown() : Promise.resolve()
    void done.finally(() => process.exit(130))
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
  try {
    stack = await startStack(options)
    return await fn(stack)
  } catch (error) {
    if (stack) {
      stack.keepLogs = true
    }
    throw error
  } finally {
    if (!interrupted) {
      await stack?.teardown()
    }
    process.off("SIGINT", onSignal)
    process.off("SIGTERM", onSignal)
  }
}

// ── Medusa processes ─────────────────────────────────────────────────────────────────────────────────────────

class ProcessHandle implements MedusaProcess {
  child: ChildProcess | null = null
  starts = 0
  readonly url: string

  constructor(
    readonly role: MedusaProcess["role"],
    readonly port: number,
    readonly logFile: string,
    private readonly env: NodeJS.ProcessEnv
  ) {
    this.url = `http://127.0.0.1:${port}`
  }

  /** Spawns `medusa start` in its own process group and waits for `/health` (5 min). */
  async start(): Promise<void> {
    const out = fs.openSync(this.logFile, "a")
    fs.writeSync(out, `\n===== start ${this.starts + 1} at ${new Date().toISOString()} =====\n`)
    const child = spawn(medusaBin, ["start", "--port", String(this.port)], {
      cwd: root,
      env: { ...this.env, PORT: String(this.port), MEDUSA_WORKER_MODE: this.role },
      stdio: ["ignore", out, out],
      detached: true,
    })
    fs.closeSync(out)
    this.child = child
    this.starts += 1
    child.once("exit", () => {
      if (this.child === child) {
        this.child = null
      }
    })
    const until = Date.now() + 300_000
    while (Date.now() < until) {
      if (this.child !== child) {
        throw new Error(`medusa start (${this.role}) exited with ${child.exitCode ?? child.signalCode}:\n${tail(this.logFile)}`)
      }
      const ok = await fetch(`${this.url}/health`).then(
        (r) => r.ok,
        () => false
      )
      if (ok) {
        return
      }
      await sleep(500)
    }
    throw new Error(`Medusa (${this.role}) did not become healthy at ${this.url} in 5 min:\n${tail(this.logFile)}`)
  }

  /** SIGKILL to the whole process group; resolves once the child exited. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child?.pid) {
      return
    }
    const exited = new Promise((resolve) => child.once("exit", resolve))
    signalGroup(child.pid, "SIGKILL")
    await exited
  }

  /** SIGTERM to the group, SIGKILL after 10 s; then SIGKILL again for stragglers of the group. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child?.pid) {
      return
    }
    const exited = new Promise((resolve) => child.once("exit", resolve))
    signalGroup(child.pid, "SIGTERM")
    const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
    signalGroup(child.pid, "SIGKILL")
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal)
  } catch {
    // the group is gone
  }
}

/** Runs a `medusa` CLI command to completion; resolves with its output. */
function medusaCommand(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`medusa ${args.join(" ")} exited with ${code}\n${output.slice(-3000)}`))
    )
  })
}

// ── the running stack ────────────────────────────────────────────────────────────────────────────────────────

const UK_POSTCODES = [
  "M1 5WG",
  "M2 4WU",
  "M4 1HQ",
  "SW1A 1AA",
  "EH1 1YZ",
  "B1 1AA",
  "LS1 1UR",
  "E16 2EZ",
  "BS1 4DJ",
  "CF10 1EP",
  "NE1 7RU",
  "G1 1XQ",
  "L1 8JQ",
  "NG1 5FS",
  "S1 2HE",
]

class RunningStack implements Stack {
  keepLogs = false
  private token: string | null = null
  private readonly http: AxiosInstance
  private readonly random: () => number
  private tornDown = false

  constructor(
    readonly options: StackOptions,
    readonly sandbox: RunningSandbox,
    readonly seed: DemoSeed,
    private readonly handles: ProcessHandle[],
    readonly databaseUrl: string,
    readonly redisUrl: string | undefined,
    readonly runDir: string,
    private readonly cleanup: () => Promise<void>,
    private readonly log: (message: string) => void
  ) {
    this.http = axios.create({
      baseURL: this.backendUrl,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      validateStatus: () => true,
      timeout: 120_000,
      headers: { "content-type": "application/json" },
    })
    this.random = seededRandom("bench-shoppers")
  }

  get processes(): MedusaProcess[] {
    return this.handles
  }

  get backendUrl(): string {
    return (this.handles.find((p) => p.role !== "worker") ?? this.handles[0]).url
  }

  private store(method: "GET" | "POST", url: string, data?: unknown) {
    return this.http.request({ method, url, data, headers: { "x-publishable-api-key": this.seed.publishable_key } })
  }

  async placeOrder(kind: OrderKind, seq: number): Promise<CheckoutResult> {
    const began = Date.now()
    const result: CheckoutResult = { kind, cart_id: "", fallback: false, recoveries: 0, ms: 0 }
    const done = (extra: Partial<CheckoutResult>) => Object.assign(result, extra, { ms: Date.now() - began })
    try {
      const postcode = UK_POSTCODES[seq % UK_POSTCODES.length]
      const created = await this.store("POST", "/store/carts", {
        region_id: this.seed.region_id,
        email: `shopper${seq}@example.com`,
        items: [{ variant_id: this.seed.variant_ids[seq % this.seed.variant_ids.length], quantity: 1 }],
        shipping_address: {
          first_name: "Bench",
          last_name: `Shopper ${seq}`,
          address_1: `${1 + (seq % 200)} Bench Street`,
          city: "Manchester",
          postal_code: postcode,
          country_code: "gb",
          phone: "07700900000",
        },
      })
      if (created.status !== 200) {
        return done({ error: `create cart → ${created.status} ${brief(created.data)}` })
      }
      const cartId: string = created.data.cart.id
      result.cart_id = cartId
      const chosen = await this.chooseShipping(kind, cartId, postcode, result)
      if (chosen) {
        return done({ error: chosen })
      }
      const collection = await this.store("POST", "/store/payment-collections", { cart_id: cartId })
      if (collection.status !== 200) {
        return done({ error: `payment collection → ${collection.status} ${brief(collection.data)}` })
      }
      const session = await this.store("POST", `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`, {
        provider_id: "pp_system_default",
      })
      if (session.status !== 200) {
        return done({ error: `payment session → ${session.status} ${brief(session.data)}` })
      }
      for (let attempt = 0; ; attempt++) {
        const completed = await this.store("POST", `/store/carts/${cartId}/complete`, {}).catch((error: Error) => ({
          status: 0,
          data: { message: error.message },
        }))
        if (completed.status === 200 && completed.data.type === "order") {
          const order = completed.data.order
          return done({ order_id: order.id, flow: order.shipping_methods?.[0]?.data?.flow })
        }
        // 5xx, no answer (Medusa restarting) or 409 "conflicted with another request, you may retry" (a lock held,
        // e.g. a dead process's inventory lock until its lease lapses): a storefront retries, bounded (~1 min)
        if ((completed.status >= 500 || completed.status === 0 || completed.status === 409) && attempt < 8) {
          result.recoveries += 1
          await sleep(3_000 + attempt * 1_000)
          continue
        }
        return done({ error: `complete → ${completed.status} ${brief(completed.data?.error ?? completed.data)}` })
      }
    } catch (error) {
      return done({ error: `checkout threw: ${(error as Error).message}` })
    }
  }

  /** Adds the shipping method for `kind`; returns an error text or null. */
  private async chooseShipping(kind: OrderKind, cartId: string, postcode: string, result: CheckoutResult): Promise<string | null> {
    const add = (option_id: string, data?: Record<string, unknown>) =>
      this.store("POST", `/store/carts/${cartId}/shipping-methods`, { option_id, ...(data ? { data } : {}) })
    const flat = async () => {
      const added = await add(this.seed.shipping_options.standard)
      return added.status === 200 ? null : `flat option → ${added.status} ${brief(added.data)}`
    }
    if (kind === "standard") {
      return flat()
    }
    let last = ""
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) {
        result.recoveries += 1
      }
      if (kind === "delivery") {
        const listing = await this.store("GET", `/store/sorted-pro/delivery-options?cart_id=${cartId}`)
        if (listing.status !== 200) {
          last = `delivery options → ${listing.status} ${brief(listing.data)}`
          continue
        }
        if (listing.data.fallback) {
          // what the storefront does without options: the delivery option without a choice, at the fallback price
          result.fallback = true
          const added = await add(listing.data.shipping_option_id)
          if (added.status === 200) {
            return null
          }
          last = `fallback delivery → ${added.status} ${brief(added.data)}`
          continue
        }
        const option = this.pick(listing.data.options as Array<{ reference: string; allocation_cut_off?: string }>)
        if (!option) {
          last = "no delivery option with a cut-off far enough ahead"
          continue
        }
        const added = await add(listing.data.shipping_option_id, { delivery_option_reference: option.reference })
        if (added.status === 200) {
          return null
        }
        last = `choose delivery → ${added.status} ${brief(added.data)}`
      } else {
        const search = await this.store(
          "GET",
          `/store/sorted-pro/pickup-options?cart_id=${cartId}&postal_code=${encodeURIComponent(postcode)}&max_results=8`
        )
        if (search.status !== 200) {
          last = `pickup options → ${search.status} ${brief(search.data)}`
          continue
        }
        if (search.data.fallback) {
          result.fallback = true
          return flat()
        }
        const locations = (
          search.data.locations as Array<{ shop_reference: string; options: Array<{ reference: string; allocation_cut_off?: string }> }>
        ).filter((l) => l.options.length)
        const location = locations[Math.floor(this.random() * locations.length)]
        const option = location && this.pick(location.options)
        if (!option) {
          last = "no pickup option with a cut-off far enough ahead"
          continue
        }
        const added = await add(search.data.shipping_option_id, {
          delivery_option_reference: option.reference,
          pickup_location_shop_reference: location.shop_reference,
        })
        if (added.status === 200) {
          return null
        }
        last = `choose pickup → ${added.status} ${brief(added.data)}`
      }
    }
    return last
  }

  /** A random option whose cut-off is at least 3 hours away (so it cannot pass while the bench runs). */
  private pick<T extends { allocation_cut_off?: string }>(options: T[]): T | undefined {
    const safe = options.filter((o) => !o.allocation_cut_off || Date.parse(o.allocation_cut_off) > Date.now() + 3 * 3_600_000)
    return safe[Math.floor(this.random() * safe.length)]
  }

  async adminToken(): Promise<string> {
    if (this.token) {
      return this.token
    }
    const response = await this.http.post("/auth/user/emailpass", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
    if (response.status !== 200 || !response.data?.token) {
      throw new Error(`admin login → ${response.status} ${brief(response.data)}`)
    }
    this.token = response.data.token as string
    return this.token
  }

  private async admin(method: "GET" | "POST", url: string, data?: unknown) {
    const response = await this.http.request({ method, url, data, timeout: 900_000, headers: { authorization: `Bearer ${await this.adminToken()}` } })
    if (response.status !== 200) {
      throw new Error(`${method} ${url} → ${response.status} ${brief(response.data)}`)
    }
    return response.data
  }

  async reconcile(days?: number): Promise<ReconcileAnswer> {
    return (await this.admin("POST", "/admin/sorted-pro/reconcile", days === undefined ? {} : { days })).result
  }

  async listOrders(): Promise<MedusaOrder[]> {
    const out: MedusaOrder[] = []
    for (let offset = 0; ; offset += 100) {
      const page = await this.admin("GET", `/admin/orders?fields=id,status,created_at,*shipping_methods&limit=100&offset=${offset}&order=created_at`)
      out.push(...page.orders)
      if (page.orders.length < 100) {
        return out
      }
    }
  }

  async sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return withPg(this.databaseUrl, async (client) => (await client.query(text, values)).rows as T[])
  }

  async tally(): Promise<Tally> {
    const orders = (await this.listOrders()).filter((order) => order.shipping_methods?.some((method) => method?.data?.flow))
    const store = this.sandbox.sandbox.store
    const consignmentsByRef = new Map<string, string[]>()
    for (const consignment of store.consignments.values()) {
      const ref = (consignment as any).req?.ConsignmentReferenceProvidedByCustomer as string | undefined
      if (ref) {
        consignmentsByRef.set(ref, [...(consignmentsByRef.get(ref) ?? []), consignment.Reference])
      }
    }
    const ordersByRef = new Map<string, any[]>()
    for (const order of store.orders.values() as IterableIterator<any>) {
      const ref = order.OrderReferenceProvidedByCustomer as string
      ordersByRef.set(ref, [...(ordersByRef.get(ref) ?? []), order])
    }
    const records = new Map<string, { sync_status: string; reference: string | null }>()
    for (const row of await this.sql<{ customer_reference: string; sync_status: string; reference: string | null }>(
      `select customer_reference, sync_status, reference from sorted_pro_consignment where deleted_at is null
       union all select customer_reference, sync_status, reference from sorted_pro_order where deleted_at is null`
    )) {
      records.set(row.customer_reference, row)
    }
    const tally: Tally = {
      orders: orders.length,
      by_flow: {},
      fallback_orders: 0,
      pro_consignments: store.consignments.size,
      pro_orders: store.orders.size,
      duplicate_consignments: 0,
      duplicate_consignment_refs: [],
      duplicate_orders: 0,
      duplicate_order_refs: [],
      unpacked_duplicate_orders: 0,
      missing: 0,
      missing_ids: [],
      records_not_synced: 0,
      records_mismatched: 0,
      stray_pro_objects: 0,
      replaced_by_order_flex: 0,
    }
    const known = new Set<string>()
    for (const order of orders) {
      const data = order.shipping_methods.find((method) => method?.data?.flow)!.data!
      tally.by_flow[data.flow] = (tally.by_flow[data.flow] ?? 0) + 1
      if (data.fallback) {
        tally.fallback_orders += 1
      }
      // a delivery choice PRO refused for good ships as Order Flex: a PRO order under the order id, no consignment
      const replaced =
        (data.flow === "consumer_options" || data.flow === "consumer_options_pickup") &&
        !consignmentsByRef.has(data.cart_id) &&
        ordersByRef.has(order.id)
      const selected = (data.flow === "consumer_options" || data.flow === "consumer_options_pickup") && !replaced
      if (replaced) {
        tally.replaced_by_order_flex += 1
      }
      const ref: string = selected ? data.cart_id : order.id
      known.add(ref)
      const found: string[] = selected ? (consignmentsByRef.get(ref) ?? []) : (ordersByRef.get(ref) ?? []).map((o) => o.Reference)
      const record = records.get(ref)
      if (!found.length) {
        tally.missing += 1
        tally.missing_ids.push(order.id)
      }
      if (found.length > 1) {
        if (selected) {
          tally.duplicate_consignments += found.length - 1
          tally.duplicate_consignment_refs.push(ref)
        } else {
          tally.duplicate_orders += found.length - 1
          tally.duplicate_order_refs.push(order.id)
          tally.unpacked_duplicate_orders += (ordersByRef.get(ref) ?? []).filter(
            (o) => o.Reference !== record?.reference && !o.consignments.length && o.lines.every((line: any) => !line.packed)
          ).length
        }
      }
      if (record?.sync_status !== "synced") {
        tally.records_not_synced += 1
      } else if (!found.includes(record.reference ?? "")) {
        tally.records_mismatched += 1
      }
    }
    for (const [ref, list] of [...consignmentsByRef, ...[...ordersByRef].map(([r, l]) => [r, l.map((o) => o.Reference)] as const)]) {
      if (!known.has(ref)) {
        tally.stray_pro_objects += list.length
      }
    }
    return tally
  }

  async kill(process: MedusaProcess): Promise<void> {
    await (process as ProcessHandle).kill()
  }

  async restart(process: MedusaProcess): Promise<void> {
    await (process as ProcessHandle).start()
  }

  async teardown(): Promise<void> {
    if (this.tornDown) {
      return
    }
    this.tornDown = true
    this.log("tearing down (Medusa, sandbox, database, Redis)")
    await this.cleanup()
    if (this.keepLogs) {
      this.log(`Medusa logs kept in ${this.runDir}`)
    } else {
      fs.rmSync(this.runDir, { recursive: true, force: true })
    }
  }
}

// ── PostgreSQL and Redis helpers ─────────────────────────────────────────────────────────────────────────────

async function withPg<T>(url: string, fn: (client: import("pg").Client) => Promise<T>): Promise<T> {
  const { Client } = await import("pg")
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Drops the bench's database, closing the connections Medusa may have left (only to that database). */
async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withPg(adminUrl, async (client) => {
    await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database])
    await client.query(`drop database if exists "${database}"`)
  })
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

function redact(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) {
    parsed.password = "***"
  }
  return parsed.toString()
}

/**
 * Takes an empty Redis database number (15 down to 1) and marks it with a key naming this run, so that no other
 * bench takes it; `release` empties it (FLUSHDB) only if the marker is still ours. Uses ioredis (the client Medusa's
 * Redis modules themselves use).
 */
async function claimRedisDatabase(baseUrl: string): Promise<{ url: string; db: number; marker: string; release(): Promise<void> }> {
  const { Redis } = await import("ioredis")
  const marker = `sorted-pro-bench:${process.pid}:${Date.now()}`
  for (let db = 15; db >= 1; db--) {
    const url = new URL(baseUrl)
    url.pathname = `/${db}`
    const client = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 2 })
    await client.connect()
    try {
      const size = await client.dbsize()
      if (size !== 0) {
        continue
      }
      const taken = await client.set("sorted-pro-bench:owner", marker, "NX")
      if (taken !== "OK") {
        continue
      }
      return {
        url: url.toString(),
        db,
        marker,
        release: async () => {
          const owner = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 2 })
          await owner.connect()
          try {
            if ((await owner.get("sorted-pro-bench:owner")) === marker) {
              await owner.flushdb()
            }
          } finally {
            owner.disconnect()
          }
        },
      }
    } finally {
      client.disconnect()
    }
  }
  throw new Error(`no empty Redis database (1–15) on ${redact(baseUrl)}`)
}

// ── small helpers ────────────────────────────────────────────────────────────────────────────────────────────

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function brief(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "")
  return text.length > 240 ? `${text.slice(0, 240)}…` : text
}

function tail(file: string, bytes = 4000): string {
  try {
    const text = fs.readFileSync(file, "utf8")
    return text.slice(-bytes)
  } catch {
    return "(no log)"
  }
}

/**
 * Runs `worker(i)` for i in [0, count) with at most `concurrency` at a time; resolves with the results in order.
 * `worker` should not throw (a throw rejects the whole run).
 */
export async function pool<T>(count: number, concurrency: number, worker: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++
        results[i] = await worker(i)
      }
    })
  )
  return results
}

/**
 * Prints rows as an aligned two-or-more column table (first row = header) with a rule under the header.
 * Cells are strings or numbers; numbers are right-aligned.
 */
export function printTable(rows: Array<Array<string | number>>): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c] ?? "").length)))
  rows.forEach((row, index) => {
    console.log(
      row
        .map((cell, c) => (typeof cell === "number" ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c])))
        .join("  ")
        .trimEnd()
    )
    if (index === 0) {
      console.log(widths.map((w) => "─".repeat(w)).join("  "))
    }
  })
}
