import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sortedProService, withActions } from "../helpers"
import type { AdminConsignmentListQuery } from "../middlewares"
import { listConsignmentPage } from "./query"

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
 * 200 `{ consignments: Record[], count, count_capped, limit, offset }` where Record is the `sorted_pro_consignment` row
 * (see `src/modules/sorted-pro/models/consignment.ts`) with its `actions`; `count` is exact up to 10,000 matching
 * records, past that it is 10,000 with `count_capped: true` (no page counts the whole table: `listConsignmentPage`).
 * Ties in the order are broken by the record id in the same direction. 400 names the invalid query field; 401 without admin auth.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminConsignmentListQuery>, res: MedusaResponse) {
  const query = req.validatedQuery as AdminConsignmentListQuery
  const page = await listConsignmentPage(sortedProService(req).rawSql(), query)
  res.json({ consignments: page.rows.map(withActions), count: page.count, count_capped: page.count_capped, limit: query.limit, offset: query.offset })
}
