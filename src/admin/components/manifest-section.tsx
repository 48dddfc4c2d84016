import { Alert, Button, Container, DatePicker, Label, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { adminFetch, describeError, ManifestResult } from "../lib/api"
import { catalogueQuery } from "./strategy-picker"
import { ChoiceSelect, SectionHeader } from "./layout"
import { StateBadge } from "./state-badge"
import { useAdminTranslation } from "../lib/i18n"

type Preview = {
  total: number
  groups: Array<{ carrier_reference: string | null; carrier_name: string | null; shipping_location_reference: string | null; count: number }>
}
const ALL = "__all"

/** The local calendar day of a date picked in the browser, as `YYYY-MM-DD`. */
const calendarDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`

/**
 * End-of-day manifest: filters (shipping location, carrier, shipping day), a preview of what Manifest From Query
 * would include per carrier and location (`GET /admin/sorted-pro/manifests/preview`), the confirmed manifest
 * (`POST /admin/sorted-pro/manifests`) and its result, with PRO's failed consignments and their reasons.
 */
export const ManifestSection = () => {
  const t = useAdminTranslation()
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [location, setLocation] = useState(ALL)
  const [carrier, setCarrier] = useState(ALL)
  const [shippingDate, setShippingDate] = useState("")
  const [result, setResult] = useState<ManifestResult | null>(null)
  const catalogue = useQuery(catalogueQuery)
  const filters = {
    shipping_location_references: location === ALL ? undefined : location,
    carriers: carrier === ALL ? undefined : carrier,
    shipping_date: shippingDate || undefined,
  }
  const preview = useQuery({
    queryKey: ["sorted-pro", "manifest-preview", filters],
    queryFn: () => adminFetch<{ preview: Preview }>("/admin/sorted-pro/manifests/preview", { query: filters }),
  })
  const manifest = useMutation({
    mutationFn: () =>
      adminFetch<{ manifest: ManifestResult }>("/admin/sorted-pro/manifests", {
        method: "POST",
        body: {
          ...(filters.shipping_location_references ? { shipping_location_references: [filters.shipping_location_references] } : {}),
          ...(filters.carriers ? { carriers: [filters.carriers] } : {}),
          ...(filters.shipping_date ? { shipping_date: filters.shipping_date } : {}),
        },
      }),
    onSuccess: ({ manifest }) => {
      setResult(manifest)
      void queryClient.invalidateQueries({ queryKey: ["sorted-pro"] })
      ;(manifest.failed_consignments.length ? toast.warning : toast.success)(t("manifest.sent"), { description: manifest.message })
    },
    onError: (error) => toast.error(t("common.manifestFailed"), { description: describeError(error) }),
  })
  const total = preview.data?.preview.total ?? 0
  const run = async () => {
    const ok = await prompt({
      title: t("manifest.confirm.title", { count: total }),
      description: t("manifest.confirm.description"),
      confirmText: t("common.manifest"),
      cancelText: t("common.notNow"),
      variant: "confirmation",
    })
    if (ok) {
      manifest.mutate()
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-manifest">
      <SectionHeader title={t("manifest.title")} subtitle={t("manifest.subtitle")}>
        <Button size="small" onClick={run} disabled={!total || preview.isFetching} isLoading={manifest.isPending} data-testid="run-manifest">
          {total ? t("manifest.run", { count: total }) : t("common.manifest")}
        </Button>
      </SectionHeader>
      <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-3">
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus">
            {t("common.shipsFrom")}
          </Label>
          <ChoiceSelect
            value={location}
            onValueChange={setLocation}
            first={{ value: ALL, label: t("manifest.allLocations") }}
            choices={(catalogue.data?.shipping_locations ?? []).map((l) => ({
              value: l.reference,
              label: (
                <>
                  {l.name} ({l.reference})
                </>
              ),
            }))}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus">
            {t("common.carrier")}
          </Label>
          <ChoiceSelect
            value={carrier}
            onValueChange={setCarrier}
            first={{ value: ALL, label: t("manifest.allCarriers") }}
            choices={(catalogue.data?.carriers ?? []).map((c) => ({ value: c.reference, label: c.name }))}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus">
            {t("manifest.shippingDay")}
          </Label>
          <DatePicker
            size="small"
            aria-label={t("manifest.shippingDay")}
            value={shippingDate ? new Date(`${shippingDate}T12:00:00`) : null}
            onChange={(date) => setShippingDate(date ? calendarDay(date) : "")}
          />
        </div>
      </div>
      <div className="px-6 py-4" data-testid="manifest-preview">
        {preview.isLoading && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("manifest.asking")}
          </Text>
        )}
        {preview.isError && <Alert variant="error">{t("manifest.previewFailed", { error: describeError(preview.error) })}</Alert>}
        {preview.data && total === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("manifest.nothing")}
          </Text>
        )}
        {preview.data && total > 0 && (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("common.shipsFrom")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.carrier")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("common.consignments")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {preview.data.preview.groups.map((group) => (
                <Table.Row key={`${group.shipping_location_reference}-${group.carrier_reference}`}>
                  <Table.Cell>{group.shipping_location_reference ?? "–"}</Table.Cell>
                  <Table.Cell>{group.carrier_name ?? group.carrier_reference ?? "–"}</Table.Cell>
                  <Table.Cell className="text-right">{group.count}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </div>
      {result && (
        <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="manifest-result">
          <div className="flex items-center gap-x-2">
            <Text size="small" weight="plus">
              {t("manifest.last")}
            </Text>
            <StatusBadge color={result.failed_consignments.length ? "orange" : "green"}>
              {result.failed_consignments.length
                ? t("manifest.notManifested", { count: result.failed_consignments.length })
                : t("manifest.sentToCarriers")}
            </StatusBadge>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {result.message}
          </Text>
          {result.failed_consignments.length > 0 && (
            <Alert variant="warning" data-testid="manifest-failed">
              <Text size="small" weight="plus">
                {t("manifest.didNotManifest", { count: result.failed_consignments.length })}
              </Text>
              {result.failed_consignments.map((f) => (
                <Text key={f.reference} size="small">
                  <span className="font-mono">{f.reference}</span>: {f.reason || t("manifest.noReason")}
                </Text>
              ))}
            </Alert>
          )}
          {result.consignments.length > 0 && (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("common.consignment")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("manifest.stateNow")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {result.consignments.map((c) => (
                  <Table.Row key={c.id} data-reference={c.reference ?? c.id}>
                    <Table.Cell className="font-mono">{c.reference ?? c.id}</Table.Cell>
                    <Table.Cell data-testid="manifest-result-state">
                      <StateBadge consignment={{ state: c.state, sync_status: "synced" }} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </div>
      )}
    </Container>
  )
}
