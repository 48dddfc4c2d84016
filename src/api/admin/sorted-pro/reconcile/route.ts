import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileWorkflow } from "../../../../workflows/reconcile"
import type { AdminReconcileBody } from "../middlewares"

/**
 * `POST /admin/sorted-pro/reconcile` — runs one reconcile pass now, as the `sorted-pro-reconcile` job does every
 * 5 minutes (`reconcileWorkflow`): orders placed in the last `days` (1–30, default 7) whose PRO work is missing,
 * pending or failed are finished, each write exactly once (looked up in PRO by our reference before it is retried).
 * Body: `{ days?: number }`.
 * 200 `{ result: { orders_retried, fulfillments_retried, still_open, skipped? } }`; `skipped` says why nothing was
 * tried (PRO did not answer its health probe, with the error message). 400 names the field of a bad body.
 * Staff use it from the health panel after an outage; benchmarks use it to drain (bench/faults, bench/restart).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminReconcileBody>, res: MedusaResponse) {
  const { result } = await reconcileWorkflow(req.scope).run({ input: { days: req.validatedBody.days } })
  res.json({ result })
}
