import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ensureConsignmentStep, EnsureConsignmentInput } from "./steps/ensure-consignment"

/**
 * Makes one consignment of an order exist in PRO, exactly once, and returns our record of it
 * (see {@link ensureConsignmentStep}). Used by `order.placed` and by the provider's `createFulfillment`,
 * which runs it without a container (its steps need only Medusa modules: ours and Locking).
 */
export const ensureOrderConsignmentWorkflow = createWorkflow(
  "sorted-pro-ensure-order-consignment",
  (input: EnsureConsignmentInput) => new WorkflowResponse(ensureConsignmentStep(input))
)
