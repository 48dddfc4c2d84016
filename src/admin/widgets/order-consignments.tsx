import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Alert, Badge, Button, Container, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { adminFetch, Consignment, describeError, ProOrder } from "../lib/api"
import { ConsignmentCard } from "../components/consignment-card"
import { SectionHeader } from "../components/layout"

/**
 * Order details widget (zone `order.details`): every PRO order (EO-) and consignment (EC-) of the order, with state,
 * carrier and service, delivery promise, tracking, packages, last error and retry, and the staff actions.
 * Data: `GET /admin/sorted-pro/orders/:id/consignments`.
 */
const OrderConsignmentsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, isError, error, refetch } = useQuery({
    queryKey: ["sorted-pro", "order-consignments", order.id],
    queryFn: () => adminFetch<{ consignments: Consignment[]; pro_orders: ProOrder[] }>(`/admin/sorted-pro/orders/${order.id}/consignments`),
  })
  const consignments = data?.consignments ?? []
  const proOrders = data?.pro_orders ?? []
  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-widget">
      <SectionHeader title="SortedPRO" subtitle="Consignments, labels and manifests of this order">
        {!isLoading && !isError && (
          <Text size="small" className="text-ui-fg-subtle">
            {consignments.length === 1 ? "1 consignment" : `${consignments.length} consignments`}
          </Text>
        )}
      </SectionHeader>
      {isLoading && (
        <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      )}
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error">
            <div className="flex items-center justify-between gap-x-4">
              <Text size="small">Could not load SortedPRO consignments: {describeError(error)}</Text>
              <Button size="small" variant="secondary" onClick={() => refetch()}>
                Try again
              </Button>
            </div>
          </Alert>
        </div>
      )}
      {!isLoading && !isError && consignments.length === 0 && proOrders.length === 0 && (
        <div className="flex flex-col items-center gap-y-1 px-6 py-8" data-testid="sorted-pro-empty">
          <Text size="small" weight="plus">
            Not shipped with SortedPRO
          </Text>
          <Text size="small" className="text-ui-fg-subtle text-center">
            Orders placed with a SortedPRO shipping option appear here with their consignments.
          </Text>
        </div>
      )}
      {proOrders.map((proOrder) => (
        <div key={proOrder.id} className="flex items-center justify-between px-6 py-3" data-testid="sorted-pro-order">
          <div className="flex items-center gap-x-2">
            <Text size="small" weight="plus">
              PRO order
            </Text>
            <Text size="small" className="font-mono">
              {proOrder.reference ?? "Not in SortedPRO yet"}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <Badge size="2xsmall" color={proOrder.sync_status === "failed" ? "red" : proOrder.sync_status === "pending" ? "orange" : "green"}>
              {proOrder.sync_status}
            </Badge>
            {proOrder.last_error && (
              <Text size="xsmall" className="text-ui-fg-error">
                {proOrder.last_error.message} (CorrelationId {proOrder.last_error.correlation_id ?? "none"})
              </Text>
            )}
          </div>
        </div>
      ))}
      {!isLoading && !isError && consignments.length === 0 && proOrders.length > 0 && (
        <div className="flex flex-col items-center gap-y-1 px-6 py-8" data-testid="sorted-pro-empty">
          <Text size="small" weight="plus">
            No consignment yet
          </Text>
          <Text size="small" className="text-ui-fg-subtle text-center">
            SortedPRO creates one per parcel when you create a fulfillment of this order.
          </Text>
        </div>
      )}
      {consignments.map((consignment) => (
        <ConsignmentCard key={consignment.id} consignment={consignment} />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details" })

export default OrderConsignmentsWidget
