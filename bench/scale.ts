/**
 * `npm run bench:scale` — the plugin at volume (project issue #15). One fresh stack (bench/lib/stack.ts: the machine's
 * PostgreSQL 15 from `DATABASE_URL`, else postgres://postgres@127.0.0.1:5432; one Medusa process; the PRO sandbox in
 * this process), grown to N = 1,000, 10,000 and 100,000 consignment records (`SCALE_SIZES=1000,10000` to change).
 * At each N:
 * - seed: N allocated consignments in PRO through the sandbox's bulk seed (ship day in 5 days) and our records by SQL,
 *   plus 2,000 more allocated for today's manifest; 1 % of the N are then set ReadyToShip in PRO (the tracking change);
 * - admin list `GET /admin/sorted-pro/consignments` p50/p95 (40 calls each): first page, filtered by state and carrier,
 *   search by reference, page 50;
 * - reconcile `POST /admin/sorted-pro/reconcile` with 0, then 10 new orders (placed through the store API): orders read;
 * - one tracking pass and the daily manifest (bench/scale/passes.ts in `medusa exec`): PRO calls and wall time;
 * - bulk labels for 500 consignments through the admin route: wall time to the downloaded PDF, the RSS of the Medusa
 *   server process (the `medusa start` child: one process, no wrapper) before the job and its peak during it. The
 *   sandbox draws each label once before (about 0.2 s of this process's CPU per label, which PRO spends on its own
 *   servers), so the time is the plugin's: fetching, merging, storing, serving.
 * Prints the table, the growth ratios 1k → 10k → 100k and the verdict; exits 1 when a goal is missed:
 * list p95 ≤ 150 ms at 100k; tracking PRO calls ≤ changed/100 + 2; reconcile orders read ≤ new + open + 10; Manifest
 * From Query calls ≤ 1 per shipping location; 500 labels ≤ 5 s and ≤ 400 MB; list p95 growth 10k → 100k < 10×; the
 * passes' PRO calls for reconcile and manifest the same at 10k and 100k, and their wall time within 2×.
 */
import axios, { AxiosInstance } from "axios"
import { runMedusa } from "../scripts/lib/medusa"
import { pool } from "../scripts/lib/pool"
import { printTable } from "./lib/report"
import { Stack, withStack } from "./lib/stack"
import { stackEnv } from "./scale/env"
import { bulkLabels, listLatency } from "./scale/measure"
import { insertRecords, seedProConsignments, setSandboxClock } from "./scale/seed"
import { growth, goalsMissed, ScaleRow, tableRows } from "./scale/verdict"

