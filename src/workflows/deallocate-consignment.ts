import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { STATE_RULES, stateIs, toErrorRecord } from "../lib/pro"
import { consignmentKey } from "../lib/consignments"
import { engineDeps } from "./steps/engine"
import { recordWriter } from "./steps/record-events"

/** States PRO deallocates from (sandbox/README.md "Decisions", docs/pro-api.md §3.13). */

/**
 * Deallocates a consignment in PRO (`PUT /consignments/{ref}/deallocate`): it goes back to `Unallocated`,
 * losing its carrier, tracking numbers and manifest. Our record is updated from PRO's answer.
 * @throws MedusaError NOT_FOUND when the reference is not one of our records; NOT_ALLOWED when the state does not
 * allow it (no PRO call); ProApiError when PRO refuses (recorded as `last_error`).
 */
export const deallocateConsignmentStep = createStep("sorted-pro-deallocate-consignment", async (input: { reference: string }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const client = service.getClient()
  const writer = recordWriter(container)
  const [record] = await service.listSortedProConsignments({ reference: input.reference })
  if (!record) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `reference: no SortedPRO consignment ${input.reference} in this store`)
  }
  // the claim every PRO write for this consignment takes, across processes (engineDeps)
  return engineDeps(container).claim(consignmentKey(record.customer_reference), async () => {
    try {
      const current = await client.consignments.get(input.reference)
      if (!stateIs(current.ConsignmentState, "deallocatable")) {
        await writer.updateConsignment(record.id, { state: current.ConsignmentState })
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `${input.reference} is ${current.ConsignmentState}: only ${STATE_RULES.deallocatable.join(", ")} consignments can be deallocated`
        )
      }
      await client.consignments.deallocate(input.reference)
      const after = await client.consignments.get(input.reference)
      const updated = await writer.updateConsignment(record.id, {
        state: after.ConsignmentState,
        carrier_reference: null,
        carrier_name: null,
        carrier_service_reference: null,
        carrier_service_name: null,
        tracking_numbers: [],
        allocation_strategy: null,
        manifested_at: null,
        manifest_message: null,
        last_error: null,
      })
      return new StepResponse({ consignment: updated, previous_state: current.ConsignmentState })
    } catch (error) {
      if (!(error instanceof MedusaError)) {
        await writer.updateConsignment(record.id, { last_error: toErrorRecord(error) })
      }
      throw error
    }
  })
})

/** Workflow around {@link deallocateConsignmentStep}. Used by `POST /admin/sorted-pro/consignments/:reference/deallocate`. */
export const deallocateConsignmentWorkflow = createWorkflow(
  "sorted-pro-deallocate-consignment",
  (input: { reference: string }) => new WorkflowResponse(deallocateConsignmentStep(input))
)
