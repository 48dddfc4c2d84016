import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import type { IFileModuleService } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { collectLabels, LABEL_JOB_TTL_MS, LabelProgress } from "../lib/labels"
import { recordLabelsPrintedWorkflow } from "./record-labels-printed"
import { resolveLogger } from "./steps/logger"

/** How often a running job writes its progress to its row at most (ms), so polling any instance sees it move. */
const PROGRESS_EVERY_MS = 500

type Container = { resolve<T>(key: string): T }
const serviceOf = (container: Container) => container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)

/**
 * Writes a new `running` job row (`sorted_pro_label_job`) for `references` (PRO `EC-…`, duplicates dropped, order kept)
 * that expires {@link LABEL_JOB_TTL_MS} from now. Compensation deletes the row.
 */
export const createBulkLabelJobStep = createStep(
  "sorted-pro-create-bulk-label-job",
  async (input: { references: string[] }, { container }) => {
    const references = [...new Set(input.references)]
    const row = await serviceOf(container).createSortedProLabelJobs({
      status: "running",
      references,
      total: references.length,
      expires_at: new Date(Date.now() + LABEL_JOB_TTL_MS),
    })
    return new StepResponse(row, row.id)
  },
  async (id, { container }) => {
    if (id) {
      await serviceOf(container).deleteSortedProLabelJobs(id)
    }
  }
)

/** Starts a bulk label job: {@link createBulkLabelJobStep}; then run {@link runBulkLabelJobWorkflow} for its id. */
export const createBulkLabelJobWorkflow = createWorkflow(
  "sorted-pro-create-bulk-label-job",
  (input: { references: string[] }) => new WorkflowResponse(createBulkLabelJobStep(input))
)

/**
 * Runs a stored job: fetches its labels from PRO (`GET /labels/{reference}` as PDF, docs/pro-api.md §3.9) and merges each
 * as it arrives, holding at most `LABEL_WINDOW` source files (`collectLabels`), writing progress to the row at most every {@link PROGRESS_EVERY_MS}; stores the merged PDF through
 * Medusa's File Module (private access), records the fetched consignments' labels as printed, and marks the row
 * `done` with the file id, page count and size (bytes), kept {@link LABEL_JOB_TTL_MS} from then. Any failure marks it
 * `failed` with the reason (logged); labels PRO refused are listed in `failed` with PRO's CorrelationId. Answers the
 * job's final status.
 */
export const runBulkLabelJobStep = createStep("sorted-pro-run-bulk-label-job", async (input: { id: string }, { container }) => {
  const service = serviceOf(container)
  const [job] = await service.listSortedProLabelJobs({ id: input.id })
  if (!job || job.status !== "running") {
    return new StepResponse({ status: job?.status ?? "missing" })
  }
  const client = service.getClient()
  let written = 0
  let writing: Promise<unknown> = Promise.resolve()
  const write = (progress: LabelProgress) => {
    if (Date.now() - written < PROGRESS_EVERY_MS) {
      return
    }
    written = Date.now()
    const fields = { id: job.id, fetched: progress.fetched, merged: progress.merged, failed: { items: [...progress.failed] } }
    writing = writing.then(() => service.updateSortedProLabelJobs(fields)).catch(() => undefined)
  }
  try {
    const collected = await collectLabels(job.references as string[], async (reference) => (await client.labels.get(reference, "pdf")).bytes, write)
    const failedReferences = new Set(collected.failed.map((failure) => failure.reference))
    const printed = (job.references as string[]).filter((reference) => !failedReferences.has(reference))
    // streamed to the provider: no base64 copy of the merged PDF in memory
    const upload = await container.resolve<IFileModuleService>(Modules.FILE).getUploadStream({
      filename: `sortedpro-labels-${job.id}.pdf`,
      mimeType: "application/pdf",
      access: "private",
    })
    upload.writeStream.end(Buffer.from(collected.pdf.buffer, collected.pdf.byteOffset, collected.pdf.byteLength))
    const file = await upload.promise
    await recordLabelsPrintedWorkflow(container).run({ input: { references: printed } })
    await writing
    await service.updateSortedProLabelJobs({
      id: job.id,
      status: "done",
      fetched: printed.length,
      merged: printed.length,
      failed: { items: collected.failed },
      pages: collected.pages,
      bytes: collected.pdf.byteLength,
      file_id: file.key,
      finished_at: new Date(),
      expires_at: new Date(Date.now() + LABEL_JOB_TTL_MS),
    })
    return new StepResponse({ status: "done" })
  } catch (error) {
    await writing
    resolveLogger(container).error(`SortedPRO bulk labels ${job.id} failed: ${(error as Error).message}`)
    await service.updateSortedProLabelJobs({
      id: job.id,
      status: "failed",
      error: (error as Error).message,
      finished_at: new Date(),
      expires_at: new Date(Date.now() + LABEL_JOB_TTL_MS),
    })
    return new StepResponse({ status: "failed" })
  }
})

/** Runs a bulk label job made by {@link createBulkLabelJobWorkflow}: {@link runBulkLabelJobStep}. */
export const runBulkLabelJobWorkflow = createWorkflow(
  "sorted-pro-run-bulk-label-job",
  (input: { id: string }) => new WorkflowResponse(runBulkLabelJobStep(input))
)

/**
 * Deletes the jobs whose `expires_at` has passed: their merged PDFs from the File Module (a file already gone is
 * ignored), then their rows. Answers how many jobs were deleted.
 */
export const expireBulkLabelJobsStep = createStep("sorted-pro-expire-bulk-label-jobs", async (_input: Record<string, never>, { container }) => {
  const service = serviceOf(container)
  const expired = await service.listSortedProLabelJobs({ expires_at: { $lte: new Date() } }, { select: ["id", "file_id"], take: 1000 })
  const fileIds = expired.map((job) => job.file_id).filter((id): id is string => Boolean(id))
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  await Promise.all(fileIds.map((id) => files.deleteFiles(id).catch(() => undefined)))
  if (expired.length) {
    await service.deleteSortedProLabelJobs(expired.map((job) => job.id))
  }
  return new StepResponse({ deleted: expired.length })
})

/** Expiry of bulk label jobs: {@link expireBulkLabelJobsStep}. Run by the `sorted-pro-expire-bulk-labels` job. */
export const expireBulkLabelJobsWorkflow = createWorkflow(
  "sorted-pro-expire-bulk-label-jobs",
  (input: Record<string, never>) => new WorkflowResponse(expireBulkLabelJobsStep(input))
)
