/**
 * Shared harness of the exactly-once benchmarks (`bench/faults.ts`, `bench/restart.ts`; project issue #5).
 *
 * {@link startStack} builds a throw-away store: a fresh database (a new database on `databaseUrl`, e.g. the machine's
 * PostgreSQL 15, else embedded PostgreSQL in a temp dir), the PRO sandbox started in THIS process (so the bench injects
 * faults and reads PRO's state directly), `medusa db:migrate`, the demo seed, an admin user, and Medusa as child
 * process(es) on free ports (`medusa start`, admin disabled): one shared process, or `servers` (2) servers and a
 * worker (`MEDUSA_WORKER_MODE`). A second warehouse and two products (bench/lib/seed-flex.ts) make some orders ship
 * from two stock locations. With `redisUrl`, Medusa's Redis event bus, workflow engine and cache are used (and Redis
 * locking only with `redisLocking`: by default each process keeps Medusa's in-memory locking), on a Redis database
 * number of their own (`redis://…/<n>`, empty when taken and marked), which is emptied at the end.
 *
 * {@link Stack.teardown} kills the process groups it started, drops the database (or stops embedded PostgreSQL),
 * empties its Redis database and closes the sandbox; {@link withStack} calls it on success, failure and Ctrl-C.
 */
import axios, { AxiosInstance } from "axios"
import fs from "fs"
import http from "http"
import os from "os"
import path from "path"
import { RunningSandbox, startSandbox } from "../../sandbox/server"
import { seededRandom } from "../../sandbox/faults"
import type { DemoSeed } from "../../scripts/seed-demo"
import { elapsedLogger } from "../../scripts/lib/log"
import { parseSeedOutput, runMedusa } from "../../scripts/lib/medusa"
import {
  createDatabase,
  dropDatabase,
  freePort,
  PostgresConnection,
  queryRows,
  redactUrl,
  startEmbeddedPostgres,
  withDatabase,
} from "../../scripts/lib/postgres"
import { AdminApi, ADMIN_EMAIL, ADMIN_PASSWORD } from "./admin-api"
import { Lifecycle } from "./lifecycle"
import type { FlexSeed } from "./seed-flex"
import { ProcessHandle } from "./medusa-process"
import { claimRedisDatabase } from "./redis"
import { Shoppers } from "./shopper"
import { countOrders } from "./tally"
import type { CheckoutResult, MedusaOrder, MedusaProcess, OrderKind, ReconcileAnswer, Stack, StackOptions, Tally } from "./types"

export type { CheckoutResult, MedusaOrder, MedusaProcess, OrderKind, ReconcileAnswer, Stack, StackOptions, Tally } from "./types"

