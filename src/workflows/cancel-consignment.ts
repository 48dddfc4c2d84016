import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ProApiError, stateIs, toErrorRecord } from "../lib/pro"
import type { ConsignmentState } from "../lib/pro"
import { consignmentKey, consignmentsByCustomerReference, proOrderKey } from "../lib/consignments"
import type { ConsignmentRecord } from "../lib/consignments"
import { engineDeps } from "./steps/engine"
import { recordWriter, RecordWriter } from "./steps/record-events"

/**
 * What happened to one consignment: cancelled, already cancelled, deallocated instead, refused (with why), nothing
 * in PRO to cancel, or `pending` (PRO did not answer: the cancel is recorded and the reconcile job finishes it).
 */
export interface CancelOutcome {
  reference: string
  outcome: "cancelled" | "already_cancelled" | "deallocated" | "refused" | "nothing_in_pro" | "pending"
  state: ConsignmentState | string
  message: string
  correlation_id: string | null
}

/**
 * Cancels one consignment in PRO (`PUT /consignments/{ref}/cancel`, docs/pro-api.md §3.13) and records the state.
 * Idempotent: an already `Cancelled` consignment is a success. When PRO refuses to cancel in an allocated state,
 * it is deallocated instead (`PUT …/deallocate`). A manifested consignment cannot be cancelled: the outcome is
 * `refused` and recorded as `last_error`, so staff see it. Record changes go through `writer` (announced: docs/events.md).
 * Never throws for PRO refusals; throws PRO outages.
 */
export async function cancelOne(service: SortedProModuleService, reference: string, writer: RecordWriter): Promise<CancelOutcome> {
  const client = service.getClient()
  const [record] = await service.listSortedProConsignments({ reference })
  const current = await client.consignments.get(reference)
  const save = (fields: Record<string, unknown>) => (record ? writer.updateConsignment(record.id, fields) : undefined)
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
 * The consignment PRO holds for one of our records that has no reference yet (PRO's answer was lost): a packed one
 * through its PRO order (Get Order, then the consignment with our package reference `<fulfillment>-…`), else by our
 * reference (`consignmentsByCustomerReference`). Null when PRO holds none.
 * @throws ProApiError when PRO cannot tell (ambiguous: the cancel stays pending).
 */
async function findInPro(service: SortedProModuleService, record: ConsignmentRecord): Promise<string | null> {
  const client = service.getClient()
  if (record.pro_order_reference) {
    const order = (await client.orders.get(record.pro_order_reference)) as { ConsignmentReferences?: string[] }
    for (const reference of order?.ConsignmentReferences ?? []) {
      const consignment = await client.consignments.get(reference)
      if (consignment.Packages?.some((pkg) => pkg.PackageReferenceProvidedByCustomer?.startsWith(`${record.customer_reference}-`))) {
        return reference
      }
    }
    return null
  }
  return (await consignmentsByCustomerReference(client, record.customer_reference))[0] ?? null
}

/**
 * Cancels what PRO holds for one of our records, for good, under the record's claim (the one every PRO write for it
 * takes, across processes: `engineDeps`). First the record is marked `cancel_status: "requested"`, so no write is sent
 * for it any more; then its consignment (its reference, or the one a lost answer made, `findInPro`) is cancelled with
 * {@link cancelOne}. `done` when nothing of it is live in PRO, `refused` when PRO refuses (manifested). When PRO does
 * not answer (timeout, 5xx, 429, a look-up that cannot tell) the request stays `requested` with `last_error` and the
 * reconcile job retries it; the error is rethrown. `orphan` marks a consignment whose fulfillment never committed.
 * @throws ProApiError when PRO did not answer (the cancel is recorded as pending).
 */
export async function cancelRecord(container: MedusaContainer, recordId: string, options: { orphan?: boolean } = {}): Promise<CancelOutcome> {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const deps = engineDeps(container)
  const [first] = await service.listSortedProConsignments({ id: recordId })
  if (!first) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `reference: no SortedPRO consignment record ${recordId}`)
  }
  return deps.claim(consignmentKey(first.customer_reference), async () => {
    const record = (await service.retrieveSortedProConsignment(recordId)) as unknown as ConsignmentRecord
    const writer = recordWriter(container)
    const save = (fields: Record<string, unknown>) => writer.updateConsignment(record.id, fields)
    await save({ cancel_status: "requested", ...(options.orphan ? { orphan: true } : {}) })
    try {
      const reference = record.reference ?? (await findInPro(service, record))
      if (!reference) {
        await save({ cancel_status: "done", last_error: null })
        const message = `nothing of ${record.customer_reference} is in SortedPRO`
        return { reference: record.customer_reference, outcome: "nothing_in_pro", state: "Cancelled", message, correlation_id: null }
      }
      if (!record.reference) {
        await save({ reference })
      }
      const outcome = await cancelOne(service, reference, writer)
      await save({ cancel_status: outcome.outcome === "refused" ? "refused" : "done" })
      return outcome
    } catch (error) {
      if (error instanceof ProApiError) {
        const lastError = toErrorRecord(error)
        deps.logger.error(
          `SortedPRO could not cancel ${record.reference ?? record.customer_reference} now (${lastError.status} ${lastError.code} ${lastError.message} ` +
            `CorrelationId=${lastError.correlation_id ?? "none"}); the reconcile job will finish the cancel`
        )
        await save({ last_error: lastError })
      }
      throw error
    }
  })
}

