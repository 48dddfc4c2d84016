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
