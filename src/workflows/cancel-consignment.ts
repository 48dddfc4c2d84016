import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { ProApiError, toErrorRecord } from "../lib/pro-client"

/**
 * Cancels a consignment in PRO (`PUT /consignments/{ref}/cancel`, CONTRACT.md §3.13) and records the state.
 * Idempotent: an already `Cancelled` consignment is a success. PRO forbids cancelling once manifested.
 * @throws MedusaError NOT_ALLOWED naming the state when PRO refuses (recorded as `last_error` too).
 */
export const cancelConsignmentStep = createStep(
  "sorted-pro-cancel-consignment",
  async (input: { reference: string }, { container }) => {
    const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const client = service.getClient()
    const [record] = await service.listSortedProConsignments({ reference: input.reference })
    const current = await client.consignments.get(input.reference)
    if (current.ConsignmentState !== "Cancelled") {
      try {
        await client.consignments.cancel(input.reference)
      } catch (error) {
        if (record) {
          await service.updateSortedProConsignments({ id: record.id, last_error: toErrorRecord(error) as any, state: current.ConsignmentState })
        }
        if (error instanceof ProApiError && error.status >= 400 && error.status < 500) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `SortedPRO refused to cancel ${input.reference} in state ${current.ConsignmentState}: ${error.message} (CorrelationId ${error.correlationId ?? "none"})`
          )
        }
        throw error
      }
    }
    if (record) {
      await service.updateSortedProConsignments({ id: record.id, state: "Cancelled", last_error: null })
    }
    return new StepResponse({ reference: input.reference, state: "Cancelled" as const })
  }
)

/** Workflow around {@link cancelConsignmentStep}; runs with or without a container. */
export const cancelConsignmentWorkflow = createWorkflow(
  "sorted-pro-cancel-consignment",
  (input: { reference: string }) => new WorkflowResponse(cancelConsignmentStep(input))
)
