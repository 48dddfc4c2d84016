/** The figures of bench/scale.ts: one row per N, the printed tables and the goals (project issue #15). */

/** Latency of one admin list query (ms) and the count it answered. */
export interface Latency {
  p50: number
  p95: number
  count: number
}

/** A timed pass: wall time (ms) and PRO calls, per endpoint. */
export interface PassFigures {
  ms: number
  calls: number
  endpoints: Record<string, number>
}

/** Everything measured at one N. */
export interface ScaleRow {
  n: number
  changed: number
  list: { first: Latency; filtered: Latency; search: Latency; page50: Latency }
  reconcile0: { ms: number; read: number; open: number }
  reconcile10: { ms: number; read: number; open: number }
  passes: { tracking: PassFigures & { result: { checked: number } }; manifest: PassFigures & { skipped: string | null; manifested: number } }
  labels: {
    ms: number
    pages: number
    bytes: number
    failed: number
    rssBeforeMb: number
    peakRssMb: number
    medusaCpuMs: number
    sandboxCpuMs: number
  }
}

/** Goals (issue 15). */
export const GOALS = { listP95Ms: 150, labelsMs: 5_000, labelsRssMb: 400, locations: 1, listGrowth: 10, passGrowth: 2 }

const ms = (value: number) => Math.round(value)
const fromQuery = (row: ScaleRow) =>
  Object.entries(row.passes.manifest.endpoints)
    .filter(([endpoint]) => /manifestfromquery/i.test(endpoint))
    .reduce((sum, [, count]) => sum + count, 0)

/** The table: one column per N. */
export function tableRows(rows: ScaleRow[]): Array<Array<string | number>> {
  const line = (label: string, value: (row: ScaleRow) => string | number) => [label, ...rows.map(value)]
  return [
    ["figure", ...rows.map((row) => `N=${row.n}`)],
    line("list first page p50/p95 ms", (r) => `${ms(r.list.first.p50)}/${ms(r.list.first.p95)}`),
    line("list state+carrier p50/p95 ms", (r) => `${ms(r.list.filtered.p50)}/${ms(r.list.filtered.p95)}`),
    line("list search p50/p95 ms", (r) => `${ms(r.list.search.p50)}/${ms(r.list.search.p95)}`),
    line("list page 50 p50/p95 ms", (r) => `${ms(r.list.page50.p50)}/${ms(r.list.page50.p95)}`),
    line("list count (first page)", (r) => r.list.first.count),
    line("tracking: changed", (r) => r.changed),
    line("tracking: PRO calls", (r) => r.passes.tracking.calls),
    line("tracking: learnt", (r) => r.passes.tracking.result.checked),
    line("tracking: wall ms", (r) => ms(r.passes.tracking.ms)),
    line("reconcile 0 new: orders read", (r) => r.reconcile0.read),
    line("reconcile 0 new: wall ms", (r) => ms(r.reconcile0.ms)),
    line("reconcile 10 new: orders read", (r) => r.reconcile10.read),
    line("reconcile 10 new: wall ms", (r) => ms(r.reconcile10.ms)),
    line("manifest 2,000: manifested", (r) => r.passes.manifest.manifested),
    line("manifest: From Query calls", fromQuery),
    line("manifest: PRO calls", (r) => r.passes.manifest.calls),
    line("manifest: wall ms", (r) => ms(r.passes.manifest.ms)),
    line("500 labels: wall ms", (r) => ms(r.labels.ms)),
    line("500 labels: Medusa CPU ms", (r) => ms(r.labels.medusaCpuMs)),
    line("500 labels: bench+sandbox CPU ms", (r) => ms(r.labels.sandboxCpuMs)),
    line("500 labels: pages", (r) => r.labels.pages),
    line("500 labels: PDF KB", (r) => ms(r.labels.bytes / 1024)),
    line("500 labels: Medusa RSS before MB", (r) => ms(r.labels.rssBeforeMb)),
    line("500 labels: Medusa peak RSS MB", (r) => ms(r.labels.peakRssMb)),
  ]
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "–")

