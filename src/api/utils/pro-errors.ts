import type { MedusaResponse } from "@medusajs/framework/http"
import { ProApiError } from "../../lib/pro"

/**
 * Answers a failed PRO call: PRO's 404 → 404, its other 4xx → 409 (PRO refused in this state), its
 * 5xx, timeouts and network failures → 502. The body names PRO's code and `CorrelationId` so staff can
 * quote it to Sorted; it never holds the API key. Other errors are rethrown for Medusa's error handler.
 */
export function sendProError(res: MedusaResponse, error: unknown, what: string): void {
  if (!(error instanceof ProApiError)) {
    throw error
  }
  const status = error.status === 404 ? 404 : error.status >= 400 && error.status < 500 ? 409 : 502
  res.status(status).json({
    type: status === 404 ? "not_found" : status === 409 ? "not_allowed" : "sorted_pro_unavailable",
    message: `${what}: SortedPRO answered ${error.status || "nothing"} ${error.code}: ${error.message}`,
    pro: { status: error.status, code: error.code, correlation_id: error.correlationId },
  })
}
