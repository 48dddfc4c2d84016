import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { IFulfillmentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { fulfillmentResult } from "../lib/mapping/fulfillment"
import { trackingTemplateOf } from "../lib/tracking-links"
import type { ConsignmentRecord } from "../lib/consignments"
import { PROVIDER_ID } from "../lib/fulfillment-options"

/**
 * How far before the watermark each pass looks again: orders whose transaction committed late are not missed. Of the
 * orders in it, only those the last pass did not read (`reconcile_seen`) are read.
 */
export const WATERMARK_GRACE_MS = 10 * 60_000

/** How old a packed consignment or return must be before a missing fulfillment makes it an orphan (longer than the lease). */
export const ORPHAN_AGE_MS = 10 * 60_000

const SETTINGS_ID = "default"
const PAGE = 500

/** A packed consignment or a return: its PRO work belongs to one fulfillment (retried with `retryRecord`), not to the order. */
export const isFulfillmentWork = (record: ConsignmentRecord) =>
  Boolean(record.fulfillment_id && (record.pro_order_reference || record.direction === "inbound"))

/**
 * The reconcile watermark (settings' `reconcile_watermark`): every order created before it was checked; null = never.
 * `seen`: the orders created within the grace before it that passes read (`reconcile_seen`): the next pass reads
 * again only the orders of its grace not seen (committed late).
 */
export async function readWatermark(service: SortedProModuleService): Promise<{ at: Date; seen: ReadOrder[] } | null> {
  const [saved] = await service.listSortedProSettings({ id: SETTINGS_ID })
  if (!saved?.reconcile_watermark) {
    return null
  }
  const seen = Object.entries((saved.reconcile_seen ?? {}) as Record<string, string>).map(([id, at]) => ({ id, created_at: new Date(at) }))
  return { at: new Date(saved.reconcile_watermark), seen }
}

/**
 * Moves the watermark to `at` (the start of a pass that read every order up to then), with the orders read (by this
 * pass or the ones before) created since `seenSince` (the next pass's grace).
 */
export async function writeWatermark(service: SortedProModuleService, at: Date, seen: ReadOrder[], seenSince: Date): Promise<void> {
  const kept = Object.fromEntries(seen.filter((order) => order.created_at >= seenSince).map((order) => [order.id, order.created_at.toISOString()]))
  const fields = { id: SETTINGS_ID, reconcile_watermark: at, reconcile_seen: kept }
  const [saved] = await service.listSortedProSettings({ id: SETTINGS_ID })
  if (saved) {
    await service.updateSortedProSettings(fields)
  } else {
    await service.createSortedProSettings(fields)
  }
}

/** An order a pass read: its id and when Medusa created it. */
export type ReadOrder = { id: string; created_at: Date }

/**
 * Orders created since `since`, except those in `skip` (read by the last pass), with a SortedPRO shipping method
 * (delivery, pickup, flat or fallback), not canceled, and no record of ours, read page by page (oldest first) so that
 * no order of the window is skipped. `read` is every order the query returned (its length is how many were read).
 */
export async function ordersWithoutRecords(
  container: MedusaContainer,
  service: SortedProModuleService,
  since: Date,
  skip: ReadOrder[] = []
): Promise<{ missing: string[]; read: ReadOrder[] }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const missing: string[] = []
  const read: ReadOrder[] = []
  const filters = { created_at: { $gte: since }, ...(skip.length ? { id: { $nin: skip.map((order) => order.id) } } : {}) }
  for (let offset = 0; ; offset += PAGE) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "created_at", "status", "shipping_methods.shipping_option_id", "shipping_methods.data"],
      filters,
      pagination: { skip: offset, take: PAGE, order: { created_at: "ASC" } },
    })
    const orders = data as Array<{
      id: string
      created_at: unknown
      status: string
      shipping_methods?: Array<{ data?: { flow?: unknown } | null } | null>
    }>
    read.push(...orders.map((order) => ({ id: order.id, created_at: new Date(String(order.created_at)) })))
    const ids = orders
      .filter((order) => order.status !== "canceled" && order.shipping_methods?.some((method) => method?.data?.flow))
      .map((order) => order.id)
    if (ids.length) {
      const [withConsignments, withOrders] = await Promise.all([
        service.listSortedProConsignments({ order_id: ids }, { select: ["order_id"], take: 10 * PAGE }),
        service.listSortedProOrders({ order_id: ids }, { select: ["order_id"], take: 10 * PAGE }),
      ])
      const known = new Set([...withConsignments, ...withOrders].map((record) => record.order_id))
      missing.push(...ids.filter((id) => !known.has(id)))
    }
    if (orders.length < PAGE) {
      return { missing, read }
    }
  }
}

