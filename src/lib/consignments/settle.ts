import type { AllocationStrategy } from "../../types"
import { allocateWithStrategy, ProApiError, ProClient, stateIs, strategyLabel, waitForAllocation } from "../pro"
import type { AllocationSummary, ProConsignment } from "../pro"
import { originOf, originUpdateRequest, recordFieldsFromPro } from "../mapping/records"
import type { PackWrite } from "./ports"

/**
 * What a write or an adoption produced: our record's fields from PRO, and, once the consignment exists in PRO, what
 * still failed (its allocation, or moving it to its shipping location), to be retried.
 */
export type Outcome = { fields: Record<string, unknown>; problem?: ProApiError | null }

/**
 * Allocates an existing consignment with `strategy` (docs/pro-api.md §3.7) and waits out a 202. A refusal or failure
 * of the allocation itself is the outcome's `problem` (the consignment exists either way); a consignment PRO reports
 * `AllocationFailed` gives a 400 `AllocationFailed` problem with PRO's `FailedAllocation` message, one still
 * `Allocating` an ambiguous one (504 `AllocationPending`).
 * @throws what is not a ProApiError (a bug, not PRO).
 */
export async function allocate(
  client: ProClient,
  reference: string,
  strategy: AllocationStrategy,
  label = strategyLabel(strategy)
): Promise<Outcome> {
  let summary: AllocationSummary | undefined
  let problem: ProApiError | null = null
  try {
    ;[summary] = (await allocateWithStrategy(client, reference, strategy)) ?? []
  } catch (error) {
    if (!(error instanceof ProApiError)) {
      throw error
    }
    problem = error
  }
  const { consignment, settled } = await waitForAllocation(client, reference)
  const fields = { ...recordFieldsFromPro(consignment, summary), allocation_strategy: label }
  if (!settled) {
    return {
      fields,
      problem: new ProApiError({
        status: 504,
        code: "AllocationPending",
        message: `${reference} is still allocating`,
        method: "PUT",
        path: "/allocation",
      }),
    }
  }
  if (!stateIs(consignment.ConsignmentState, "unallocated")) {
    return { fields }
  }
  const failed = (consignment.FailedAllocation as { Message?: string } | null | undefined)?.Message
  return {
    fields,
    problem:
      problem ??
      new ProApiError({
        status: 400,
        code: "AllocationFailed",
        message: failed ?? `${reference} was not allocated`,
        method: "PUT",
        path: "/allocation",
      }),
  }
}

/**
 * A packed consignment made ready to ship. Pack Order (docs/pro-api.md §3.6) has no origin of its own, so the
 * consignment ships from the order's origin: when that is not the fulfillment's shipping location (`spec.origin`), it
 * is moved with Update Consignment (§3.12), after Deallocate (§3.13) if PRO had already allocated it. A Consumer
 * Options Flex pack without its promised day gets it the same way. Then, unless PRO allocated it to the shopper's
 * promise on packing, it is allocated: with the promised carrier service (on the promised day,
 * `RequiredDeliveryDate`), else with `spec.strategy`. Both readings of Select as Order (packs allocated at once, or
 * left unallocated) are handled. If the move fails, an allocation taken away for it is put back and the failure is
 * the outcome's `problem`.
 */
export async function settlePacked(client: ProClient, packed: ProConsignment, spec: PackWrite): Promise<Outcome> {
  const reference = packed.Reference
  const promised = spec.promise ? "delivery_option" : undefined
  const moved = Boolean(spec.origin) && stateIs(packed.ConsignmentState, "movable") && originOf(packed) !== spec.origin
  const undated = Boolean(spec.promise) && packed.ConsignmentState === "Unallocated" && !packed.RequestedDeliveryDate
  // an allocation PRO made already (to the promise, or an earlier attempt's) keeps its carrier service after a move
  const held = packed.ConsignmentState === "Allocated" ? (packed.Allocation?.MpdCarrierServiceReference ?? null) : null
  const service = spec.promise?.carrier_service_reference ?? held
  const allocateAgain = (): Promise<Outcome> =>
    service
      ? allocate(client, reference, { type: "carrier_service", reference: service }, promised)
      : allocate(client, reference, spec.strategy ?? { type: "default_rules" })
  let consignment = packed
  if (moved || undated) {
    try {
      if (packed.ConsignmentState === "Allocated") {
        await client.consignments.deallocate(reference)
      }
      await client.consignments.update(originUpdateRequest(packed, spec.origin || originOf(packed) || "", spec.promise?.date))
    } catch (error) {
      if (!(error instanceof ProApiError)) {
        throw error
      }
      const now = await client.consignments.get(reference)
      const restored = held && stateIs(now.ConsignmentState, "unallocated") ? await allocateAgain() : { fields: recordFieldsFromPro(now) }
      return { fields: restored.fields, problem: error }
    }
    consignment = await client.consignments.get(reference)
  }
  if (!stateIs(consignment.ConsignmentState, "unallocated")) {
    return { fields: { ...recordFieldsFromPro(consignment), ...(promised ? { allocation_strategy: promised } : {}) } }
  }
  return allocateAgain()
}
