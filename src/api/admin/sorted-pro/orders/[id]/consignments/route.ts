import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SORTED_PRO_MODULE } from "../../../../../../modules/sorted-pro"
import type SortedProModuleService from "../../../../../../modules/sorted-pro/service"
import { withActions } from "../../../helpers"

/**
 * `GET /admin/sorted-pro/orders/:id/consignments` — our records of the order's PRO orders and consignments,
 * newest first: `{ consignments: [{ id, reference (EC-…), pro_order_reference (EO-…), state, flow, sync_status,
 * carrier_reference, carrier_name, carrier_service_reference, carrier_service_name, tracking_numbers, packages,
 * delivery_promise {date, day_of_week, window {start, end}, guaranteed, carrier, carrier_service, price, pickup_point?},
 * shipping_location_reference, allocation_strategy, labels_printed_at, manifested_at,
 * last_error {status, code, message, correlation_id, request, at}, attempts }], pro_orders: [{ id, reference (EO-…),
 * flow, sync_status, last_error, attempts }] }`. Admin only; an order with
 * none gives empty lists.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const sortedPro = req.scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const [consignments, proOrders] = await Promise.all([
    sortedPro.listSortedProConsignments({ order_id: req.params.id }, { order: { created_at: "DESC" } }),
    sortedPro.listSortedProOrders({ order_id: req.params.id }, { order: { created_at: "DESC" } }),
  ])
  res.json({ consignments: consignments.map(withActions), pro_orders: proOrders })
}
