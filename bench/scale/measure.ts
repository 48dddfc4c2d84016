/** Measurements of bench/scale.ts over HTTP: admin list latency, bulk labels through the admin route with Medusa's peak RSS. */
import { execFileSync } from "child_process"
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

/** Resident memory (MB) of the largest process in the Medusa child's process group (the Medusa server itself). */
function medusaRssMb(process: MedusaProcess): number {
  const pgid = process.child?.pid
  if (!pgid) {
    return 0
  }
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" })
  return Math.max(0, ...out.split("\n").map((line) => Number(line.trim()) || 0)) / 1024
}

/**
 * A bulk label job through the admin routes, as staff run it: `POST /admin/sorted-pro/labels/bulk`, polling
 * `GET …/:id` every 100 ms, then `GET …/:id/file`. Answers the wall time (ms) from the POST to the downloaded file, the
 * merged PDF's pages and bytes, and the Medusa process's RSS (MB) before the job and its peak (sampled every 50 ms) during it.
 * @throws Error when a call fails or the job does not finish `done`.
 */
export async function bulkLabels(http: AxiosInstance, process: MedusaProcess, references: string[]) {
  const before = medusaRssMb(process)
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, medusaRssMb(process))
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
    return { ms, pages: job.pages as number, bytes, failed: job.failed.length as number, rssBeforeMb: before, peakRssMb: peak }
  } finally {
    clearInterval(sampler)
  }
}
