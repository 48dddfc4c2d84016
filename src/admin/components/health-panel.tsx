import { Alert, Badge, Button, Container, Heading, Skeleton, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { ArrowPath } from "@medusajs/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminFetch, day, describeError, localDateTime, ReconcileResult, settingsQuery } from "../lib/api"
import { useAdminTranslation, type Translate } from "../lib/i18n"

type Health = {
  mode: "local_sandbox" | "pro_sandbox" | "live"
  base_url: string
  api_key_hint: string
  api_key: {
    ok: boolean
    latency_ms: number
    shipping_locations: number | null
    error: { status: number; code: string; message: string; correlation_id: string | null } | null
  }
  last_errors: Array<{
    id: string
    reference: string | null
    order_id: string
    code: string | null
    message: string | null
    correlation_id: string | null
    at: string | null
  }>
  waiting: { consignments_pending: number; consignments_failed: number; orders_pending: number; orders_failed: number }
  parked: Attention[]
  orphans: Attention[]
  pending_cancels: Attention[]
  last_tracking_sync_at: string | null
}

/** A record staff should know about (`GET /admin/sorted-pro/health`: `parked`, `orphans`, `pending_cancels`). */
type Attention = {
  id: string
  reference: string | null
  customer_reference: string
  order_id: string
  state: string | null
  attempts: number
  cancel_status: string | null
  message: string | null
  correlation_id: string | null
}

/** Badge colour of each connection mode (its name: `health.mode.<mode>`). */
const MODES = { local_sandbox: "orange", pro_sandbox: "orange", live: "green" } as const

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-[180px_1fr] items-center gap-x-4 px-6 py-3">
    <Text size="small" weight="plus" className="text-ui-fg-subtle">
      {label}
    </Text>
    <div className="txt-small min-w-0 break-words">{children}</div>
  </div>
)

/** What the reconcile job still has to send to PRO, e.g. "1 consignment failed · 2 PRO orders pending". */
function waiting(w: Health["waiting"], t: Translate): string {
  const parts = [
    w.consignments_failed && t("health.waiting.consignmentsFailed", { count: w.consignments_failed }),
    w.consignments_pending && t("health.waiting.consignmentsPending", { count: w.consignments_pending }),
    w.orders_failed && t("health.waiting.ordersFailed", { count: w.orders_failed }),
    w.orders_pending && t("health.waiting.ordersPending", { count: w.orders_pending }),
  ].filter(Boolean)
  return parts.length ? parts.join(" · ") : t("health.waiting.nothing")
}

/** What a reconcile pass did, e.g. "Retried 3 orders and 1 fulfillment; 0 still waiting". */
function reconcileText(result: ReconcileResult, t: Translate): string {
  return t("health.reconcile.text", {
    orders: t("health.reconcile.orders", { count: result.orders_retried }),
    fulfillments: t("health.reconcile.fulfillments", { count: result.fulfillments_retried }),
    open: result.still_open,
  })
}

/**
 * Records that need staff: `parked` ones (PRO refused them 10 times; reconcile no longer retries them) with a Retry
 * button (`POST /admin/sorted-pro/consignments/:id/retry`, which starts their count again), orphans (a consignment
 * whose fulfillment never committed; reconcile cancels it in PRO) and cancels PRO has not answered yet.
 */
