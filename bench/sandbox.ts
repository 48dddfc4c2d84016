/**
 * `npm run bench:sandbox` (`tsx bench/sandbox.ts`): throughput and latency of the PRO sandbox.
 *
 * Starts the sandbox (`sandbox/main.ts`) in a child process on a random localhost port, pinned to one CPU core with
 * `taskset` when there are at least two cores (the load generator is pinned to another), then for each scenario runs a
 * closed loop of `--concurrency` keep-alive connections (node:http Agent) for `--warmup` seconds unmeasured and
 * `--duration` seconds measured, and prints requests/s, latency p50/p95/p99/max (ms), errors, and the sandbox's own CPU
 * time per request (from /proc, Linux only) as "req per CPU-second" = what one fully busy core would serve.
 *
 * Scenarios: `POST /deliveryoptions` (a realistic one-package UK request: 1.2 kg, 30×20×10 cm, £25, Manchester →
 * London SW1A 1AA) and `GET /consignments/{ref}` (a consignment created by selecting one of those options).
 *
 * Options: `--duration 5` `--warmup 1.5` `--concurrency 16` `--max-requests 200000` (per scenario, a hard bound)
 * `--no-pin`. Localhost only; the child is killed on exit. Exits 1 if the sandbox does not start within 30 s.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process"
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import path from "node:path"
import { parseArgs } from "node:util"
import { oneParcelToLondon, SANDBOX_MONDAY_MORNING } from "../scripts/lib/pro-requests"

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1.5" },
    concurrency: { type: "string", default: "16" },
    "max-requests": { type: "string", default: "200000" },
    "no-pin": { type: "boolean", default: false },
  },
})
const DURATION_S = Number(args.duration)
const WARMUP_S = Number(args.warmup)
const CONCURRENCY = Number(args.concurrency)
const MAX_REQUESTS = Number(args["max-requests"])
const API_KEY = "bench-key"
/** A working day before every cut-off, so options are plentiful and stable. */
const NOW = SANDBOX_MONDAY_MORNING

/** A realistic checkout request: one package, mainland UK. */
const DELIVERY_OPTIONS_BODY = oneParcelToLondon("order_01BENCH", {
  items: [
    {
      Sku: "SOCK-RED-M",
      Description: "Striped socks",
      Quantity: 2,
      Weight: { Value: 0.3, Unit: "Kg" },
      Value: { Amount: 12.5, Currency: { IsoCode: "GBP" } },
    },
  ],
  contact: { FirstName: "Jo", LastName: "Bloggs", Email: "jo@example.com", Telephone: "07700900000" },
})

/** Latency and outcome figures of one scenario. */
interface Result {
  name: string
  requests: number
  errors: number
  seconds: number
  latenciesMs: number[]
  cpuSeconds: number | null
  firstError?: string
}

/** Starts `sandbox/main.ts` in a child process on a random port; resolves with its URL. */
async function startChild(pinCore: number | null): Promise<{ child: ChildProcess; url: string }> {
  const root = path.resolve(__dirname, "..")
  const node = [process.execPath, "--import", "tsx", path.join(root, "sandbox/main.ts")]
  const [cmd, ...argv] = pinCore === null ? node : ["taskset", "-c", String(pinCore), ...node]
  const child = spawn(cmd, argv, {
    cwd: root,
    env: { ...process.env, SORTED_PRO_SANDBOX_PORT: "0", SORTED_PRO_SANDBOX_NOW: NOW, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("sandbox did not start within 30 s")), 30_000)
    let out = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once("exit", (code) => reject(new Error(`sandbox exited with code ${code} before listening`)))
  })
  child.stdout!.resume()
  return { child, url }
}

/** User + system CPU seconds consumed so far by a process (Linux /proc), or null elsewhere. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    // fields[11], fields[12] = utime, stime (stat fields 14 and 15) in clock ticks; Linux uses 100 ticks/s
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/** One HTTP request on the keep-alive agent; resolves with status and body text. Rejects on network errors or after 10 s. */
function send(agent: http.Agent, base: URL, method: string, urlPath: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "ocp-apim-subscription-key": API_KEY, accept: "application/json" }
    if (body !== undefined) {
      Object.assign(headers, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    }
    const req = http.request({ host: base.hostname, port: base.port, path: urlPath, method, agent, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
      res.on("error", reject)
    })
    req.on("timeout", () => req.destroy(new Error("timeout after 10 s")))
    req.on("error", reject)
    req.end(body)
  })
}

