import {
  Container,
  createDataTableColumnHelper,
  createDataTableCommandHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableRowSelectionState,
  Heading,
  Text,
  toast,
  usePrompt,
  useDataTable,
} from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { adminFetch, Consignment, describeError, ManifestResult, shortDay } from "../lib/api"
import { catalogueQuery } from "./strategy-picker"
import { LISTED_STATES } from "../../lib/pro/states"
import { StateBadge, stateName } from "./state-badge"
import { useAdminTranslation, type Translate } from "../lib/i18n"
import { AllocateDrawer } from "./allocate-drawer"
import { BulkLabelsPanel } from "./bulk-labels"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<Consignment>()
const filterHelper = createDataTableFilterHelper<Consignment>()
const commandHelper = createDataTableCommandHelper()

/** The table's columns, headed in the admin's language. */
const columnsIn = (t: Translate) => [
  columnHelper.select(),
  columnHelper.accessor("reference", {
    header: t("common.consignment"),
    cell: ({ row }) =>
      row.original.reference ? (
        <span className="font-mono">{row.original.reference}</span>
      ) : (
        <span className="text-ui-fg-subtle">{t("table.notInPro")}</span>
      ),
  }),
  columnHelper.accessor("order_id", {
    header: t("table.order"),
    cell: ({ getValue }) => (
      <a className="text-ui-fg-interactive hover:underline" href={`../orders/${getValue()}`} onClick={(event) => event.stopPropagation()}>
        …{String(getValue()).slice(-8)}
      </a>
    ),
  }),
  columnHelper.accessor("state", { header: t("table.state"), cell: ({ row }) => <StateBadge consignment={row.original} /> }),
  columnHelper.accessor("carrier_name", {
    header: t("common.carrierService"),
    cell: ({ row }) => (row.original.carrier_name ? `${row.original.carrier_name} · ${row.original.carrier_service_name ?? ""}` : "–"),
  }),
  columnHelper.accessor("shipping_location_reference", { header: t("common.shipsFrom"), cell: ({ getValue }) => getValue() ?? "–" }),
  columnHelper.accessor("delivery_promise", {
    header: t("common.delivery"),
    cell: ({ getValue }) => {
      const promise = getValue()
      return promise?.date ? `${shortDay(promise.date)}${promise.window ? `, ${promise.window.start}–${promise.window.end}` : ""}` : "–"
    },
  }),
  columnHelper.accessor("tracking_numbers", {
    header: t("common.tracking"),
    cell: ({ getValue }) => <span className="font-mono">{getValue()?.[0] ?? "–"}</span>,
  }),
]

/**
 * The consignment list of the SortedPRO page: Medusa's DataTable over `GET /admin/sorted-pro/consignments`
 * (filters and pagination on the server), with bulk actions on selected rows: print labels as one PDF, allocate,
 * manifest.
 */
