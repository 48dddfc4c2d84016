/** Measurements of bench/scale.ts over HTTP: admin list latency, bulk labels through the admin route with Medusa's peak RSS. */
import { promises as fs } from "fs"
import type { AxiosInstance } from "axios"
import type { MedusaProcess } from "../lib/stack"
import { brief } from "../lib/report"

/** The `q`-th quantile (0–1) of `values` (ms), nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

/** p50 and p95 (ms) of `samples` sequential `GET url` calls after 3 unmeasured ones. @throws Error on a non-200 answer. */
export async function listLatency(http: AxiosInstance, url: string, samples: number): Promise<{ p50: number; p95: number; count: number }> {
  const times: number[] = []
  let count = 0
  for (let i = 0; i < samples + 3; i++) {
    const started = performance.now()
    const response = await http.get(url)
    const ms = performance.now() - started
    if (response.status !== 200) {
      throw new Error(`GET ${url} → ${response.status} ${brief(response.data)}`)
    }
    count = response.data.count
    if (i >= 3) {
      times.push(ms)
    }
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), count }
}

/**
 * Resident memory (MB) of the Medusa server process: `VmRSS` and `VmHWM` (peak RSS) of `/proc/<pid>/status`, where
 * `pid` is the `medusa start` child itself (it serves in its own process, no wrapper: `node_modules/.bin/medusa`
 * requires the CLI in-process). Read asynchronously so that the bench process, which also serves the PRO sandbox,
 * is not blocked. Zeros when the process is gone.
 */
async function medusaRss(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await fs.readFile(`/proc/${pid}/status`, "utf8").catch(() => "")
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0)
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 }
}

/** CPU time (ms, user + system) the process `pid` has used so far (`/proc/<pid>/stat`, 100 clock ticks a second); 0 when gone. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => "")
  // fields after the command's closing parenthesis: state is 3rd, utime 14th and stime 15th of the whole line
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10
}

/** Resets the kernel's peak RSS (`VmHWM`) of `pid` to its current RSS (`/proc/<pid>/clear_refs` ← 5); false if refused. */
async function resetPeakRss(pid: number): Promise<boolean> {
  return fs.writeFile(`/proc/${pid}/clear_refs`, "5").then(
    () => true,
    () => false
  )
}

/**
 * A bulk label job through the admin routes, as staff run it: `POST /admin/sorted-pro/labels/bulk`, polling
 * `GET …/:id` every 100 ms, then `GET …/:id/file`. Answers the wall time (ms) from the POST to the downloaded file, the
 * merged PDF's pages and bytes, the CPU time (ms) the Medusa server and this process (the sandbox, the polling) used
 * meanwhile (so that a loaded machine's figures can be read), the Medusa server's pid, and its RSS (MB) before the job
 * and its peak during it: the kernel's peak RSS (`VmHWM`, reset just before the POST) or, where the reset is refused,
 * RSS sampled every 50 ms.
 * @throws Error when the Medusa process is not running, a call fails or the job does not finish `done`.
 */
export async function bulkLabels(http: AxiosInstance, process: MedusaProcess, references: string[]) {
  const pid = process.child?.pid
  if (!pid) {
    throw new Error("the Medusa process is not running")
  }
  const before = (await medusaRss(pid)).rss
  // the kernel's own peak (VmHWM) since this reset catches spikes between samples; the samples are the fallback
  const kernelPeak = await resetPeakRss(pid)
  const cpuBefore = await cpuMs(pid)
  const benchCpuBefore = globalThis.process.cpuUsage()
  let sampled = before
  const sampler = setInterval(() => {
    void medusaRss(pid).then(({ rss }) => (sampled = Math.max(sampled, rss)))
  }, 50)
  try {
    const started = performance.now()
    const posted = await http.post("/admin/sorted-pro/labels/bulk", { references })
    if (posted.status !== 202) {
      throw new Error(`POST labels/bulk → ${posted.status} ${brief(posted.data)}`)
    }
    let job = posted.data.job
    while (job.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 100))
      job = (await http.get(`/admin/sorted-pro/labels/bulk/${job.id}`)).data.job
    }
    if (job.status !== "done") {
      throw new Error(`bulk label job ${job.status}: ${job.error} (${job.failed.length} failed)`)
    }
    const file = await http.get(`/admin/sorted-pro/labels/bulk/${job.id}/file`, { responseType: "arraybuffer" })
    const ms = performance.now() - started
    const bytes = Buffer.from(file.data).byteLength
    const peak = Math.max(sampled, kernelPeak ? (await medusaRss(pid)).hwm : 0)
    const medusaCpuMs = (await cpuMs(pid)) - cpuBefore
    const benchCpu = globalThis.process.cpuUsage(benchCpuBefore)
    const sandboxCpuMs = (benchCpu.user + benchCpu.system) / 1000
    return {
      ms,
      pages: job.pages as number,
      bytes,
      failed: job.failed.length as number,
      rssBeforeMb: before,
      peakRssMb: peak,
      pid,
      medusaCpuMs,
      sandboxCpuMs,
    }
  } finally {
    clearInterval(sampler)
  }
}
