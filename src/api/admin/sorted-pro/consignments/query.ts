import type { RawSql } from "../../../../modules/sorted-pro/lease"
import type { AdminConsignmentListQuery } from "../middlewares"

/** The admin list counts matching records up to this many; past it the count says `count_capped: true`. */
export const LIST_COUNT_CAP = 10_000

/** Filter of the list → column of `sorted_pro_consignment` (each has an index: the model's `indexes`). */
const LIST_COLUMNS = {
  state: "state",
  sync_status: "sync_status",
  carrier: "carrier_reference",
  stock_location_id: "stock_location_id",
  shipping_location: "shipping_location_reference",
} as const

/** A page of the admin list: the rows (columns of `sorted_pro_consignment`), and the count capped at {@link LIST_COUNT_CAP}. */
export interface ConsignmentPage {
  rows: Array<Record<string, unknown> & { reference: string | null; state: string | null; sync_status: string | null }>
  count: number
  count_capped: boolean
}

/** The SQL `where` of the list query (live rows only) and its bindings. */
function whereOf(query: AdminConsignmentListQuery): { sql: string; bindings: unknown[] } {
  const clauses = ["deleted_at is null"]
  const bindings: unknown[] = []
  for (const [key, column] of Object.entries(LIST_COLUMNS)) {
    const values = query[key as keyof typeof LIST_COLUMNS]
    if (values?.length) {
      clauses.push(`"${column}" = any(?)`)
      bindings.push(values)
    }
  }
  if (query.order_id) {
    clauses.push(`order_id = ?`)
    bindings.push(query.order_id)
  }
  if (query.created_from) {
    clauses.push(`created_at >= ?`)
    bindings.push(new Date(`${query.created_from}T00:00:00.000Z`))
  }
  if (query.created_to) {
    clauses.push(`created_at <= ?`)
    bindings.push(new Date(`${query.created_to}T23:59:59.999Z`))
  }
  if (query.q) {
    const q = query.q.trim()
    clauses.push(`(reference = ? or order_id = ? or customer_reference = ? or id = ?)`)
    bindings.push(q.toUpperCase(), q, q, q)
  }
  return { sql: clauses.join(" and "), bindings }
}

/**
 * One page of our consignment records for `GET /admin/sorted-pro/consignments` (filters ANDed, as documented on the
 * route), in two indexed queries: the page, sorted by `query.order` with the id breaking ties in the same direction
 * (so one index on `(column, id)` serves it both ways), `limit`/`offset`; and the count of matching records, read up to
 * {@link LIST_COUNT_CAP} + 1 rows at most so that no page counts the whole table.
 * @throws what the database throws.
 */
export async function listConsignmentPage(db: RawSql, query: AdminConsignmentListQuery): Promise<ConsignmentPage> {
  const where = whereOf(query)
  const column = query.order.replace(/^-/, "")
  const direction = query.order.startsWith("-") ? "desc" : "asc"
  const [page, counted] = await Promise.all([
    db.raw(`select * from sorted_pro_consignment where ${where.sql} order by "${column}" ${direction}, id ${direction} limit ? offset ?`, [
      ...where.bindings,
      query.limit,
      query.offset,
    ]),
    db.raw(`select count(*)::int as count from (select 1 from sorted_pro_consignment where ${where.sql} limit ?) matching`, [
      ...where.bindings,
      LIST_COUNT_CAP + 1,
    ]),
  ])
  const count = Number(counted.rows?.[0]?.count ?? 0)
  return { rows: (page.rows ?? []) as ConsignmentPage["rows"], count: Math.min(count, LIST_COUNT_CAP), count_capped: count > LIST_COUNT_CAP }
}
