import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import type { AllocationStrategy } from "../modules/sorted-pro/service"
import { ALLOCATION_STRATEGY_TYPES, ProApiError, STATE_RULES, stateIs, toErrorRecord } from "../lib/pro"
import type { AllocationSummary, ProClient, ProConsignment } from "../lib/pro"
import { recordFieldsFromPro } from "../lib/mapping/records"
import { allocateWithStrategy, strategyLabel, waitForAllocation } from "../lib/pro/allocation"
import type { MedusaContainer } from "@medusajs/framework/types"
import { consignmentKey } from "../lib/consignments"
import { engineDeps } from "./steps/engine"
import { recordWriter } from "./steps/record-events"

/**
 * Input of {@link allocateConsignmentWorkflow}: the PRO consignment reference (`EC-…`) of one of our records
 * and how to allocate it (docs/pro-api.md §3.7): `default_rules`, `service_group` (reference `SG_…`),
 * `carrier_service` (reference e.g. `CX_NDS`), `quote` (reference = a `QuoteReference` from Get Quotes) or
 * `cheapest_quote`. `settle_timeout_ms` bounds the wait for an allocation PRO answered with 202 (default 30 000).
 */
export interface AllocateConsignmentInput {
  reference: string
  strategy: AllocationStrategy
  settle_timeout_ms?: number
}

/** What staff see after an allocation: our updated record and whether PRO is still allocating. */
export interface AllocateConsignmentResult {
  consignment: Record<string, unknown>
  settled: boolean
}

export { strategyLabel, waitForAllocation }

function resolveService(container: { resolve<T>(key: string): T }) {
  return container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
}

