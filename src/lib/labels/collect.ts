import { createPdfMerger } from "./merge"
import type { BulkLabelFailure } from "./jobs"
import { errorFields } from "../pro/errors"

/** Labels fetched from PRO at a time by one job. */
export const LABEL_FETCH_CONCURRENCY = 8
/**
 * Labels a job holds at most between fetching and merging: a label is fetched only once every label more than this
 * many places before it is merged, so a slow label does not let the others pile up (and the job's memory is the
 * merged PDF plus at most this many source files, whatever the job's size).
 */
export const LABEL_WINDOW = 2 * LABEL_FETCH_CONCURRENCY

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

/** A label PRO refused, as the job lists it: PRO's status, code, message and CorrelationId. */
function failureOf(reference: string, error: unknown): BulkLabelFailure {
  const e = errorFields(error)
  return {
    reference,
    status: typeof e?.status === "number" ? e.status : 0,
    code: e?.code ?? "Error",
    message: e?.message ?? String(error),
    correlation_id: e?.correlationId ?? null,
  }
}

/**
 * Fetches the labels of `references` ({@link LABEL_FETCH_CONCURRENCY} at a time, at most {@link LABEL_WINDOW} ahead of
 * the merge) and merges each, in the order given, into one PDF as soon as the labels before it are merged
 * (`createPdfMerger`): fetching and merging overlap, and each source file is dropped once merged. A label PRO refuses
 * is listed in `failed` with PRO's status, code, message and CorrelationId; the others are merged. `onProgress` is
 * called after each label fetched or refused and each file merged.
 * @throws Error when no label could be fetched, or when a file is not a PDF (from the merger).
 */
export async function collectLabels(
  references: string[],
  fetchLabel: LabelFetcher,
  onProgress: (progress: LabelProgress) => void = () => undefined
): Promise<CollectedLabels> {
  const progress: LabelProgress = { fetched: 0, failed: [], merged: 0 }
  // fetches[i]: label i's bytes, or null when refused; emptied once label i is merged
  const fetches: Array<Promise<Uint8Array | null> | undefined> = []
  let started = 0
  let inFlight = 0
  let merging = 0
  let stopped = false
  const fetchOne = async (index: number): Promise<Uint8Array | null> => {
    try {
      const file = await fetchLabel(references[index])
      progress.fetched += 1
      return file
    } catch (error) {
      progress.failed.push(failureOf(references[index], error))
      return null
    } finally {
      inFlight -= 1
      if (!stopped) {
        onProgress(progress)
        startFetches()
      }
    }
  }
  const startFetches = () => {
    while (!stopped && inFlight < LABEL_FETCH_CONCURRENCY && started < references.length && started < merging + LABEL_WINDOW) {
      inFlight += 1
      fetches[started] = fetchOne(started)
      started += 1
    }
  }

  const merger = await createPdfMerger()
  let pages = 0
  try {
    for (; merging < references.length; merging++) {
      startFetches()
      const file = await fetches[merging]!
      fetches[merging] = undefined
      if (file) {
        pages += await merger.add(file, merging)
        progress.merged += 1
        onProgress(progress)
      }
    }
  } finally {
    // a file that is not a PDF ends the job: start no more fetches, report no more progress
    stopped = true
  }
  if (!progress.merged) {
    throw new Error(`no label could be fetched (${progress.failed.length} failed)`)
  }
  return { pdf: await merger.save(), pages, failed: progress.failed }
}
