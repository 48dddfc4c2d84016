/**
 * The packaging check's harness: one `PASS`/`FAIL` line per named check, the cleanups registered along the way
 * (run in reverse order, each bounded to 60 s), the children still running (SIGKILLed to their process group at
 * cleanup), and the closing `Packaging: …` line with the exit code.
 */
import { ChildProcess } from "child_process"
import fs from "fs"
import { killGroup } from "../../scripts/lib/process"

const started = Date.now()
let passed = 0
let failed = 0
let finishing = false
let prefix = ""

/** Prefixes the names of the checks that follow (e.g. `[2.21.0] `), so one run can check several host apps. */
export function namePrefix(value: string) {
  prefix = value
}
/** Formats milliseconds as seconds, e.g. `12.3s`. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

/** A failure already reported by {@link fail} (its FAIL line is printed). */
export class CheckFailure extends Error {}

function pass(name: string, ms?: number, detail?: string) {
  passed++
  console.log(`PASS  ${prefix}${name}${ms === undefined ? "" : ` (${seconds(ms)})`}${detail ? ` — ${detail}` : ""}`)
}

/** Prints the FAIL line (and the last 60 lines of `log`) and throws {@link CheckFailure}. */
export function fail(name: string, reason: string, log?: string): never {
  failed++
  console.log(`FAIL  ${prefix}${name} — ${reason}`)
  if (log && !finishing && fs.existsSync(log)) {
    const lines = fs.readFileSync(log, "utf8").trimEnd().split("\n").slice(-60)
    console.log(`----- last ${lines.length} lines of ${log}`)
    console.log(lines.map((line) => `      ${line}`).join("\n"))
    console.log("-----")
  }
  throw new CheckFailure(reason)
}

/** Prints a WARN line (not a failure). */
export function warn(message: string) {
  console.log(`WARN  ${message}`)
}

/** Prints an indented information line. */
export function info(message: string) {
  console.log(`      ${message}`)
}

/** Runs `fn` as one named check; a thrown error (other than a reported failure) fails it. A string result is printed after PASS. */
export async function check<T>(name: string, fn: () => Promise<T> | T, log?: string): Promise<T> {
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

/** Children still running; each is SIGKILLed (with its process group) at cleanup. */
export const running = new Set<ChildProcess>()

const cleanups: Array<{ name: string; fn: () => Promise<void> | void }> = []
let cleaning: Promise<void> | undefined

/** Registers a cleanup step; steps run in reverse order of registration. */
export function onCleanup(name: string, fn: () => Promise<void> | void) {
  cleanups.push({ name, fn })
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of running) {
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

/** Cleans up, prints the closing line and exits: 0 when every check passed, else 1 (130 when interrupted). */
export async function finish(interrupted?: NodeJS.Signals) {
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

/** SIGINT, SIGTERM and SIGHUP fail the run, clean up and exit 130. */
export function finishOnSignals() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!finishing) {
        console.log(`FAIL  interrupted by ${signal}; cleaning up`)
        failed++
      }
      void finish(signal)
    })
  }
}

/** Reports an error that escaped the checks (a FAIL line unless it was already reported). */
export function reportUnexpected(error: unknown) {
  if (!(error instanceof CheckFailure)) {
    failed++
    console.log(`FAIL  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
}