/**
 * Cancels a consignment for staff (by `reference`) or for Medusa's `cancelFulfillment` (by our record's
 * `consignment_id` when PRO's answer was lost and the fulfillment holds no reference): {@link cancelRecord}, or
 * {@link cancelOne} for a consignment with no record of ours.
 * @throws MedusaError NOT_ALLOWED naming the state when PRO refuses (e.g. `Manifested`); the refusal is recorded too.
 * ProApiError when PRO did not answer (the cancel is recorded and finished by reconcile).
 */
export const cancelConsignmentStep = createStep(
  "sorted-pro-cancel-consignment",
  async (input: { reference?: string; consignment_id?: string }, { container }) => {
    const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const [record] = input.reference
      ? await service.listSortedProConsignments({ reference: input.reference })
      : await service.listSortedProConsignments({ id: input.consignment_id ?? "" })
    if (!record && !input.reference) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `consignment_id: no SortedPRO consignment record ${input.consignment_id}`)
    }
    const outcome = record
      ? await cancelRecord(container as MedusaContainer, record.id)
      : await cancelOne(service, input.reference!, recordWriter(container))
    if (outcome.outcome === "refused") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `SortedPRO refused: ${outcome.message} (CorrelationId ${outcome.correlation_id ?? "none"})`
      )
    }
    return new StepResponse(outcome)
  }
)

/** Workflow around {@link cancelConsignmentStep}; runs with or without a container. */
export const cancelConsignmentWorkflow = createWorkflow(
  "sorted-pro-cancel-consignment",
  (input: { reference?: string; consignment_id?: string }) => new WorkflowResponse(cancelConsignmentStep(input))
)

/**
 * Everything of a cancelled order, for good: each consignment record → {@link cancelRecord} (cancelled, deallocated
 * where PRO forbids cancelling, reported when manifested, and marked so that nothing is written for it any more even
 * if its first attempt is still pending); a cancel PRO did not answer is `pending` and finished by reconcile. Its PRO
 * order record is marked `cancel_status: "done"` (nothing more is packed from it; an unpacked PRO order ships
 * nothing). Safe to run twice. Used by the `order.canceled` subscriber.
 */
export const cancelOrderConsignmentsStep = createStep("sorted-pro-cancel-order-consignments", async (input: { order_id: string }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const claim = engineDeps(container).claim
  const records = await service.listSortedProConsignments({ order_id: input.order_id })
  const outcomes: CancelOutcome[] = []
  for (const record of records) {
    if (record.cancel_status === "done" && record.state === "Cancelled") {
      outcomes.push({
        reference: record.reference ?? record.customer_reference,
        outcome: "already_cancelled",
        state: "Cancelled",
        message: "",
        correlation_id: null,
      })
      continue
    }
    try {
      outcomes.push(await cancelRecord(container as MedusaContainer, record.id))
    } catch (error) {
      const failure = toErrorRecord(error)
      outcomes.push({
        reference: record.reference ?? record.customer_reference,
        outcome: "pending",
        state: record.state ?? "unknown",
        message: `${failure.message}; the reconcile job will finish the cancel`,
        correlation_id: failure.correlation_id ?? null,
      })
    }
  }
  for (const proOrder of await service.listSortedProOrders({ order_id: input.order_id })) {
    await claim(proOrderKey(proOrder.order_id), () => service.updateSortedProOrders({ id: proOrder.id, cancel_status: "done" }))
  }
  return new StepResponse(outcomes)
})

/** `order.canceled` → {@link cancelOrderConsignmentsStep}. */
export const cancelOrderConsignmentsWorkflow = createWorkflow(
  "sorted-pro-cancel-order-consignments",
  (input: { order_id: string }) => new WorkflowResponse(cancelOrderConsignmentsStep(input))
)