export const ConsignmentTable = () => {
  const t = useAdminTranslation()
  const columns = useMemo(() => columnsIn(t), [t])
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [search, setSearch] = useState("")
  const [rowSelection, setRowSelection] = useState<DataTableRowSelectionState>({})
  const [allocateRefs, setAllocateRefs] = useState<string[] | null>(null)
  const [printRefs, setPrintRefs] = useState<string[] | null>(null)

  const catalogue = useQuery(catalogueQuery)
  const created = filtering.created_at as { $gte?: string; $lte?: string; $gt?: string; $lt?: string } | undefined
  const query = {
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    state: filtering.state as string | undefined,
    carrier: filtering.carrier_reference as string | undefined,
    shipping_location: filtering.shipping_location_reference as string | undefined,
    sync_status: filtering.sync_status as string | undefined,
    created_from: (created?.$gte ?? created?.$gt)?.slice(0, 10),
    created_to: (created?.$lte ?? created?.$lt)?.slice(0, 10),
    q: search || undefined,
  }
  const list = useQuery({
    queryKey: ["sorted-pro", "consignments", query],
    queryFn: () => adminFetch<{ consignments: Consignment[]; count: number; count_capped?: boolean }>("/admin/sorted-pro/consignments", { query }),
    placeholderData: (previous) => previous,
  })

  const filters = useMemo(
    () => [
      filterHelper.accessor("state", {
        type: "radio",
        label: t("table.state"),
        options: LISTED_STATES.map((state) => ({ label: stateName(state, t), value: state })),
      }),
      filterHelper.accessor("carrier_reference", {
        type: "radio",
        label: t("common.carrier"),
        options: (catalogue.data?.carriers ?? []).map((carrier) => ({ label: carrier.name, value: carrier.reference })),
      }),
      filterHelper.accessor("shipping_location_reference", {
        type: "radio",
        label: t("common.shipsFrom"),
        options: (catalogue.data?.shipping_locations ?? []).map((location) => ({
          label: `${location.name} (${location.reference})`,
          value: location.reference,
        })),
      }),
      filterHelper.accessor("sync_status", {
        type: "radio",
        label: t("table.sync"),
        options: [
          { label: t("table.inPro"), value: "synced" },
          { label: t("sync.pending"), value: "pending" },
          { label: t("sync.failed"), value: "failed" },
        ],
      }),
      filterHelper.accessor("created_at", {
        type: "date",
        label: t("table.created"),
        format: "date",
        rangeOptionLabel: t("table.between"),
        options: [],
      }),
    ],
    [catalogue.data, t]
  )

  const selectedReferences = (selection: DataTableRowSelectionState) =>
    (list.data?.consignments ?? []).filter((row) => selection[row.id] && row.reference).map((row) => row.reference!)

  const manifest = useMutation({
    mutationFn: (references: string[]) =>
      adminFetch<{ manifest: ManifestResult }>("/admin/sorted-pro/manifests", { method: "POST", body: { references } }),
    onSuccess: ({ manifest }) => {
      void queryClient.invalidateQueries({ queryKey: ["sorted-pro"] })
      setRowSelection({})
      const failed = manifest.failed_consignments
      ;(failed.length ? toast.warning : toast.success)(t("common.manifest"), {
        description: `${manifest.message}${failed.length ? ` — ${failed.map((f) => `${f.reference}: ${f.reason}`).join("; ")}` : ""}`,
      })
    },
    onError: (error) => toast.error(t("common.manifestFailed"), { description: describeError(error) }),
  })

  /** A bulk command on the selected rows that are in SortedPRO; a toast named `label` when none of them is. */
  const selectionCommand = (label: string, shortcut: string, run: (references: string[]) => void | Promise<void>) =>
    commandHelper.command({
      label,
      shortcut,
      action: async (selection) => {
        const references = selectedReferences(selection)
        if (!references.length) {
          toast.error(label, { description: t("table.noneInPro") })
          return
        }
        await run(references)
      },
    })

  const commands = [
    selectionCommand(t("table.printLabels"), "p", (references) => setPrintRefs(references)),
    selectionCommand(t("common.allocate"), "a", (references) => setAllocateRefs(references)),
    selectionCommand(t("common.manifest"), "m", async (references) => {
      const ok = await prompt({
        title: t("manifest.confirm.title", { count: references.length }),
        description: t("table.manifestDescription"),
        confirmText: t("common.manifest"),
        cancelText: t("common.notNow"),
      })
      if (ok) {
        manifest.mutate(references)
      }
    }),
  ]

  const table = useDataTable({
    data: list.data?.consignments ?? [],
    columns,
    getRowId: (row) => row.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isLoading,
    filters,
    commands,
    pagination: { state: pagination, onPaginationChange: setPagination },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    search: { state: search, onSearchChange: setSearch },
    rowSelection: { state: rowSelection, onRowSelectionChange: setRowSelection },
  })

  return (
    <>
      {printRefs && <BulkLabelsPanel references={printRefs} onClose={() => setPrintRefs(null)} />}
      <Container className="divide-y p-0" data-testid="sorted-pro-consignments">
        <DataTable instance={table}>
          <DataTable.Toolbar
            className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center"
            translations={{ clearAll: t("table.clearAll") }}
          >
            <div>
              <Heading>{t("common.consignments")}</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                {t("table.subtitle")}
              </Text>
            </div>
            <div className="flex gap-2">
              <DataTable.FilterMenu tooltip={t("table.filter")} />
              <DataTable.Search placeholder={t("table.search")} />
            </div>
          </DataTable.Toolbar>
          {list.isError ? (
            <div className="px-6 py-8">
              <Text size="small" className="text-ui-fg-error">
                {t("table.loadFailed", { error: describeError(list.error) })}
              </Text>
            </div>
          ) : (
            <DataTable.Table
              emptyState={{
                empty: { heading: t("table.empty.heading"), description: t("table.empty.description") },
                filtered: { heading: t("table.filtered.heading"), description: t("table.filtered.description") },
              }}
            />
          )}
          <DataTable.Pagination
            translations={{
              of: t("table.pagination.of"),
              // past the route's count cap (10,000) the count is a floor, not the total
              results: t(list.data?.count_capped ? "table.pagination.resultsCapped" : "table.pagination.results"),
              pages: t("table.pagination.pages"),
              prev: t("table.pagination.prev"),
              next: t("table.pagination.next"),
            }}
          />
          <DataTable.CommandBar selectedLabel={(count) => t("table.selected", { count })} />
        </DataTable>
      </Container>
      {allocateRefs && (
        <AllocateDrawer open onOpenChange={(open) => !open && setAllocateRefs(null)} references={allocateRefs} onDone={() => setRowSelection({})} />
      )}
    </>
  )
}
