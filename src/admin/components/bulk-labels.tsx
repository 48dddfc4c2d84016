import { Alert, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { adminFetch, BulkJob, describeError, openFile } from "../lib/api"
import { useAdminTranslation } from "../lib/i18n"

/**
 * Progress of a bulk label job (`POST /admin/sorted-pro/labels/bulk` then polling `GET …/labels/bulk/:id` every
 * 500 ms): a bar of labels fetched and merged, the consignments PRO refused with their CorrelationId, and the merged
 * PDF, opened for printing when ready.
 */
export const BulkLabelsPanel = ({ references, onClose }: { references: string[]; onClose: () => void }) => {
  const t = useAdminTranslation()
  const [job, setJob] = useState<BulkJob | null>(null)
  const [error, setError] = useState<string | null>(null)
  const opened = useRef(false)

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout>
    const poll = async (id: string) => {
      try {
        const { job } = await adminFetch<{ job: BulkJob }>(`/admin/sorted-pro/labels/bulk/${id}`)
        if (stopped) {
          return
        }
        setJob(job)
        if (job.status === "running") {
          timer = setTimeout(() => poll(id), 500)
        } else if (job.status === "done" && !opened.current) {
          opened.current = true
          toast.success(t("bulk.ready"), {
            description: `${t("bulk.inOnePdf", { count: job.pages })}${job.failed.length ? `, ${t("bulk.skipped", { count: job.failed.length })}` : ""}`,
          })
          openFile(`/admin/sorted-pro/labels/bulk/${job.id}/file`).catch((e) => toast.error(t("bulk.labels"), { description: describeError(e) }))
        }
      } catch (e) {
        if (!stopped) {
          setError(describeError(e))
        }
      }
    }
    adminFetch<{ job: BulkJob }>("/admin/sorted-pro/labels/bulk", { method: "POST", body: { references } })
      .then(({ job }) => {
        if (stopped) {
          return
        }
        setJob(job)
        void poll(job.id)
      })
      .catch((e) => setError(describeError(e)))
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [references])

  const done = job ? job.fetched + job.failed.length : 0
  const total = job?.total ?? references.length
  const percent = job?.status === "done" ? 100 : Math.round(((done + (job?.merged ?? 0)) / (2 * Math.max(1, total))) * 100)
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="bulk-labels">
      <div className="flex items-center justify-between">
        <Heading level="h2">{t("bulk.printing", { count: total })}</Heading>
        <div className="flex gap-x-2">
          {job?.status === "done" && (
            <Button
              size="small"
              variant="secondary"
              onClick={() =>
                openFile(`/admin/sorted-pro/labels/bulk/${job.id}/file`).catch((e) =>
                  toast.error(t("bulk.labels"), { description: describeError(e) })
                )
              }
            >
              {t("common.openPdf")}
            </Button>
          )}
          <Button size="small" variant="transparent" onClick={onClose}>
            {t("common.close")}
          </Button>
        </div>
      </div>
      {error && <Alert variant="error">{error}</Alert>}
      {job && (
        <>
          <div
            className="bg-ui-bg-subtle h-2 w-full overflow-hidden rounded-full"
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="bg-ui-fg-interactive h-full transition-all" style={{ width: `${percent}%` }} />
          </div>
          <Text size="small" className="text-ui-fg-subtle" data-testid="bulk-labels-status">
            {job.status === "running" && t("bulk.running", { fetched: job.fetched, total, merged: job.merged })}
            {job.status === "done" && t("bulk.done", { count: job.pages, kb: Math.round((job.bytes ?? 0) / 1024) })}
            {job.status === "failed" && t("bulk.failed", { error: job.error })}
          </Text>
          {job.failed.length > 0 && (
            <Alert variant="warning">
              <Text size="small" weight="plus">
                {t("bulk.noLabel", { count: job.failed.length })}
              </Text>
              {job.failed.slice(0, 10).map((failure) => (
                <Text key={failure.reference} size="xsmall">
                  {failure.reference}: {t("common.withCorrelation", { message: failure.message, id: failure.correlation_id ?? t("common.none") })}
                </Text>
              ))}
            </Alert>
          )}
        </>
      )}
    </Container>
  )
}
