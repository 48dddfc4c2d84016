import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ProErrorRecord } from "../../../../lib/pro"
import { proErrorView, sortedProService } from "../helpers"
import { MAX_ATTEMPTS } from "../../../../workflows/reconcile"

/**
 * `GET /admin/sorted-pro/health` — is the connection to PRO working, and what is waiting.
 *
 * 200 `{ mode: "local_sandbox" | "pro_sandbox" | "live", base_url, api_key_hint (last 4 characters only),
 * api_key: { ok, latency_ms, shipping_locations: number | null, error: {status, code, message, correlation_id} | null },
 * last_errors: [{ id, reference, order_id, sync_status, state, code, status, message, correlation_id, at }] (10 newest),
 * waiting: { consignments_pending, consignments_failed, orders_pending, orders_failed },
 * parked: records PRO refused `MAX_ATTEMPTS` times, which reconcile no longer retries (staff retry them:
 * `POST /admin/sorted-pro/consignments/:id/retry`), orphans: consignments whose fulfillment never committed
 * (cancelled in PRO by reconcile), pending_cancels: cancels PRO has not answered yet (finished by reconcile) — each
 * up to 50, newest first, as `[{ id, reference, customer_reference, order_id, fulfillment_id, sync_status, state,
 * attempts, cancel_status, message, correlation_id }]`,
 * last_tracking_sync_at: ISO string | null, checked_at }`.
 * The key check is `GET /shippinglocations`, a cheap authenticated call; it never fails the route.
 * `last_tracking_sync_at` is the settings' `last_tracking_sync_at` (written by the tracking sync job), null = never.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  const client = service.getClient()
  const options = service.getOptions()
  const started = Date.now()
  let apiKey: { ok: boolean; latency_ms: number; shipping_locations: number | null; error: ReturnType<typeof proErrorView> | null }
  try {
    const locations = await client.catalogue.shippingLocations({ timeoutMs: 5_000 })
    apiKey = { ok: true, latency_ms: Date.now() - started, shipping_locations: Array.isArray(locations) ? locations.length : null, error: null }
  } catch (error) {
    apiKey = { ok: false, latency_ms: Date.now() - started, shipping_locations: null, error: proErrorView(error) }
  }
  const parkedFilter = { sync_status: ["pending", "failed"], cancel_status: null, attempts: { $gte: MAX_ATTEMPTS } }
  const [withErrors, [, consignmentsPending], [, consignmentsFailed], [, ordersPending], [, ordersFailed], settings, parked, orphans, cancels] =
    await Promise.all([
      service.listSortedProConsignments({ last_error: { $ne: null } }, { take: 10, order: { updated_at: "DESC" } }),
      service.listAndCountSortedProConsignments({ sync_status: "pending" }, { take: 1 }),
      service.listAndCountSortedProConsignments({ sync_status: "failed" }, { take: 1 }),
      service.listAndCountSortedProOrders({ sync_status: "pending" }, { take: 1 }),
      service.listAndCountSortedProOrders({ sync_status: "failed" }, { take: 1 }),
      service.getSettings(),
      service.listSortedProConsignments(parkedFilter, { take: 50, order: { updated_at: "DESC" } }),
      service.listSortedProConsignments({ orphan: true }, { take: 50, order: { updated_at: "DESC" } }),
      service.listSortedProConsignments({ cancel_status: "requested" }, { take: 50, order: { updated_at: "DESC" } }),
    ])
  /** A record as the health panel lists it: its identity and state, and its last PRO error's fields. */
  const view = (record: (typeof parked)[number]) => {
    const error = (record.last_error ?? {}) as Partial<ProErrorRecord>
    const { id, reference, customer_reference, order_id, fulfillment_id, sync_status, state, attempts, cancel_status } = record
    const { status = null, code = null, message = null, correlation_id = null, at = null } = error
    return {
      id,
      reference,
      customer_reference,
      order_id,
      fulfillment_id,
      sync_status,
      state,
      attempts,
      cancel_status,
      status,
      code,
      message,
      correlation_id,
      at,
    }
  }
  const lastSync = settings.last_tracking_sync_at ?? null
  res.json({
    mode: options.mode === "sandbox" ? "local_sandbox" : /apisandbox/i.test(options.baseUrl) ? "pro_sandbox" : "live",
    base_url: client.baseUrl,
    api_key_hint: client.apiKeyHint,
    api_key: apiKey,
    last_errors: withErrors.map(view),
    waiting: {
      consignments_pending: consignmentsPending,
      consignments_failed: consignmentsFailed,
      orders_pending: ordersPending,
      orders_failed: ordersFailed,
    },
    parked: parked.map(view),
    orphans: orphans.map(view),
    pending_cancels: cancels.map(view),
    last_tracking_sync_at: lastSync ? new Date(lastSync).toISOString() : null,
    checked_at: new Date().toISOString(),
  })
}
