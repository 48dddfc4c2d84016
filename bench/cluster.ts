/**
 * `npm run bench:cluster` — the plugin on several Medusa instances (project issue #15): two servers (A and B,
 * `MEDUSA_WORKER_MODE=server`) and one worker, on Redis (event bus, workflow engine, cache, locking; `REDIS_URL`, else
 * redis://127.0.0.1:6379, a database of its own) and PostgreSQL 15 (`DATABASE_URL`, else postgres://postgres@127.0.0.1:5432).
 * - 50 delivery-day checkouts whose store requests alternate between A and B (listing, calculate, add shipping
 *   method, complete; bench/lib/shopper.ts);
 * - a bulk label job of 50 consignments started on A, polled and downloaded from B;
 * - settings saved on A and read on B (within 30 s).
 * Verdict (exit 1 otherwise): PRO Delivery Options calls per cart = 1 across both servers; 0 failed checkouts; every
 * order in PRO exactly once (no duplicate, none missing); the job's PDF complete (50 pages) from B; settings on B in 30 s.
 */
import axios, { AxiosInstance } from "axios"
import http from "http"
import path from "path"
import { PDFDocument } from "pdf-lib"
import { seededRandom } from "../sandbox/faults"
import { freePort } from "../scripts/lib/postgres"
import { ProcessHandle } from "./lib/medusa-process"
import { printTable } from "./lib/report"
import { Shoppers } from "./lib/shopper"
import { Stack, withStack } from "./lib/stack"
import { stackEnv } from "./scale/env"
import { seedProConsignments } from "./scale/seed"

const CHECKOUTS = 50
const LABELS = 50
const log = (message: string) => console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${message}`)

/** An HTTP client whose successive requests go to A, B, A, B… */
function alternating(urls: string[]): AxiosInstance {
  let turn = 0
  const client = axios.create({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    validateStatus: () => true,
    timeout: 120_000,
    headers: { "content-type": "application/json" },
  })
  client.interceptors.request.use((config) => ({ ...config, baseURL: urls[turn++ % urls.length] }))
  return client
}

/** A bulk label job started on `a`, polled and downloaded on `b`: pages of the PDF B serves. */
async function labelsAcross(stack: Stack, a: string, b: string, token: string) {
  const references = await seedProConsignments(stack.sandbox.url, LABELS)
  const headers = { authorization: `Bearer ${token}` }
  const started = await axios.post(`${a}/admin/sorted-pro/labels/bulk`, { references }, { headers, validateStatus: () => true })
  if (started.status !== 202) {
    throw new Error(`POST labels/bulk on A → ${started.status} ${JSON.stringify(started.data).slice(0, 200)}`)
  }
  let job = started.data.job
  while (job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, 200))
    job = (await axios.get(`${b}/admin/sorted-pro/labels/bulk/${job.id}`, { headers })).data.job
  }
  const file = await axios.get(`${b}/admin/sorted-pro/labels/bulk/${job.id}/file`, {
    headers,
    responseType: "arraybuffer",
    validateStatus: () => true,
  })
  const pages = file.status === 200 ? (await PDFDocument.load(Buffer.from(file.data))).getPageCount() : 0
  return { status: job.status as string, pages, fileStatus: file.status }
}

/** Saves a manifest time on `a`, then reads the settings on `b` until they show it: ms taken, or null after 30 s. */
async function settingsAcross(a: string, b: string, token: string): Promise<number | null> {
  const headers = { authorization: `Bearer ${token}` }
  const time = `1${Math.floor(Math.random() * 10)}:${String(Math.floor(Math.random() * 60)).padStart(2, "0")}`
  const started = Date.now()
  await axios.post(`${a}/admin/sorted-pro/settings`, { manifest_time: time }, { headers })
  while (Date.now() - started < 30_000) {
    if ((await axios.get(`${b}/admin/sorted-pro/settings`, { headers })).data.settings?.manifest_time === time) {
      return Date.now() - started
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return null
}

withStack(
  {
    topology: "split",
    databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    jobs: false,
    log,
  },
  async (stack) => {
    const [serverA] = stack.processes
    const serverB = new ProcessHandle("server", await freePort(), path.join(stack.runDir, "medusa-server-b.log"), stackEnv(stack))
    log("starting server B")
    try {
      await serverB.start()
      const token = await stack.adminToken()
      const requests = stack.sandbox.sandbox.requests
      requests.clear()

      log(`${CHECKOUTS} checkouts alternating between A and B`)
      const shoppers = new Shoppers(alternating([serverA.url, serverB.url]), stack.seed, stack.flex, seededRandom("bench-cluster"))
      const results = []
      for (let i = 0; i < CHECKOUTS; i++) {
        results.push(await shoppers.placeOrder("delivery", i))
      }
      const optionCalls = requests.counts["POST /deliveryoptions"] ?? 0
      const failed = results.filter((result) => result.error)
      await stack.reconcile()
      const tally = await stack.tally()

      log("bulk labels: started on A, polled and downloaded from B")
      const labels = await labelsAcross(stack, serverA.url, serverB.url, token)
      log("settings: saved on A, read on B")
      const settingsMs = await settingsAcross(serverA.url, serverB.url, token)

      const perCart = optionCalls / CHECKOUTS
      const checks: Array<[string, string | number, boolean]> = [
        ["PRO Delivery Options calls per cart (goal 1)", perCart.toFixed(2), perCart === 1],
        ["failed checkouts", failed.length, failed.length === 0],
        [
          "orders in PRO: missing / duplicates",
          `${tally.missing} / ${tally.duplicate_consignments + tally.duplicate_orders}`,
          tally.missing === 0 && tally.duplicate_consignments + tally.duplicate_orders === 0,
        ],
        ["bulk labels from B: job / file / pages", `${labels.status} / ${labels.fileStatus} / ${labels.pages} of ${LABELS}`, labels.pages === LABELS],
        ["settings from A on B (ms)", settingsMs ?? "not in 30 s", settingsMs !== null],
      ]
      console.log("")
      printTable([["check", "figure", "verdict"], ...checks.map(([label, figure, ok]) => [label, figure, ok ? "ok" : "MISSED"])])
      for (const failure of failed.slice(0, 5)) {
        console.log(`failed checkout: ${failure.error}`)
      }
      return checks.every(([, , ok]) => ok) ? 0 : 1
    } finally {
      await serverB.stop()
    }
  }
)
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