/**
 * The ids among `ids` of fulfillments Medusa committed (canceled or not): linked to their order or return, or younger
 * than {@link ORPHAN_AGE_MS}. Medusa's fulfillment workflows commit the row, with the provider's answer, before they
 * link it (Fulfillment module `createFulfillment`, then the link step): a row left unlinked longer than that was left by
 * a process that died in between, is shown nowhere, and its order still waits to be fulfilled — its consignment is an
 * orphan. A younger row's workflow may still be linking it.
 */
export async function existingFulfillments(container: MedusaContainer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) {
    return new Set()
  }
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "fulfillment",
    fields: ["id", "created_at", "order_link.order_id", "return_link.return_id"],
    filters: { id: ids },
  })
  const linked = (link: unknown) => (Array.isArray(link) ? link.length > 0 : Boolean(link))
  const young = (createdAt: unknown) => Date.now() - new Date(String(createdAt)).getTime() < ORPHAN_AGE_MS
  return new Set(
    (data as Array<{ id: string; created_at: unknown; order_link?: unknown; return_link?: unknown }>)
      .filter((fulfillment) => linked(fulfillment.order_link) || linked(fulfillment.return_link) || young(fulfillment.created_at))
      .map((fulfillment) => fulfillment.id)
  )
}

/**
 * SortedPRO fulfillments created since `since`, linked to their order, not canceled, that the provider made `pending`
 * with no consignment record (`data.consignment_id` empty: the PRO order they are packed from did not exist yet, its
 * Create Order or Select as Order unanswered): no record of ours names them, so only this finds them again.
 * @returns their ids with their order ids.
 */
export async function fulfillmentsWithoutRecords(container: MedusaContainer, since: Date): Promise<Array<{ id: string; order_id: string }>> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "fulfillment",
    fields: ["id", "data", "canceled_at", "order_link.order_id"],
    filters: { provider_id: PROVIDER_ID, created_at: { $gte: since } },
  })
  type Row = {
    id: string
    data?: Record<string, unknown> | null
    canceled_at?: unknown
    order_link?: { order_id?: string } | Array<{ order_id?: string }>
  }
  const orderOf = (row: Row) => (Array.isArray(row.order_link) ? row.order_link[0]?.order_id : row.order_link?.order_id)
  return (data as Row[])
    .filter((row) => !row.canceled_at && row.data?.sync_status === "pending" && !row.data?.consignment_id && orderOf(row))
    .map((row) => ({ id: row.id, order_id: orderOf(row)! }))
}

/**
 * Finishes, on Medusa's side, a fulfillment created while PRO's answer was lost (`data.sync_status: "pending"`, no
 * reference, no labels): once our record is synced, the fulfillment's `data` gets the consignment reference, carrier
 * and tracking numbers, and its labels (one per tracking number, `label_url` to the admin label route), as
 * `createFulfillment` would have stored them (Fulfillment module `updateFulfillment`). Cancelling the fulfillment
 * then cancels the consignment. Returns true when the fulfillment was updated; false when it already had the
 * reference, no longer exists, or the record is not synced.
 */
export async function attachToFulfillment(container: MedusaContainer, record: ConsignmentRecord): Promise<boolean> {
  if (record.sync_status !== "synced" || !record.reference || !record.fulfillment_id || record.cancel_status) {
    return false
  }
  const fulfillments = container.resolve<IFulfillmentModuleService>(Modules.FULFILLMENT)
  const [fulfillment] = await fulfillments.listFulfillments({ id: record.fulfillment_id }, { select: ["id", "data", "canceled_at"] })
  const data = (fulfillment?.data ?? {}) as Record<string, unknown>
  if (!fulfillment || fulfillment.canceled_at || data.consignment_reference === record.reference) {
    return false
  }
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const settings = await service.getSettings()
  const backend = service.getOptions().backendUrl
  const { sync_status: _pending, last_error: _error, ...kept } = data
  const result = fulfillmentResult(
    { ...record, id: record.id, reference: record.reference, tracking_numbers: record.tracking_numbers as string[] | undefined },
    `${backend}/admin/sorted-pro/consignments/${record.reference}/label?format=${settings.label_format}`,
    kept,
    await trackingTemplateOf(service.getClient(), record.carrier_reference as string | null | undefined, service.getOptions().trackingUrls)
  )
  await fulfillments.updateFulfillment(fulfillment.id, { data: result.data, labels: result.labels })
  return true
}

/** True for the error `retryRecord` throws when a record's fulfillment no longer exists or was canceled. */
export function fulfillmentGone(error: unknown): boolean {
  return error instanceof MedusaError && error.type === MedusaError.Types.NOT_ALLOWED && /^fulfillment_id:/.test(error.message)
}
