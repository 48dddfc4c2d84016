/**
 * Our records of PRO work as the admin routes answer them, and the settings' allocation strategy. Type-only, shared
 * by the module, the workflows, the routes and the admin UI.
 */

/** How a consignment is allocated (docs/pro-api.md §3.7); `reference` is the service group, carrier service or quote. */
export type AllocationStrategy = {
  type: "default_rules" | "service_group" | "carrier_service" | "cheapest_quote" | "quote"
  reference?: string
}

/**
 * Whether our work in PRO is done: `synced`; `pending` (PRO's answer was lost, or PRO was unavailable: retried);
 * `failed` (PRO refused: retried by staff or reconcile); `replaced` (a delivery choice PRO refused for good; the order
 * shipped as Order Flex instead).
 */
export type SyncStatus = "pending" | "synced" | "failed" | "replaced"

/** The last PRO failure of a record: HTTP status, PRO's `Code`, message and `CorrelationId`, the request, when (ISO). */
export interface ErrorRecordView {
  status: number
  code: string
  message: string
  correlation_id: string | null
  request?: string
  at: string
}