const SIZES = (process.env.SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number)
const SAMPLES = 40
const MANIFEST_SET = 2_000
const LABELS = 500
const log = (message: string) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${message}`)

/** A PRO API call to the sandbox (any subscription key). */
function pro(stack: Stack, method: "GET" | "PUT", path: string, data?: unknown) {
  return axios.request({ method, url: `${stack.sandbox.url}${path}`, data, headers: { "ocp-apim-subscription-key": "bench" } })
}

/** One reconcile pass through the admin route, timed, with the records open before it. */
async function reconcilePass(stack: Stack) {
  const [{ open }] = await stack.sql<{ open: number }>(
    `select count(*)::int as open from sorted_pro_consignment where sync_status in ('pending','failed') and cancel_status is null`
  )
  const started = performance.now()
  const result = (await stack.reconcile()) as unknown as { orders_scanned: number }
  return { ms: performance.now() - started, read: result.orders_scanned, open }
}

/** Places `count` Order Flex orders through the store API and waits until their PRO orders are synced. */
async function placeOrders(stack: Stack, count: number, firstSeq: number) {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const result = await stack.placeOrder("standard", firstSeq + i)
    if (!result.order_id) {
      throw new Error(`checkout ${i} failed: ${result.error}`)
    }
    ids.push(result.order_id)
  }
  for (let tries = 0; tries < 120; tries++) {
    const [{ synced }] = await stack.sql<{ synced: number }>(
      `select count(*)::int as synced from sorted_pro_order where order_id = any($1) and sync_status = 'synced'`,
      [ids]
    )
    if (synced === count) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error("the new orders did not reach PRO within a minute")
}

async function measureAt(stack: Stack, http: AxiosInstance, n: number, mass: string[], step: number): Promise<ScaleRow> {
  const previous = mass.length
  const far = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
  log(`N=${n}: seeding ${n - previous} + ${MANIFEST_SET} consignments in PRO and our records`)
  await setSandboxClock(stack.sandbox.url, new Date(Date.now() - 2 * 3_600_000))
  const manifestSet = await seedProConsignments(stack.sandbox.url, MANIFEST_SET)
  const added = await seedProConsignments(stack.sandbox.url, n - previous, far)
  await setSandboxClock(stack.sandbox.url, new Date())
  await insertRecords(stack, added, previous)
  // no fulfillment: once manifested they are not the tracking pass's changed 1 %
  await insertRecords(stack, manifestSet, 10_000_000 + step * MANIFEST_SET, false)
  mass.push(...added)
  const day = String((await pro(stack, "GET", `/consignments/${manifestSet[0]}`)).data.ShippingDate).slice(0, 10)
  await stack.sql(
    `insert into sorted_pro_setting (id, manifest_time, tracking_events_until) values ('default', '17:00', now())
     on conflict (id) do update set manifest_time = '17:00', tracking_events_until = now(), last_manifest_at = null`
  )
  const changed = mass.filter((_, index) => index % 100 === step)
  await pro(stack, "PUT", "/consignments/setreadytoship", changed)

  log(`N=${n}: admin list`)
  const middle = mass[Math.floor(mass.length / 2)]
  const list = {
    first: await listLatency(http, "/admin/sorted-pro/consignments?limit=20", SAMPLES),
    filtered: await listLatency(http, "/admin/sorted-pro/consignments?limit=20&state=Allocated&carrier=DPD", SAMPLES),
    search: await listLatency(http, `/admin/sorted-pro/consignments?limit=20&q=${middle}`, SAMPLES),
    page50: await listLatency(http, "/admin/sorted-pro/consignments?limit=20&offset=980", SAMPLES),
  }

  log(`N=${n}: reconcile with 0, then 10 new orders`)
  const reconcile0 = await reconcilePass(stack)
  await placeOrders(stack, 10, step * 100)
  const reconcile10 = await reconcilePass(stack)

  log(`N=${n}: tracking pass and daily manifest (medusa exec)`)
  const output = await runMedusa(["exec", "./bench/scale/passes.ts"], {
    env: stackEnv(stack, { SCALE_MANIFEST_NOW: `${day}T20:00:00Z` }),
    tailChars: 3000,
  })
  const line = output.split("\n").find((candidate) => candidate.includes("SCALE_PASSES "))
  if (!line) {
    throw new Error(`passes printed no result:\n${output.slice(-3000)}`)
  }
  const passes = JSON.parse(line.slice(line.indexOf("{")))

  log(`N=${n}: bulk labels for ${LABELS}`)
  const labelSet = mass.slice(step * LABELS + 1, (step + 1) * LABELS + 1)
  // drawn once by the sandbox first (its CPU, not the plugin's: routes/documents.ts keeps what it drew)
  await pool(labelSet.length, 8, (i) => pro(stack, "GET", `/labels/${labelSet[i]}/pdf`))
  const labels = await bulkLabels(http, stack.processes[0], labelSet)
  log(`N=${n}: labels RSS of the Medusa server process (pid ${labels.pid}, /proc/<pid>/status)`)
  return { n, changed: changed.length, list, reconcile0, reconcile10, passes, labels }
}

withStack(
  { topology: "shared", databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", jobs: false, log },
  async (stack) => {
    const http = axios.create({
      baseURL: stack.backendUrl,
      validateStatus: () => true,
      timeout: 300_000,
      headers: { authorization: `Bearer ${await stack.adminToken()}`, "content-type": "application/json" },
    })
    await stack.reconcile() // the first pass sets the reconcile watermark
    const mass: string[] = []
    const rows: ScaleRow[] = []
    for (const [step, n] of SIZES.entries()) {
      rows.push(await measureAt(stack, http, n, mass, step))
    }
    console.log("")
    printTable(tableRows(rows))
    console.log("")
    printTable(growth(rows))
    const missed = goalsMissed(rows)
    console.log("")
    console.log(missed.length ? `GOALS MISSED:\n- ${missed.join("\n- ")}` : "All goals met.")
    return missed.length ? 1 : 0
  }
)
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
