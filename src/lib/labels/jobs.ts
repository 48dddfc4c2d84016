import { randomUUID } from "crypto"
import { mergePdfs } from "./merge"
import { forEachConcurrently } from "../concurrency"
import { errorFields } from "../pro/errors"

/** One consignment whose label could not be fetched: PRO's message and CorrelationId. */
export interface BulkLabelFailure {
  reference: string
  status: number
  code: string
  message: string
  correlation_id: string | null
}

/**
 * A bulk label job as the admin sees it (`GET /admin/sorted-pro/labels/bulk/:id`):
 * - `status`: `running` (fetching/merging) → `done` (the merged PDF is ready) or `failed` (no label at all, or the merge failed);
 * - `total` consignments asked for, `fetched` labels fetched so far, `failed` ones with reasons, `merged` files merged;
 * - `pages`: pages in the merged PDF; `bytes`: its size; `error`: why the job failed.
 * Times are ISO strings.
 */
export interface BulkLabelJobView {
  id: string
  status: "running" | "done" | "failed"
  total: number
  fetched: number
  merged: number
  failed: BulkLabelFailure[]
  pages: number | null
  bytes: number | null
  error: string | null
  created_at: string
  finished_at: string | null
}

interface Job extends BulkLabelJobView {
  pdf: Uint8Array | null
  expires: number
}

/** Fetches one consignment's label as PDF bytes; throws (ideally a ProApiError) when PRO refuses. */
export type LabelFetcher = (reference: string) => Promise<Uint8Array>

/** Options of {@link BulkLabelJobs}: fetch concurrency (default 8), time a finished job is kept (default 30 min), jobs kept (default 50). */
export interface BulkLabelJobsOptions {
  concurrency?: number
  ttlMs?: number
  maxJobs?: number
}

/**
 * Bulk label jobs of this server process: each fetches the PDF labels of many consignments (a few at a time),
 * merges them into one PDF with pdf-lib and keeps it in memory until downloaded or expired. The admin starts a
 * job, polls its progress and downloads the file. Jobs live in the process that started them: behind a load
 * balancer, route the admin to one instance (sticky sessions) or use a single worker for admin traffic.
 */
export class BulkLabelJobs {
  private readonly jobs = new Map<string, Job>()
  private readonly concurrency: number
  private readonly ttlMs: number
  private readonly maxJobs: number

  constructor(options: BulkLabelJobsOptions = {}) {
    this.concurrency = options.concurrency ?? 8
    this.ttlMs = options.ttlMs ?? 30 * 60_000
    this.maxJobs = options.maxJobs ?? 50
  }

  /** Starts a job over `references` (order kept in the merged PDF, duplicates dropped) and returns its view at once. */
  start(references: string[], fetchLabel: LabelFetcher): BulkLabelJobView {
    this.prune()
    const unique = [...new Set(references)]
    const job: Job = {
      id: `splbl_${randomUUID().replace(/-/g, "")}`,
      status: "running",
      total: unique.length,
      fetched: 0,
      merged: 0,
      failed: [],
      pages: null,
      bytes: null,
      error: null,
      created_at: new Date().toISOString(),
      finished_at: null,
      pdf: null,
      expires: Date.now() + this.ttlMs,
    }
    this.jobs.set(job.id, job)
    void this.run(job, unique, fetchLabel)
    return this.view(job)
  }

  /** The job's progress, or null when unknown or expired. */
  get(id: string): BulkLabelJobView | null {
    this.prune()
    const job = this.jobs.get(id)
    return job ? this.view(job) : null
  }

  /** The merged PDF of a finished job, or null when not ready, unknown or expired. */
  file(id: string): Uint8Array | null {
    this.prune()
    return this.jobs.get(id)?.pdf ?? null
  }

  /** Resolves when the job is no longer running (for tests and scripts). */
  async settled(id: string, timeoutMs = 60_000): Promise<BulkLabelJobView | null> {
    const until = Date.now() + timeoutMs
    for (;;) {
      const job = this.get(id)
      if (!job || job.status !== "running" || Date.now() > until) {
        return job
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  private async run(job: Job, references: string[], fetchLabel: LabelFetcher) {
    const files: Array<Uint8Array | null> = new Array(references.length).fill(null)
    try {
      await forEachConcurrently(references, this.concurrency, async (reference, index) => {
        try {
          files[index] = await fetchLabel(reference)
          job.fetched += 1
        } catch (error) {
          const e = errorFields(error)
          job.failed.push({
            reference,
            status: typeof e?.status === "number" ? e.status : 0,
            code: e?.code ?? "Error",
            message: e?.message ?? String(error),
            correlation_id: e?.correlationId ?? null,
          })
        }
      })
      const ready = files.filter((file): file is Uint8Array => file !== null)
      if (!ready.length) {
        throw new Error(`no label could be fetched (${job.failed.length} failed)`)
      }
      let pages = 0
      const pdf = await mergePdfs(ready, (_index, added) => {
        job.merged += 1
        pages += added
      })
      job.pdf = pdf
      job.bytes = pdf.byteLength
      job.pages = pages
      job.status = "done"
    } catch (error) {
      job.status = "failed"
      job.error = (error as Error).message
    } finally {
      job.finished_at = new Date().toISOString()
      job.expires = Date.now() + this.ttlMs
    }
  }

  private view(job: Job): BulkLabelJobView {
    const { pdf: _pdf, expires: _expires, ...view } = job
    return { ...view, failed: [...view.failed] }
  }

  private prune() {
    const now = Date.now()
    for (const [id, job] of this.jobs) {
      if (job.status !== "running" && job.expires < now) {
        this.jobs.delete(id)
      }
    }
    const finished = [...this.jobs.values()].filter((job) => job.status !== "running")
    for (const job of finished.slice(0, Math.max(0, this.jobs.size - this.maxJobs))) {
      this.jobs.delete(job.id)
    }
  }
}

/** The process-wide job registry used by the admin routes. */
export const bulkLabelJobs = new BulkLabelJobs()