async function recordOf(service: SortedProModuleService, reference: string) {
  const [record] = await service.listSortedProConsignments({ reference })
  if (!record) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `reference: no SortedPRO consignment ${reference} in this store`)
  }
  if (record.cancel_status) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${reference} belongs to a cancelled order or fulfillment (cancel ${record.cancel_status})`)
  }
  return record
}

/**
 * Runs `work` under the claim every PRO write for this consignment takes (`engineDeps`: a lease that holds across
 * processes), so staff's allocate cannot interleave with a retry, reconcile or cancel of the same consignment.
 * @throws MedusaError NOT_FOUND / NOT_ALLOWED as {@link recordOf}; ClaimHeldError when another write holds it too long.
 */
async function underClaim<T>(container: MedusaContainer, reference: string, work: () => Promise<T>): Promise<T> {
  const record = await recordOf(resolveService(container), reference)
  return engineDeps(container).claim(consignmentKey(record.customer_reference), work)
}

/**
 * Reads the consignment in PRO and, when it is already allocated, deallocates it so it can be allocated again.
 * Compensation: if the new allocation fails, the consignment is allocated back the way it was (its recorded
 * strategy, e.g. the same quote while it is valid), else to its previous carrier service, else by default rules.
 * @throws MedusaError NOT_ALLOWED when the state allows no (re-)allocation (e.g. `Manifested`, `Cancelled`).
 */
export const prepareAllocationStep = createStep(
  "sorted-pro-prepare-allocation",
  async (input: { reference: string }, { container }) =>
    underClaim(container, input.reference, async () => {
      const service = resolveService(container)
      const client = service.getClient()
      const record = await recordOf(service, input.reference)
      let current: ProConsignment
      try {
        current = await client.consignments.get(input.reference)
      } catch (error) {
        await service.updateSortedProConsignments({ id: record.id, last_error: toErrorRecord(error) })
        throw error
      }
      const state = current.ConsignmentState
      if (stateIs(state, "unallocated")) {
        return new StepResponse({ deallocated: false, previous_state: state }, null)
      }
      if (!stateIs(state, "allocated")) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `${input.reference} is ${state}: only ${[...STATE_RULES.unallocated, ...STATE_RULES.allocated].join(", ")} consignments can be allocated`
        )
      }
      const previousService = current.Allocation?.MpdCarrierServiceReference ?? record.carrier_service_reference ?? null
      try {
        await client.consignments.deallocate(input.reference)
      } catch (error) {
        await service.updateSortedProConsignments({ id: record.id, last_error: toErrorRecord(error) })
        throw error
      }
      return new StepResponse(
        { deallocated: true, previous_state: state },
        { reference: input.reference, strategy: parseStrategy(record.allocation_strategy), carrier_service: previousService }
      )
    }),
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const service = resolveService(container)
    const client = service.getClient()
    const attempts: AllocationStrategy[] = [
      ...(previous.strategy ? [previous.strategy] : []),
      ...(previous.carrier_service ? [{ type: "carrier_service" as const, reference: previous.carrier_service }] : []),
      { type: "default_rules" },
    ]
    for (const strategy of attempts) {
      try {
        const summaries = await callAllocation(client, previous.reference, strategy)
        if (summaries.some((summary) => (summary.StatusCode ?? 200) >= 400)) {
          continue
        }
        const { consignment } = await waitForAllocation(client, previous.reference, 15_000)
        if (consignment.ConsignmentState !== "Allocated") {
          continue
        }
        const record = await recordOf(service, previous.reference)
        await recordWriter(container).updateConsignment(record.id, {
          ...recordFieldsFromPro(consignment, summaries[0]),
          state: consignment.ConsignmentState,
          allocation_strategy: strategyLabel(strategy),
        })
        return
      } catch {
        // try the next way back
      }
    }
  }
)

/** The strategy recorded as `type` or `type:reference` on our record, when it can be repeated (not a shopper's option). */
function parseStrategy(value: string | null | undefined): AllocationStrategy | null {
  if (!value) {
    return null
  }
  const [type, ...rest] = value.split(":")
  const reference = rest.join(":") || undefined
  if (!(ALLOCATION_STRATEGY_TYPES as readonly string[]).includes(type)) {
    return null
  }
  return { type: type as AllocationStrategy["type"], ...(reference ? { reference } : {}) }
}

/** {@link allocateWithStrategy}, refusing a strategy that needs a reference without one (400 naming the field). */
function callAllocation(client: ProClient, reference: string, strategy: AllocationStrategy): Promise<AllocationSummary[]> {
  if (["service_group", "carrier_service", "quote"].includes(strategy.type) && !strategy.reference) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `strategy.reference is required for ${strategy.type}`)
  }
  return allocateWithStrategy(client, reference, strategy)
}

/**
 * Allocates the consignment with the strategy (docs/pro-api.md §3.7), waits while PRO is `Allocating` (202), and
 * records the carrier, service, tracking numbers, state and `allocation_strategy` on our record.
 * A refusal (HTTP error, or a bulk result entry with `StatusCode` ≥ 400 such as AllocationFailed) is recorded
 * as `last_error` and thrown as {@link ProApiError}, so the route answers 409/502 with the CorrelationId.
 */
export const allocateConsignmentStep = createStep("sorted-pro-allocate-consignment", async (input: AllocateConsignmentInput, { container }) =>
  underClaim(container, input.reference, async () => {
    const service = resolveService(container)
    const client = service.getClient()
    const record = await recordOf(service, input.reference)
    let summaries: AllocationSummary[]
    try {
      summaries = await callAllocation(client, input.reference, input.strategy)
      const refused = summaries.find((summary) => (summary.StatusCode ?? 200) >= 400)
      if (refused) {
        throw new ProApiError({
          status: refused.StatusCode ?? 400,
          code: refused.StatusCode === 404 ? "NotFound" : "AllocationFailed",
          message: refused.Description ?? `PRO could not allocate ${input.reference}`,
          method: "PUT",
          path: "/allocation",
        })
      }
    } catch (error) {
      const state = await client.consignments
        .get(input.reference)
        .then((consignment) => consignment.ConsignmentState)
        .catch(() => record.state)
      await recordWriter(container).updateConsignment(record.id, { state, last_error: toErrorRecord(error) })
      throw error
    }
    const { consignment, settled } = await waitForAllocation(client, input.reference, input.settle_timeout_ms ?? 30_000)
    const fields = recordFieldsFromPro(consignment, summaries[0])
    const failed = consignment.ConsignmentState === "AllocationFailed"
    const refusal = new ProApiError({
      status: 400,
      code: "AllocationFailed",
      message: consignment.FailedAllocation?.Message ?? "PRO could not allocate",
      method: "PUT",
      path: "/allocation",
    })
    const updated = await recordWriter(container).updateConsignment(record.id, {
      ...fields,
      state: consignment.ConsignmentState,
      allocation_strategy: strategyLabel(input.strategy),
      labels_printed_at: null,
      last_error: failed ? refusal.toRecord() : null,
    })
    if (failed) {
      throw refusal
    }
    return new StepResponse<AllocateConsignmentResult>({ consignment: updated, settled })
  })
)

/**
 * Allocates or re-allocates one consignment: {@link prepareAllocationStep} (deallocate when already allocated,
 * compensated by allocating back to the previous service) then {@link allocateConsignmentStep}.
 * Used by `POST /admin/sorted-pro/consignments/:reference/allocate` and the bulk allocate route.
 */
export const allocateConsignmentWorkflow = createWorkflow("sorted-pro-allocate-consignment", (input: AllocateConsignmentInput) => {
  prepareAllocationStep(transform({ input }, ({ input }) => ({ reference: input.reference })))
  return new WorkflowResponse(allocateConsignmentStep(input))
})