/**
 * Closed-loop load: CONCURRENCY workers each send `method path body` back to back, first for WARMUP_S (discarded),
 * then for DURATION_S or until MAX_REQUESTS measured requests. A response whose status is not `expect` is an error.
 */
async function run(name: string, base: URL, pid: number, method: string, urlPath: string, expect: number, body?: unknown): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const payload = body === undefined ? undefined : JSON.stringify(body)
  const result: Result = { name, requests: 0, errors: 0, seconds: 0, latenciesMs: [], cpuSeconds: null }
  let measuring = false
  let stopAt = Date.now() + WARMUP_S * 1000
  const worker = async () => {
    while (Date.now() < stopAt && result.requests < MAX_REQUESTS) {
      const started = process.hrtime.bigint()
      let error: string | undefined
      try {
        const res = await send(agent, base, method, urlPath, payload)
        if (res.status !== expect) {
          error = `HTTP ${res.status}: ${res.text.slice(0, 200)}`
        }
      } catch (err) {
        error = (err as Error).message
      }
      if (!measuring) {
        continue
      }
      result.requests++
      result.latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6)
      if (error) {
        result.errors++
        result.firstError ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  measuring = true
  const cpuBefore = cpuSecondsOf(pid)
  const t0 = process.hrtime.bigint()
  stopAt = Date.now() + DURATION_S * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  result.seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const cpuAfter = cpuSecondsOf(pid)
  result.cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore
  agent.destroy()
  return result
}

/** Value at quantile q (0–1) of ascending `sorted` (nearest rank). */
function quantile(sorted: number[], q: number): number {
  if (!sorted.length) {
    return NaN
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

function report(r: Result): void {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b)
  const f = (n: number) => n.toFixed(2)
  const perCore = r.cpuSeconds ? `${Math.round(r.requests / r.cpuSeconds)} req per sandbox CPU-second` : "CPU time n/a"
  console.log(
    `${r.name.padEnd(28)} ${String(Math.round(r.requests / r.seconds)).padStart(6)} req/s  ` +
      `p50 ${f(quantile(sorted, 0.5))} ms  p95 ${f(quantile(sorted, 0.95))} ms  p99 ${f(quantile(sorted, 0.99))} ms  max ${f(sorted[sorted.length - 1] ?? NaN)} ms  ` +
      `errors ${r.errors}/${r.requests}  (${perCore})`
  )
  if (r.firstError) {
    console.log(`  first error: ${r.firstError}`)
  }
}

async function main(): Promise<void> {
  for (const [k, v] of Object.entries({ DURATION_S, WARMUP_S, CONCURRENCY, MAX_REQUESTS })) {
    if (!Number.isFinite(v) || v <= 0) {
      throw new Error(`${k} must be a positive number`)
    }
  }
  const pin = !args["no-pin"] && os.cpus().length >= 2 && hasTaskset()
  if (pin) {
    execFileSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" })
  }
  const { child, url } = await startChild(pin ? 0 : null)
  const kill = () => child.exitCode === null && child.kill("SIGTERM")
  process.once("exit", kill)
  try {
    const base = new URL(url)
    console.log(
      `SortedPRO sandbox bench: ${url} (pid ${child.pid}${pin ? ", sandbox pinned to CPU 0, load generator to CPU 1" : ", not pinned"}), ` +
        `${CONCURRENCY} keep-alive connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per scenario; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}, Node ${process.version}`
    )
    const agent = new http.Agent({ keepAlive: true })
    const options = await send(agent, base, "POST", "/deliveryoptions", JSON.stringify(DELIVERY_OPTIONS_BODY))
    if (options.status !== 201) {
      throw new Error(`POST /deliveryoptions answered ${options.status}: ${options.text}`)
    }
    const list = JSON.parse(options.text).DeliveryOptions
    const selected = await send(agent, base, "POST", `/deliveryoptions/select/${list[0].Reference}`)
    if (selected.status !== 200) {
      throw new Error(`select answered ${selected.status}: ${selected.text}`)
    }
    const ref = JSON.parse(selected.text).ApiLinks[0].Href.split("/").pop()
    agent.destroy()
    console.log(`(each Delivery Options answer holds ${list.length} options; consignment ${ref})`)

    report(await run("POST /deliveryoptions", base, child.pid!, "POST", "/deliveryoptions", 201, DELIVERY_OPTIONS_BODY))
    report(await run("GET /consignments/{ref}", base, child.pid!, "GET", `/consignments/${ref}`, 200))
  } finally {
    kill()
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
