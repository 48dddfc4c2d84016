import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sortedProService, withActions } from "../helpers"
import type { AdminConsignmentListQuery } from "../middlewares"

/**
 * `GET /admin/sorted-pro/consignments` — our consignment records (not PRO's search), paginated on the server.
 *
 * Query (all optional, ANDed; list values as `a,b` or repeated): `limit` 1–100 (default 20), `offset` (default 0),
 * `state` (PRO states, e.g. `Allocated,AllocationFailed`), `sync_status` (`pending|synced|failed|replaced`), `carrier` (PRO
 * carrier references), `stock_location_id` (Medusa), `shipping_location` (PRO `SL-…`), `order_id`, `created_from` /
 * `created_to` (`YYYY-MM-DD`, inclusive, UTC days of the record's creation), `q` (an EC- reference, order id or our
 * customer reference, exact, case-insensitive for EC-), `order` (`-created_at` default, `created_at`, `updated_at`,
 * `-updated_at`, `state`, `-state`).
 *
 * 200 `{ consignments: Record[], count, limit, offset }` where Record is the `sorted_pro_consignment` row
 * (see `src/modules/sorted-pro/models/consignment.ts`). 400 names the invalid query field; 401 without admin auth.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminConsignmentListQuery>, res: MedusaResponse) {
  const query = req.validatedQuery as AdminConsignmentListQuery
  const filters: Record<string, unknown> = {}
  if (query.state?.length) {
    filters.state = query.state
  }
  if (query.sync_status?.length) {
    filters.sync_status = query.sync_status
  }
  if (query.carrier?.length) {
    filters.carrier_reference = query.carrier
  }
  if (query.stock_location_id?.length) {
    filters.stock_location_id = query.stock_location_id
  }
  if (query.shipping_location?.length) {
    filters.shipping_location_reference = query.shipping_location
  }
  if (query.order_id) {
    filters.order_id = query.order_id
  }
  if (query.created_from || query.created_to) {
    filters.created_at = {
      ...(query.created_from ? { $gte: new Date(`${query.created_from}T00:00:00.000Z`) } : {}),
      ...(query.created_to ? { $lte: new Date(`${query.created_to}T23:59:59.999Z`) } : {}),
    }
  }
  if (query.q) {
    const q = query.q.trim()
    filters.$or = [{ reference: q.toUpperCase() }, { order_id: q }, { customer_reference: q }, { id: q }]
  }
  const field = query.order.replace(/^-/, "")
  const direction = query.order.startsWith("-") ? "DESC" : "ASC"
  const [consignments, count] = await sortedProService(req).listAndCountSortedProConsignments(filters, {
    take: query.limit,
    skip: query.offset,
    order: { [field]: direction, id: "ASC" },
  })
  res.json({ consignments: consignments.map(withActions), count, limit: query.limit, offset: query.offset })
}