const defaultLog = elapsedLogger("bench")

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
      log(`creating database ${database} on ${redactUrl(adminUrl)}`)
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
    await createDatabase(adminUrl, database)
    cleanups.push(() => dropDatabase(adminUrl, database))
    const databaseUrl = withDatabase(adminUrl, database)

    // ── redis ─────────────────────────────────────────────────────────────────────────────────────────────
    let redisUrl: string | undefined
    if (options.redisUrl) {
      const claimed = await claimRedisDatabase(options.redisUrl)
      redisUrl = claimed.url
      cleanups.push(claimed.release)
      log(`Redis database ${claimed.db} on ${redactUrl(options.redisUrl)} (empty, marked ${claimed.marker})`)
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
      // a hung PRO request costs this long (the sandbox answers in milliseconds; PRO's own default is 15 s)
      SORTED_PRO_REQUEST_TIMEOUT_MS: process.env.SORTED_PRO_REQUEST_TIMEOUT_MS ?? "5000",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    }
    delete env.SORTED_PRO_API_KEY
    delete env.REDIS_URL
    delete env.MEDUSA_WORKER_MODE
    delete env.PORT
    if (redisUrl) {
      env.REDIS_URL = redisUrl
      env.REDIS_LOCKING = options.redisLocking ? "on" : "off"
    }

    // ── migrations, seed, admin user ──────────────────────────────────────────────────────────────────────
    log("medusa db:migrate")
    await runMedusa(["db:migrate"], { env, tailChars: 3000 })
    log("seeding (scripts/seed-demo.ts)")
    const seed = parseSeedOutput<DemoSeed>(await runMedusa(["exec", "./scripts/seed-demo.ts"], { env, tailChars: 3000 }), 3000)
    const flex = parseSeedOutput<FlexSeed>(await runMedusa(["exec", "./bench/lib/seed-flex.ts"], { env, tailChars: 3000 }), 3000)
    await runMedusa(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { env, tailChars: 3000 })

    // ── Medusa ────────────────────────────────────────────────────────────────────────────────────────────
    const servers = Array.from({ length: options.servers ?? 2 }, () => "server" as const)
    const roles: MedusaProcess["role"][] = options.topology === "split" ? [...servers, "worker"] : ["shared"]
    const processes: ProcessHandle[] = []
    for (const [index, role] of roles.entries()) {
      processes.push(new ProcessHandle(role, await freePort(), path.join(runDir, `medusa-${role}-${index}.log`), env))
    }
    cleanups.push(async () => {
      await Promise.all(processes.map((p) => p.stop()))
    })
    log(`starting Medusa (${roles.join(" + ")}${redisUrl ? ", Redis modules" : ", in-memory modules"})`)
    await Promise.all(processes.map((p) => p.start()))
    log(`Medusa up: ${processes.map((p) => `${p.role} ${p.url}`).join(", ")}`)

    return new RunningStack(options, sandbox, seed, flex, processes, databaseUrl, redisUrl, runDir, cleanup, log)
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

// ── the running stack ────────────────────────────────────────────────────────────────────────────────────────

/** The clients of one Medusa server: shoppers (store API) and staff (admin API). */
interface ServerClients {
  process: ProcessHandle
  shoppers: Shoppers
  admin: AdminApi
}

class RunningStack implements Stack {
  keepLogs = false
  readonly lifecycle: Lifecycle
  private readonly clients: ServerClients[]
  private next = 0
  private tornDown = false

  constructor(
    readonly options: StackOptions,
    readonly sandbox: RunningSandbox,
    readonly seed: DemoSeed,
    readonly flex: FlexSeed,
    private readonly handles: ProcessHandle[],
    readonly databaseUrl: string,
    readonly redisUrl: string | undefined,
    readonly runDir: string,
    private readonly cleanup: () => Promise<void>,
    private readonly log: (message: string) => void
  ) {
    const random = seededRandom("bench-shoppers")
    this.clients = handles
      .filter((handle) => handle.role !== "worker")
      .map((handle) => {
        const client: AxiosInstance = axios.create({
          baseURL: handle.url,
          httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
          validateStatus: () => true,
          timeout: 120_000,
          headers: { "content-type": "application/json" },
        })
        return { process: handle, shoppers: new Shoppers(client, seed, flex, random), admin: new AdminApi(client) }
      })
    this.lifecycle = new Lifecycle(async () => (await this.live()).admin, seed, flex)
  }

  /** The clients of a running server, taking turns (waits while none runs: the only one was killed). */
  private async live(): Promise<ServerClients> {
    for (;;) {
      const running = this.clients.filter((client) => client.process.child)
      if (running.length) {
        return running[this.next++ % running.length]
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }

  get processes(): MedusaProcess[] {
    return this.handles
  }

  get backendUrl(): string {
    return (this.handles.find((p) => p.role !== "worker") ?? this.handles[0]).url
  }

  async placeOrder(kind: OrderKind, seq: number): Promise<CheckoutResult> {
    return (await this.live()).shoppers.placeOrder(kind, seq)
  }

  async adminToken(): Promise<string> {
    return (await this.live()).admin.adminToken()
  }

  async reconcile(days?: number): Promise<ReconcileAnswer> {
    return (await this.live()).admin.reconcile(days)
  }

  async listOrders(): Promise<MedusaOrder[]> {
    return (await this.live()).admin.listOrders()
  }

  sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.databaseUrl, text, values)
  }

  async tally(): Promise<Tally> {
    return countOrders(await this.listOrders(), this.sandbox, (text, values) => this.sql(text, values))
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
