import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ensureProOrder, EnsureProOrderInput } from "../../lib/consignments"
import { engineDeps } from "./engine"

/**
 * Makes the PRO order of a Medusa order exist once (`ensureProOrder`, src/lib/consignments) and returns our record of
 * it. PRO failures are recorded on the record, not thrown.
 */
export const ensureProOrderStep = createStep("sorted-pro-ensure-pro-order", async (input: EnsureProOrderInput, { container }) => {
  return new StepResponse(await ensureProOrder(engineDeps(container), input))
})