const NeedsAttention = ({ health }: { health: Health }) => {
  const t = useAdminTranslation()
  const queryClient = useQueryClient()
  const retry = useMutation({
    mutationFn: (id: string) => adminFetch(`/admin/sorted-pro/consignments/${id}/retry`, { method: "POST", body: {} }),
    onSuccess: () => toast.success(t("common.sentToSortedPro")),
    onError: (error) => toast.error(t("common.retryFailed"), { description: describeError(error) }),
    onSettled: () => Promise.all(RECONCILED.map((key) => queryClient.invalidateQueries({ queryKey: ["sorted-pro", key] }))),
  })
  const rows = [
    ...health.parked.map((record) => ({ record, kind: t("health.attention.parked"), canRetry: true })),
    ...health.orphans.map((record) => ({
      record,
      kind: t("health.attention.orphan", { status: record.cancel_status ?? t("health.attention.requested") }),
      canRetry: false,
    })),
    ...health.pending_cancels.map((record) => ({ record, kind: t("health.attention.cancelPending"), canRetry: false })),
  ]
  if (!rows.length) {
    return null
  }
  return (
    <div className="px-6 py-4" data-testid="health-attention">
      <Text size="small" weight="plus" className="mb-2">
        {t("health.attention.title")}
      </Text>
      <Table>
        <Table.Body>
          {rows.map(({ record, kind, canRetry }) => (
            <Table.Row key={`${kind}-${record.id}`}>
              <Table.Cell className="font-mono">{record.reference ?? record.customer_reference}</Table.Cell>
              <Table.Cell>{kind}</Table.Cell>
              <Table.Cell className="max-w-[320px] truncate" title={record.message ?? ""}>
                {record.correlation_id
                  ? t("common.withCorrelation", { message: record.message ?? "–", id: record.correlation_id })
                  : (record.message ?? "–")}
              </Table.Cell>
              <Table.Cell>
                {canRetry && (
                  <Button
                    size="small"
                    variant="secondary"
                    isLoading={retry.isPending && retry.variables === record.id}
                    onClick={() => retry.mutate(record.id)}
                  >
                    {t("common.retry")}
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

/** Queries a reconcile pass can change: health, the consignment list, order widgets and the manifest preview. */
const RECONCILED = ["health", "consignments", "order-consignments", "manifest-preview"]

/** The daily manifest as the settings have it (`GET /admin/sorted-pro/settings`): its time and when it last ran. */
const DailyManifest = () => {
  const t = useAdminTranslation()
  const settings = useQuery(settingsQuery)
  if (settings.isLoading) {
    return <Skeleton className="h-4 w-48" />
  }
  if (settings.isError || !settings.data) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        {t("health.unknown", { error: describeError(settings.error) })}
      </Text>
    )
  }
  const { manifest_time, manifest_time_zone, last_manifest_at } = settings.data.settings
  return (
    <span data-testid="health-last-manifest">
      {manifest_time ? t("health.everyDayAt", { time: manifest_time, zone: manifest_time_zone }) : t("common.off")}
      <span className="text-ui-fg-subtle">
        {" · "}
        {last_manifest_at ? t("health.lastRun", { when: localDateTime(last_manifest_at) }) : t("health.neverRun")}
      </span>
    </span>
  )
}

/**
 * Health of the PRO connection (`GET /admin/sorted-pro/health`), refreshed every minute; the key itself never
 * shows. "Reconcile now" runs one reconcile pass (`POST /admin/sorted-pro/reconcile`), reports it in a toast and
 * refreshes the health, the consignment list and the order widgets. The daily manifest row comes from the settings.
 */
export const HealthPanel = () => {
  const t = useAdminTranslation()
  const queryClient = useQueryClient()
  const health = useQuery({
    queryKey: ["sorted-pro", "health"],
    queryFn: () => adminFetch<Health>("/admin/sorted-pro/health"),
    refetchInterval: 60_000,
  })
  const reconcile = useMutation({
    mutationFn: () => adminFetch<{ result: ReconcileResult }>("/admin/sorted-pro/reconcile", { method: "POST", body: {} }),
    onSuccess: ({ result }) => {
      if (result.skipped) {
        toast.error(t("health.reconcile.nothing"), { description: result.skipped })
      } else if (result.still_open) {
        toast.warning(t("health.reconcile.done"), { description: reconcileText(result, t) })
      } else {
        toast.success(t("health.reconcile.done"), { description: reconcileText(result, t) })
      }
    },
    onError: (error) => toast.error(t("health.reconcile.failed"), { description: describeError(error) }),
    onSettled: () => Promise.all(RECONCILED.map((key) => queryClient.invalidateQueries({ queryKey: ["sorted-pro", key] }))),
  })
  const data = health.data
  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-health">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">{t("health.title")}</Heading>
          {data && (
            <Badge size="2xsmall" color={MODES[data.mode]} data-testid="mode-badge">
              {t(`health.mode.${data.mode}`)}
            </Badge>
          )}
        </div>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={() => reconcile.mutate()} isLoading={reconcile.isPending} data-testid="reconcile-now">
            <ArrowPath />
            {t("health.reconcileNow")}
          </Button>
          <Button size="small" variant="secondary" onClick={() => health.refetch()} isLoading={health.isFetching && !reconcile.isPending}>
            {t("health.checkNow")}
          </Button>
        </div>
      </div>
      {health.isLoading && (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/3" />
        </div>
      )}
      {health.isError && (
        <div className="px-6 py-4">
          <Alert variant="error">{t("health.checkFailed", { error: describeError(health.error) })}</Alert>
        </div>
      )}
      {data && (
        <>
          <Row label={t("health.host")}>
            <span className="font-mono">{data.base_url}</span>
          </Row>
          <Row label={t("health.apiKey")}>
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="font-mono whitespace-nowrap" data-testid="api-key-hint">
                {data.api_key_hint}
              </span>
              <StatusBadge className="shrink-0" color={data.api_key.ok ? "green" : "red"} data-testid="api-key-status">
                {data.api_key.ok ? t("health.works") : t("health.failing")}
              </StatusBadge>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {data.api_key.ok
                  ? t("health.keyWorks", { count: data.api_key.shipping_locations ?? 0, ms: data.api_key.latency_ms })
                  : t("common.withCorrelation", {
                      message: `${data.api_key.error?.status} ${data.api_key.error?.code}: ${data.api_key.error?.message}`,
                      id: data.api_key.error?.correlation_id ?? t("common.none"),
                    })}
              </Text>
            </div>
          </Row>
          <Row label={t("health.waiting.label")}>{waiting(data.waiting, t)}</Row>
          <NeedsAttention health={data} />
          <Row label={t("common.dailyManifest")}>
            <DailyManifest />
          </Row>
          <Row label={t("health.lastTrackingSync")}>{data.last_tracking_sync_at ? day(data.last_tracking_sync_at, true) : t("health.never")}</Row>
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">
              {t("health.lastErrors")}
            </Text>
            {data.last_errors.length === 0 ? (
              <Text size="small" className="text-ui-fg-subtle">
                {t("health.noErrors")}
              </Text>
            ) : (
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>{t("common.consignment")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("health.error")}</Table.HeaderCell>
                    <Table.HeaderCell>CorrelationId</Table.HeaderCell>
                    <Table.HeaderCell>{t("health.when")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {data.last_errors.map((error) => (
                    <Table.Row key={error.id}>
                      <Table.Cell>
                        {error.reference ? (
                          <span className="font-mono">{error.reference}</span>
                        ) : (
                          <a className="text-ui-fg-interactive hover:underline" href={`../orders/${error.order_id}`}>
                            {t("health.order", { id: error.order_id.slice(-8) })}
                          </a>
                        )}
                      </Table.Cell>
                      <Table.Cell className="max-w-[320px] truncate" title={error.message ?? ""}>
                        {error.code}: {error.message}
                      </Table.Cell>
                      <Table.Cell className="font-mono">{error.correlation_id ?? "–"}</Table.Cell>
                      <Table.Cell>{day(error.at, true)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )}
          </div>
        </>
      )}
    </Container>
  )
}
