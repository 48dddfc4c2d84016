/** Step 3 of the packaging check: the host app's database, on a given PostgreSQL or an embedded one (db.ts). */
import crypto from "crypto"
import fs from "fs"
import path from "path"
import { createDatabase, dropDatabase, withDatabase } from "../../scripts/lib/postgres"
import { killGroup, spawnGroup, stopGroup } from "../../scripts/lib/process"
import { cleanEnv, root } from "./context"
import { onCleanup } from "./harness"

/** The host app's database. */
export interface Database {
  /** DATABASE_URL for the host app */
  url: string
  describe: string
  drop(): Promise<void>
}

/**
 * A fresh database `sorted_pro_packaging_<random>` on `DATABASE_URL`, else on `DB_HOST` (`DB_PORT`, `DB_USERNAME`,
 * `DB_PASSWORD`; SSL off for a remote host unless `DB_SSL=true`), else on an embedded PostgreSQL (db.ts) in `workDir`.
 * @throws when PostgreSQL does not start or refuses the database.
 */
export async function createPackagingDatabase(workDir: string): Promise<Database> {
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
    await createDatabase(serverUrl, name)
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
          await dropDatabase(server, name)
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
  fs.mkdirSync(path.dirname(log), { recursive: true })
  const err = fs.openSync(log, "a")
  const child = spawnGroup(process.execPath, ["--import", "tsx", path.join(__dirname, "db.ts"), path.join(workDir, "postgres")], {
    cwd: root,
    env: cleanEnv(),
    stdio: ["pipe", "pipe", err],
  })
  fs.closeSync(err)
  // db.ts stops PostgreSQL on SIGTERM (its data folder goes with it); SIGKILL to its group if it hangs
  const stop = () => stopGroup(child, { leaderOnly: true, graceMs: 30_000 })
  onCleanup("stop embedded PostgreSQL", stop)
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
