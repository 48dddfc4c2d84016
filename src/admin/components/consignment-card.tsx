import { Alert, Badge, Button, clx, Copy, DropdownMenu, Drawer, Heading, IconButton, Text, toast, usePrompt } from "@medusajs/ui"
import { ArrowPath, DocumentText, EllipsisHorizontal, Receipt } from "@medusajs/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { adminFetch, Consignment, day, describeError, ManifestResult, money, openFile, strategyText } from "../lib/api"
import { StateBadge, stateName } from "./state-badge"
import { AllocateDrawer } from "./allocate-drawer"
import { useAdminTranslation, type Translate } from "../lib/i18n"

/** Which PRO step of a consignment already in PRO did not finish, read from the failed request of its last error. */
function unfinishedStep(request: string | undefined, t: Translate): string {
  if (request && /\/allocation\b/.test(request)) {
    return t("card.unfinished.allocation")
  }
  if (request && /^PUT \/consignments\/(?:[^/]+\/deallocate)?$/.test(request)) {
    return t("card.unfinished.move")
  }
  return t("card.unfinished.last")
}

const Row = ({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) => (
  <div className="grid grid-cols-[140px_1fr] items-start gap-x-4 py-1" data-testid={testId}>
    <Text size="small" weight="plus" className="text-ui-fg-subtle">
      {label}
    </Text>
    <div className="txt-small text-ui-fg-base min-w-0 break-words">{children}</div>
  </div>
)

/** ", 1 High Street, Manchester M1 1AA" from a pickup point's snake_case address (empty without one). */
function pickupAddress(address: Record<string, string> | undefined): string {
  const city = [address?.city, address?.postal_code].filter(Boolean).join(" ")
  const parts = [address?.address_1, city].filter(Boolean)
  return parts.length ? `, ${parts.join(", ")}` : ""
}

/** The promise the shopper was given: day, window, pickup point, price. */
const Promise_ = ({ promise }: { promise: Consignment["delivery_promise"] }) => {
  const t = useAdminTranslation()
  if (!promise?.date) {
    return <>–</>
  }
  return (
    <>
      {day(promise.date)}
      {promise.window ? `, ${promise.window.start}–${promise.window.end}` : `, ${t("card.allDay")}`}
      {promise.guaranteed === false ? ` (${t("card.notGuaranteed")})` : ""}
      {promise.price ? ` · ${money(promise.price.amount, promise.price.currency_code)}` : ""}
      {promise.pickup_location?.name && (
        <div className="text-ui-fg-subtle" data-testid="pickup-point">
          {t("card.pickup", { name: promise.pickup_location.name })}
          {pickupAddress(promise.pickup_location.address)}
        </div>
      )}
    </>
  )
}

/** Customs documents of a consignment, in a drawer (none for domestic consignments). */
const CustomsDrawer = ({ reference, open, onOpenChange }: { reference: string; open: boolean; onOpenChange: (open: boolean) => void }) => {
  const t = useAdminTranslation()
  const docs = useQuery({
    queryKey: ["sorted-pro", "customs", reference],
    queryFn: () =>
      adminFetch<{ required: boolean; message?: string; documents: Array<{ type: string; name: string; bytes: number; url: string }> }>(
        `/admin/sorted-pro/consignments/${reference}/customs-documents`
      ),
    enabled: open,
  })
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>{t("customs.title", { reference })}</Heading>
          </Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-3">
          {docs.isLoading && (
            <Text size="small" className="text-ui-fg-subtle">
              {t("common.loading")}
            </Text>
          )}
          {docs.isError && <Alert variant="error">{describeError(docs.error)}</Alert>}
          {docs.data && !docs.data.required && (
            <Text size="small" className="text-ui-fg-subtle">
              {docs.data.message}
            </Text>
          )}
          {docs.data?.documents.map((doc) => (
            <div key={doc.name} className="flex items-center justify-between rounded-md border px-3 py-2">
              <div>
                <Text size="small" weight="plus">
                  {doc.type === "CommercialInvoice" ? t("customs.commercialInvoice") : doc.type}
                </Text>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {doc.name}
                </Text>
              </div>
              <Button
                size="small"
                variant="secondary"
                onClick={() => openFile(doc.url).catch((error) => toast.error(t("customs.document"), { description: describeError(error) }))}
              >
                {t("common.openPdf")}
              </Button>
            </div>
          ))}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

/** What the consignment action routes answer (cancel, deallocate, manifest, retry): the fields the card reads. */
type ActionResult = { outcome?: string; manifest?: ManifestResult; consignment?: Consignment | null }

/**
 * One PRO consignment of an order: reference, state (and sync status while unfinished), carrier and service,
 * delivery promise, tracking numbers, packages, last error with its CorrelationId, and the actions that
 * the server allows (`consignment.actions`: retry, allocate, labels, customs, manifest, deallocate, cancel), each confirmed
 * where it cannot be undone and followed by an outcome toast.
 */
export const ConsignmentCard = ({ consignment }: { consignment: Consignment }) => {
  const t = useAdminTranslation()
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [allocateOpen, setAllocateOpen] = useState(false)
  const [customsOpen, setCustomsOpen] = useState(false)
  const reference = consignment.reference
  const actions = consignment.actions
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["sorted-pro"] })

  const action = useMutation({
    mutationFn: async (kind: "cancel" | "deallocate" | "manifest" | "retry") => {
      const target = kind === "retry" ? consignment.id : reference
      return adminFetch<ActionResult>(`/admin/sorted-pro/consignments/${target}/${kind}`, { method: "POST", body: {} })
    },
    onSuccess: (result, kind) => {
      void refresh()
      if (kind === "manifest" && result.outcome === "failed") {
        toast.error(t("card.toast.notManifested"), {
          description: (result.manifest?.failed_consignments ?? []).map((f) => `${f.reference}: ${f.reason}`).join("; "),
        })
        return
      }
      const state = result.consignment?.state ? stateName(result.consignment.state, t) : t("sync.synced")
      const text: Record<string, string> = {
        cancel: t("card.toast.cancelledText", { reference }),
        deallocate: t("card.toast.deallocatedText", { reference }),
        manifest: t("card.toast.manifestedText", { reference }),
        retry: reference
          ? t("card.toast.retriedText", { reference, state })
          : t("card.toast.sentText", { reference: result.consignment?.reference ?? t("card.toast.theConsignment"), state }),
      }
      toast.success(
        {
          cancel: t("card.toast.cancelled"),
          deallocate: t("card.toast.deallocated"),
          manifest: t("card.toast.manifested"),
          retry: reference ? t("card.toast.retried") : t("common.sentToSortedPro"),
        }[kind],
        { description: text[kind] }
      )
    },
    onError: (error, kind) => {
      void refresh()
      toast.error(
        {
          cancel: t("card.toast.cancelFailed"),
          deallocate: t("card.toast.deallocateFailed"),
          manifest: t("common.manifestFailed"),
          retry: t("common.retryFailed"),
        }[kind],
        { description: describeError(error) }
      )
    },
  })

  const confirm = async (kind: "cancel" | "deallocate" | "manifest") => {
    const copy = {
      title: t(`card.confirm.${kind}.title`, { reference }),
      description: t(`card.confirm.${kind}.description`),
      confirmText: t(`card.confirm.${kind}.confirm`),
    }
    if (await prompt({ ...copy, cancelText: t("card.confirm.keep"), variant: kind === "manifest" ? "confirmation" : "danger" })) {
      action.mutate(kind)
    }
  }

  const label = (format: "pdf" | "zpl" | "png", print = false) =>
    openFile(
      `/admin/sorted-pro/consignments/${reference}/label?format=${format}`,
      print ? undefined : `${reference}.${format === "png" ? "png" : format === "zpl" ? "zpl" : "pdf"}`,
      "POST"
    )
      .then(() => {
        void refresh()
        toast.success(print ? t("card.toast.labelOpened") : t("card.toast.labelDownloaded"), {
          description: `${reference} (${format.toUpperCase()})`,
        })
      })
      .catch((error) => toast.error(t("card.toast.label"), { description: describeError(error) }))

  const packages = consignment.packages?.items ?? []
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="sorted-pro-consignment" data-reference={reference ?? consignment.id}>
      <div className="flex items-center justify-between gap-x-2">
        <div className="flex items-center gap-x-2 min-w-0">
          <Text weight="plus" className={clx("truncate", reference && "font-mono")} data-testid="consignment-reference">
            {reference ?? t("common.notInSortedProYet")}
          </Text>
          {reference && <Copy content={reference} />}
          <span data-testid="consignment-state">
            <StateBadge consignment={consignment} />
          </span>
          {consignment.direction === "inbound" && (
            <Badge size="2xsmall" data-testid="consignment-return">
              {t("card.return")}
            </Badge>
          )}
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          {actions.retry && (
            <Button
              size="small"
              variant="secondary"
              isLoading={action.isPending && action.variables === "retry"}
              onClick={() => action.mutate("retry")}
              data-testid="retry"
            >
              <ArrowPath />
              {t("common.retry")}
            </Button>
          )}
          {actions.labels && (
            <Button size="small" variant="secondary" onClick={() => label("pdf", true)} data-testid="print-label">
              <Receipt />
              {t("card.printLabel")}
            </Button>
          )}
          {actions.allocate && (
            <Button size="small" variant="secondary" onClick={() => setAllocateOpen(true)} data-testid="allocate">
              {actions.reallocate ? t("card.reallocate") : t("common.allocate")}
            </Button>
          )}
          {(actions.labels || actions.manifest || actions.deallocate || actions.cancel) && (
            <DropdownMenu>
              <DropdownMenu.Trigger asChild>
                <IconButton size="small" variant="transparent" aria-label={t("card.actions")} data-testid="consignment-actions">
                  <EllipsisHorizontal />
                </IconButton>
              </DropdownMenu.Trigger>
              <DropdownMenu.Content align="end">
                {actions.labels && (
                  <DropdownMenu.Group>
                    <DropdownMenu.Item onClick={() => label("pdf")} data-testid="download-pdf">
                      <DocumentText className="mr-2" />
                      {t("card.download", { format: "PDF" })}
                    </DropdownMenu.Item>
                    <DropdownMenu.Item onClick={() => label("zpl")}>
                      <DocumentText className="mr-2" />
                      {t("card.download", { format: "ZPL" })}
                    </DropdownMenu.Item>
                    <DropdownMenu.Item onClick={() => label("png")}>
                      <DocumentText className="mr-2" />
                      {t("card.download", { format: "PNG" })}
                    </DropdownMenu.Item>
                    <DropdownMenu.Item onClick={() => setCustomsOpen(true)}>
                      <DocumentText className="mr-2" />
                      {t("customs.menu")}
                    </DropdownMenu.Item>
                    <DropdownMenu.Separator />
                  </DropdownMenu.Group>
                )}
                <DropdownMenu.Item disabled={!actions.manifest} onClick={() => confirm("manifest")} data-testid="manifest">
                  {t("card.manifestNow")}
                </DropdownMenu.Item>
                <DropdownMenu.Item disabled={!actions.deallocate} onClick={() => confirm("deallocate")}>
                  {t("card.deallocate")}
                </DropdownMenu.Item>
                <DropdownMenu.Item disabled={!actions.cancel} onClick={() => confirm("cancel")} className="text-ui-fg-error">
                  {t("card.confirm.cancel.confirm")}
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu>
          )}
        </div>
      </div>

      <div className="flex flex-col">
        {consignment.pro_order_reference && (
          <Row label={t("common.proOrder")}>
            <span className="font-mono">{consignment.pro_order_reference}</span>
          </Row>
        )}
        <Row label={t("common.carrierService")} testId="consignment-carrier">
          {consignment.carrier_name
            ? `${consignment.carrier_name} · ${consignment.carrier_service_name ?? consignment.carrier_service_reference ?? ""}`
            : t("card.notAllocated")}
        </Row>
        <Row label={t("card.deliveryPromise")}>
          <Promise_ promise={consignment.delivery_promise} />
        </Row>
        <Row label={t("common.tracking")}>
          {consignment.tracking_numbers?.length ? (
            <div className="flex flex-wrap gap-1">
              {consignment.tracking_numbers.map((number) => (
                <Badge key={number} size="2xsmall" className="font-mono">
                  {number}
                </Badge>
              ))}
            </div>
          ) : (
            "–"
          )}
        </Row>
        <Row label={t("card.packages")}>
          {packages.length
            ? packages.map((pkg, index) => (
                <div key={pkg.package_reference ?? index}>
                  {pkg.package_reference ?? t("card.package", { number: index + 1 })}
                  {pkg.weight_kg ? ` · ${pkg.weight_kg} kg` : ""}
                  {pkg.items?.length ? ` · ${pkg.items.map((item) => `${item.quantity}× ${item.sku}`).join(", ")}` : ""}
                </div>
              ))
            : "–"}
        </Row>
        <Row label={t("card.allocation")} testId="consignment-allocation">
          {strategyText(consignment.allocation_strategy)}
        </Row>
        <Row label={t("common.shipsFrom")}>{consignment.shipping_location_reference ?? "–"}</Row>
        <Row label={t("card.labelManifest")} testId="consignment-labels">
          {consignment.labels_printed_at ? t("card.printed", { when: day(consignment.labels_printed_at, true) }) : t("card.notPrinted")}
          {" · "}
          {consignment.manifested_at ? t("card.manifested", { when: day(consignment.manifested_at, true) }) : t("card.notManifested")}
        </Row>
      </div>

      {consignment.last_error && (
        <Alert variant="error" dismissible={false} data-testid="consignment-error">
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">
              {consignment.last_error.status
                ? t("card.error.answered", { status: consignment.last_error.status, code: consignment.last_error.code ?? "" })
                : t("card.error.code", { code: consignment.last_error.code ?? "" })}
            </Text>
            <Text size="small">{consignment.last_error.message}</Text>
            {reference && consignment.sync_status !== "synced" && (
              <Text size="small" data-testid="consignment-unfinished">
                {t(actions.allocate ? "card.error.unfinishedAllocate" : "card.error.unfinished", {
                  reference,
                  step: unfinishedStep(consignment.last_error.request, t),
                })}
              </Text>
            )}
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t("common.correlationId", { id: consignment.last_error.correlation_id ?? t("common.none") })} · {day(consignment.last_error.at, true)}
            </Text>
          </div>
        </Alert>
      )}

      {reference && <AllocateDrawer open={allocateOpen} onOpenChange={setAllocateOpen} references={[reference]} />}
      {reference && <CustomsDrawer reference={reference} open={customsOpen} onOpenChange={setCustomsOpen} />}
    </div>
  )
}
