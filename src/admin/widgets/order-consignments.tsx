import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Alert, Badge, Button, Container, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { adminFetch, Consignment, describeError, ProOrder } from "../lib/api"
import { ConsignmentCard } from "../components/consignment-card"
import { SectionHeader } from "../components/layout"
import { useAdminTranslation } from "../lib/i18n"

/**
 * Order details widget (zone `order.details`): every PRO order (EO-) and consignment (EC-) of the order, with state,
 * carrier and service, delivery promise, tracking, packages, last error and retry, and the staff actions.
 * Data: `GET /admin/sorted-pro/orders/:id/consignments`.
 */
const OrderConsignmentsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const t = useAdminTranslation()
  const { data, isLoading, isError, error, refetch } = useQuery({
    queryKey: ["sorted-pro", "order-consignments", order.id],
    queryFn: () => adminFetch<{ consignments: Consignment[]; pro_orders: ProOrder[] }>(`/admin/sorted-pro/orders/${order.id}/consignments`),
  })
  const consignments = data?.consignments ?? []
  const proOrders = data?.pro_orders ?? []
  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-widget">
      <SectionHeader title="SortedPRO" subtitle={t("widget.subtitle")}>
        {!isLoading && !isError && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("common.consignmentCount", { count: consignments.length })}
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
              <Text size="small">{t("widget.loadFailed", { error: describeError(error) })}</Text>
              <Button size="small" variant="secondary" onClick={() => refetch()}>
                {t("common.tryAgain")}
              </Button>
            </div>
          </Alert>
        </div>
      )}
      {!isLoading && !isError && consignments.length === 0 && proOrders.length === 0 && (
        <div className="flex flex-col items-center gap-y-1 px-6 py-8" data-testid="sorted-pro-empty">
          <Text size="small" weight="plus">
            {t("widget.notShipped")}
          </Text>
          <Text size="small" className="text-ui-fg-subtle text-center">
            {t("widget.notShippedHint")}
          </Text>
        </div>
      )}
      {proOrders.map((proOrder) => (
        <div key={proOrder.id} className="flex items-center justify-between px-6 py-3" data-testid="sorted-pro-order">
          <div className="flex items-center gap-x-2">
            <Text size="small" weight="plus">
              {t("common.proOrder")}
            </Text>
            <Text size="small" className="font-mono">
              {proOrder.reference ?? t("common.notInSortedProYet")}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <Badge size="2xsmall" color={proOrder.sync_status === "failed" ? "red" : proOrder.sync_status === "pending" ? "orange" : "green"}>
              {t(`sync.${proOrder.sync_status}`)}
            </Badge>
            {proOrder.last_error && (
              <Text size="xsmall" className="text-ui-fg-error">
                {t("common.withCorrelation", { message: proOrder.last_error.message, id: proOrder.last_error.correlation_id ?? t("common.none") })}
              </Text>
            )}
          </div>
        </div>
      ))}
      {!isLoading && !isError && consignments.length === 0 && proOrders.length > 0 && (
        <div className="flex flex-col items-center gap-y-1 px-6 py-8" data-testid="sorted-pro-empty">
          <Text size="small" weight="plus">
            {t("widget.noConsignment")}
          </Text>
          <Text size="small" className="text-ui-fg-subtle text-center">
            {t("widget.noConsignmentHint")}
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
