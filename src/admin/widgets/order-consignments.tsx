import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

type Consignment = {
  id: string
  reference: string | null
  state: string | null
  flow: string
  sync_status: "pending" | "synced" | "failed"
  carrier_name: string | null
  carrier_service_name: string | null
  tracking_numbers: string[]
  delivery_promise: { date?: string; day_of_week?: string; window?: { start: string; end: string } | null } | null
  last_error: { message: string; code: string; correlation_id: string | null; at: string } | null
}

const STATE_COLOURS: Record<string, "green" | "blue" | "orange" | "red" | "grey" | "purple"> = {
  Allocated: "blue",
  Manifested: "purple",
  Delivered: "green",
  Cancelled: "grey",
  AllocationFailed: "red",
  ManifestFailed: "red",
}

/** Order details widget: the order's PRO consignments, their state, promise, tracking and label. */
const OrderConsignmentsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["sorted-pro", "order-consignments", order.id],
    queryFn: () => sdk.client.fetch<{ consignments: Consignment[] }>(`/admin/sorted-pro/orders/${order.id}/consignments`),
  })
  const consignments = data?.consignments ?? []
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">SortedPRO</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {consignments.length === 1 ? "1 consignment" : `${consignments.length} consignments`}
        </Text>
      </div>
      {isLoading && <Text className="px-6 py-4 text-ui-fg-subtle">Loading consignments…</Text>}
      {isError && <Text className="px-6 py-4 text-ui-fg-error">Could not load consignments: {(error as Error).message}</Text>}
      {!isLoading && !isError && consignments.length === 0 && (
        <Text className="px-6 py-4 text-ui-fg-subtle">No SortedPRO consignment for this order yet.</Text>
      )}
      {consignments.map((consignment) => (
        <div key={consignment.id} className="flex flex-col gap-y-2 px-6 py-4">
          <div className="flex items-center justify-between">
            <Text weight="plus" className="font-mono">{consignment.reference ?? "Not created yet"}</Text>
            <Badge size="2xsmall" color={consignment.sync_status === "failed" ? "red" : STATE_COLOURS[consignment.state ?? ""] ?? "orange"}>
              {consignment.state ?? consignment.sync_status}
            </Badge>
          </div>
          {consignment.carrier_name && (
            <Text size="small">
              {consignment.carrier_name} · {consignment.carrier_service_name}
            </Text>
          )}
          {consignment.delivery_promise?.date && (
            <Text size="small" className="text-ui-fg-subtle">
              Delivery {consignment.delivery_promise.day_of_week} {consignment.delivery_promise.date}
              {consignment.delivery_promise.window ? `, ${consignment.delivery_promise.window.start}–${consignment.delivery_promise.window.end}` : ""}
            </Text>
          )}
          {consignment.tracking_numbers.length > 0 && (
            <Text size="small" className="text-ui-fg-subtle">Tracking: {consignment.tracking_numbers.join(", ")}</Text>
          )}
          {consignment.reference && consignment.state !== "Cancelled" && (
            <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/sorted-pro/consignments/${consignment.reference}/label?format=pdf`} target="_blank" rel="noreferrer">
              Open label (PDF)
            </a>
          )}
          {consignment.last_error && (
            <Text size="small" className="text-ui-fg-error">
              {consignment.last_error.message} (CorrelationId {consignment.last_error.correlation_id ?? "none"})
            </Text>
          )}
        </div>
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side" })

export default OrderConsignmentsWidget
