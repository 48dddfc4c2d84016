import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ConsignmentRecord, ensureConsignment, EnsureConsignmentInput } from "../../lib/consignments"
import { engineDeps } from "./engine"

/**
 * Makes a consignment exist in PRO exactly once (`ensureConsignment`, src/lib/consignments) and returns our record
 * of it; a null input (nothing to create, e.g. the PRO order is still missing) gives a null record. PRO failures are
 * recorded on the record, not thrown.
 */
export const ensureConsignmentStep = createStep("sorted-pro-ensure-consignment", async (input: EnsureConsignmentInput | null, { container }) => {
  if (!input) {
    return new StepResponse(null as unknown as ConsignmentRecord)
  }
  return new StepResponse(await ensureConsignment(engineDeps(container), input))
})
