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
 * - `status`: `running` (fetching/merging) → `done` (the merged PDF is ready) or `failed` (no label at all, the merge
 *   failed, or the instance running it stopped: see {@link LABEL_JOB_STALE_MS});
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

/** A job as stored (`sorted_pro_label_job`, `src/modules/sorted-pro/models/label-job.ts`). */
export interface BulkLabelJobRow {
  id: string
  status: BulkLabelJobView["status"]
  total: number
  fetched: number
  merged: number
  /** `{ items: BulkLabelFailure[] }` */
  failed: unknown
  pages: number | null
  bytes: number | null
  error: string | null
  file_id: string | null
  created_at: Date | string
  updated_at: Date | string
  finished_at: Date | string | null
  expires_at: Date | string
}

/** How long a job and its merged PDF are kept after it started (ms): 30 minutes. */
export const LABEL_JOB_TTL_MS = 30 * 60_000
/** A running job whose progress has not been written for this long (ms) was interrupted (its instance stopped). */
export const LABEL_JOB_STALE_MS = 5 * 60_000
/** Labels fetched from PRO at a time by one job. */
export const LABEL_FETCH_CONCURRENCY = 8

/** Fetches one consignment's label as PDF bytes; throws (ideally a ProApiError) when PRO refuses. */
export type LabelFetcher = (reference: string) => Promise<Uint8Array>

/** Progress of {@link collectLabels}: labels fetched, failures so far, files merged. */
export interface LabelProgress {
  fetched: number
  failed: BulkLabelFailure[]
  merged: number
}

/** What {@link collectLabels} made: the merged PDF and its page count, and the labels that could not be fetched. */
export interface CollectedLabels {
  pdf: Uint8Array
  pages: number
  failed: BulkLabelFailure[]
}

/**
 * Fetches the labels of `references` ({@link LABEL_FETCH_CONCURRENCY} at a time) and merges them, in the order given,
 * into one PDF (`mergePdfs`). A label PRO refuses is listed in `failed` with PRO's status, code, message and
 * CorrelationId; the others are merged. `onProgress` is called after each label fetched or refused and each file merged.
 * @throws Error when no label could be fetched, or when a file is not a PDF (from `mergePdfs`).
 */
export async function collectLabels(
  references: string[],
  fetchLabel: LabelFetcher,
  onProgress: (progress: LabelProgress) => void = () => undefined
): Promise<CollectedLabels> {
  const files: Array<Uint8Array | null> = new Array(references.length).fill(null)
  const progress: LabelProgress = { fetched: 0, failed: [], merged: 0 }
  await forEachConcurrently(references, LABEL_FETCH_CONCURRENCY, async (reference, index) => {
    try {
      files[index] = await fetchLabel(reference)
      progress.fetched += 1
    } catch (error) {
      const e = errorFields(error)
      progress.failed.push({
        reference,
        status: typeof e?.status === "number" ? e.status : 0,
        code: e?.code ?? "Error",
        message: e?.message ?? String(error),
        correlation_id: e?.correlationId ?? null,
      })
    }
    onProgress(progress)
  })
  const ready = files.filter((file): file is Uint8Array => file !== null)
  if (!ready.length) {
    throw new Error(`no label could be fetched (${progress.failed.length} failed)`)
  }
  let pages = 0
  const pdf = await mergePdfs(ready, (_index, added) => {
    progress.merged += 1
    pages += added
    onProgress(progress)
  })
  return { pdf, pages, failed: progress.failed }
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString())

/** True when the job's time is over (`expires_at` passed): it answers 404 and the expiry job deletes it. */
export function labelJobExpired(row: Pick<BulkLabelJobRow, "expires_at">, now = Date.now()): boolean {
  return new Date(row.expires_at).getTime() <= now
}

/**
 * The admin's view of a stored job. A `running` job whose progress was last written more than
 * {@link LABEL_JOB_STALE_MS} ago is shown `failed` ("interrupted"): the instance running it stopped.
 */
export function labelJobView(row: BulkLabelJobRow, now = Date.now()): BulkLabelJobView {
  const stale = row.status === "running" && new Date(row.updated_at).getTime() < now - LABEL_JOB_STALE_MS
  return {
    id: row.id,
    status: stale ? "failed" : row.status,
    total: row.total,
    fetched: row.fetched,
    merged: row.merged,
    failed: (row.failed as { items?: BulkLabelFailure[] } | null)?.items ?? [],
    pages: row.pages,
    bytes: row.bytes,
    error: stale ? "interrupted: the server running the job stopped; start it again" : row.error,
    created_at: iso(row.created_at)!,
    finished_at: iso(row.finished_at),
  }
}
