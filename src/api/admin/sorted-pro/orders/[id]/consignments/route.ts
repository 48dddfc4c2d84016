import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SORTED_PRO_MODULE } from "../../../../../../modules/sorted-pro"
import type SortedProModuleService from "../../../../../../modules/sorted-pro/service"

/**
 * `GET /admin/sorted-pro/orders/:id/consignments` — our records of the order's PRO consignments, newest
 * first: `{ consignments: [{ id, reference (EC-…), state, flow, sync_status, carrier_name,
 * carrier_service_name, tracking_numbers, delivery_promise, shipping_location_reference, labels_printed_at,
 * manifested_at, last_error {status, code, message, correlation_id, at}, attempts }] }`. Admin only; an
 * order without consignments gives `[]`.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const sortedPro = req.scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const consignments = await sortedPro.listSortedProConsignments({ order_id: req.params.id }, { order: { created_at: "DESC" } })
  res.json({ consignments })
}