/** Growth ratios between consecutive N (e.g. 1k → 10k, 10k → 100k). */
export function growth(rows: ScaleRow[]): Array<Array<string | number>> {
  const pairs = rows.slice(1).map((row, index) => [rows[index], row] as const)
  const line = (label: string, value: (row: ScaleRow) => number) => [label, ...pairs.map(([a, b]) => ratio(value(b), value(a)))]
  return [
    ["growth", ...pairs.map(([a, b]) => `${a.n}→${b.n}`)],
    line("list first page p95", (r) => r.list.first.p95),
    line("list state+carrier p95", (r) => r.list.filtered.p95),
    line("list search p95", (r) => r.list.search.p95),
    line("list page 50 p95", (r) => r.list.page50.p95),
    line("tracking wall (changed ×10)", (r) => r.passes.tracking.ms),
    line("reconcile 10 new wall", (r) => r.reconcile10.ms),
    line("manifest wall", (r) => r.passes.manifest.ms),
    line("500 labels wall", (r) => r.labels.ms),
  ]
}

/** The goals missed, each named with its figure; empty when all are met. */
export function goalsMissed(rows: ScaleRow[]): string[] {
  const missed: string[] = []
  for (const r of rows) {
    const trackingGoal = r.changed / 100 + 2
    if (r.passes.tracking.calls > trackingGoal) {
      missed.push(`N=${r.n}: tracking PRO calls ${r.passes.tracking.calls} > ${trackingGoal}`)
    }
    for (const [label, pass, fresh] of [
      ["0 new", r.reconcile0, 0],
      ["10 new", r.reconcile10, 10],
    ] as const) {
      if (pass.read > fresh + pass.open + 10) {
        missed.push(`N=${r.n}: reconcile ${label} read ${pass.read} orders > ${fresh + pass.open + 10}`)
      }
    }
    if (fromQuery(r) > GOALS.locations || r.passes.manifest.manifested === 0) {
      missed.push(`N=${r.n}: manifest ${fromQuery(r)} From Query calls for ${GOALS.locations} location, ${r.passes.manifest.manifested} manifested`)
    }
    if (r.labels.ms > GOALS.labelsMs || r.labels.peakRssMb > GOALS.labelsRssMb) {
      missed.push(`N=${r.n}: 500 labels ${ms(r.labels.ms)} ms, ${ms(r.labels.peakRssMb)} MB (goal ≤ ${GOALS.labelsMs} ms, ≤ ${GOALS.labelsRssMb} MB)`)
    }
  }
  const last = rows[rows.length - 1]
  if (last.n >= 100_000) {
    for (const [label, latency] of Object.entries(last.list)) {
      if (latency.p95 > GOALS.listP95Ms) {
        missed.push(`N=${last.n}: list ${label} p95 ${ms(latency.p95)} ms > ${GOALS.listP95Ms}`)
      }
    }
  }
  const before = rows[rows.length - 2]
  if (before) {
    for (const key of ["first", "filtered", "search", "page50"] as const) {
      if (last.list[key].p95 / before.list[key].p95 >= (GOALS.listGrowth * last.n) / before.n / 10) {
        missed.push(`list ${key} p95 grew ${ratio(last.list[key].p95, before.list[key].p95)}× from ${before.n} to ${last.n} (not sub-linear)`)
      }
    }
    if (last.reconcile10.read !== before.reconcile10.read || fromQuery(last) !== fromQuery(before)) {
      missed.push(`pass PRO calls / orders read changed from ${before.n} to ${last.n}`)
    }
    for (const [label, a, b] of [
      ["reconcile", before.reconcile10.ms, last.reconcile10.ms],
      ["manifest", before.passes.manifest.ms, last.passes.manifest.ms],
    ] as const) {
      if (b / a > GOALS.passGrowth) {
        missed.push(`${label} wall time grew ${ratio(b, a)}× from ${before.n} to ${last.n} (goal: constant, ≤ ${GOALS.passGrowth}×)`)
      }
    }
  }
  return missed
}
