import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { ProApiError, stateIs, toErrorRecord } from "../lib/pro"
import type { ConsignmentState } from "../lib/pro"

/** What happened to one consignment: cancelled, already cancelled, deallocated instead, or refused (with why). */
export interface CancelOutcome {
  reference: string
  outcome: "cancelled" | "already_cancelled" | "deallocated" | "refused"
  state: ConsignmentState | string
  message: string
  correlation_id: string | null
}

/** States PRO allows cancelling from (docs/pro-api.md §3.13: "only … prior to it being manifested"). */

/**
 * Cancels one consignment in PRO (`PUT /consignments/{ref}/cancel`, docs/pro-api.md §3.13) and records the state.
 * Idempotent: an already `Cancelled` consignment is a success. When PRO refuses to cancel in an allocated state,
 * it is deallocated instead (`PUT …/deallocate`). A manifested consignment cannot be cancelled: the outcome is
 * `refused` and recorded as `last_error`, so staff see it. Never throws for PRO refusals; throws PRO outages.
 */
export async function cancelOne(service: SortedProModuleService, reference: string): Promise<CancelOutcome> {
  const client = service.getClient()
  const [record] = await service.listSortedProConsignments({ reference })
  const current = await client.consignments.get(reference)
  const save = (fields: Record<string, unknown>) => (record ? service.updateSortedProConsignments({ id: record.id, ...fields }) : undefined)
  if (current.ConsignmentState === "Cancelled") {
    await save({ state: "Cancelled", last_error: null })
    return { reference, outcome: "already_cancelled", state: "Cancelled", message: `${reference} was already cancelled`, correlation_id: null }
  }
  try {
    await client.consignments.cancel(reference)
    await save({ state: "Cancelled", last_error: null })
    return { reference, outcome: "cancelled", state: "Cancelled", message: `${reference} cancelled`, correlation_id: null }
  } catch (error) {
    if (!(error instanceof ProApiError) || error.ambiguous || error.status === 429) {
      throw error
    }
    if (stateIs(current.ConsignmentState, "allocated")) {
      await client.consignments.deallocate(reference)
      await save({ state: "Unallocated", last_error: null })
      return {
        reference,
        outcome: "deallocated",
        state: "Unallocated",
        message: `${reference} could not be cancelled, so it was deallocated`,
        correlation_id: error.correlationId,
      }
    }
    const lastError = { ...toErrorRecord(error), message: `Cannot cancel ${reference} in state ${current.ConsignmentState}: ${error.message}` }
    await save({ state: current.ConsignmentState, last_error: lastError })
    return { reference, outcome: "refused", state: current.ConsignmentState, message: lastError.message, correlation_id: error.correlationId }
  }
}

/**
 * Cancels a consignment for staff or for Medusa's `cancelFulfillment`.
 * @throws MedusaError NOT_ALLOWED naming the state when PRO refuses (e.g. `Manifested`); the refusal is recorded too.
 */
export const cancelConsignmentStep = createStep("sorted-pro-cancel-consignment", async (input: { reference: string }, { container }) => {
  const outcome = await cancelOne(container.resolve<SortedProModuleService>(SORTED_PRO_MODULE), input.reference)
  if (outcome.outcome === "refused") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `SortedPRO refused: ${outcome.message} (CorrelationId ${outcome.correlation_id ?? "none"})`)
  }
  return new StepResponse(outcome)
})

/** Workflow around {@link cancelConsignmentStep}; runs with or without a container. */
export const cancelConsignmentWorkflow = createWorkflow(
  "sorted-pro-cancel-consignment",
  (input: { reference: string }) => new WorkflowResponse(cancelConsignmentStep(input))
)

/**
 * Every consignment of a cancelled order: cancelled, or deallocated where PRO forbids cancelling, or reported
 * (`last_error`) when manifested. Safe to run twice. Used by the `order.canceled` subscriber.
 */
export const cancelOrderConsignmentsStep = createStep("sorted-pro-cancel-order-consignments", async (input: { order_id: string }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const records = await service.listSortedProConsignments({ order_id: input.order_id })
  const outcomes: CancelOutcome[] = []
  for (const record of records) {
    if (record.reference) {
      outcomes.push(await cancelOne(service, record.reference))
    }
  }
  return new StepResponse(outcomes)
})

/** `order.canceled` → {@link cancelOrderConsignmentsStep}. */
export const cancelOrderConsignmentsWorkflow = createWorkflow(
  "sorted-pro-cancel-order-consignments",
  (input: { order_id: string }) => new WorkflowResponse(cancelOrderConsignmentsStep(input))
)
