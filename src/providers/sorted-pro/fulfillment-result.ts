import { MedusaError } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { CheckoutMappingError } from "../../lib/mapping"

export { fulfillmentResult } from "../../lib/mapping/fulfillment"
export type { FulfillmentConsignment } from "../../lib/mapping/fulfillment"
import { ProApiError } from "../../lib/pro"
import { cancelConsignmentWorkflow } from "../../workflows/cancel-consignment"

/** A mapping failure (from a workflow step) as a 400 naming the field; anything else unchanged. */
export function toMedusaError(error: unknown): unknown {
  if (error instanceof CheckoutMappingError || (error as Error)?.name === "CheckoutMappingError") {
    const mapping = error as CheckoutMappingError
    return new MedusaError(MedusaError.Types.INVALID_DATA, `${mapping.field ?? "fulfillment"}: ${mapping.message}`)
  }
  return error
}

/** A registration of the module container, or undefined when the app has none by that name. */
export function optional<T>(container: Record<string, unknown>, key: string): T | undefined {
  try {
    return container[key] as T
  } catch {
    return undefined
  }
}

/**
 * The provider's `cancelFulfillment`: cancels the fulfillment's consignment in PRO (`PUT /consignments/{ref}/cancel`),
 * by `data.consignment_reference`, or by our record (`data.consignment_id`) when PRO's answer was lost and the
 * fulfillment has no reference yet (the consignment a lost answer made is found and cancelled). `{}` when there is no
 * consignment; harmless twice. When PRO does not answer (timeout, 5xx, 429) the cancel is recorded and the reconcile
 * job finishes it: `{cancel: "pending"}`, and Medusa cancels the fulfillment.
 * @throws MedusaError NOT_ALLOWED when PRO refuses (e.g. the consignment is already manifested).
 */
export async function cancelFulfillmentConsignment(data: Record<string, unknown>, logger: Logger): Promise<Record<string, unknown>> {
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined)
  const reference = text(data?.consignment_reference)
  const consignmentId = text(data?.consignment_id)
  if (!reference && !consignmentId) {
    return {}
  }
  try {
    const { result } = await cancelConsignmentWorkflow().run({ input: { reference, consignment_id: consignmentId } })
    return { consignment_reference: result.reference, state: result.state }
  } catch (error) {
    if (error instanceof ProApiError && (error.ambiguous || error.status === 429)) {
      logger.warn(`SortedPRO cancel of ${reference ?? consignmentId} is pending (${error.message}); the reconcile job will finish it`)
      return { consignment_reference: reference ?? null, cancel: "pending" }
    }
    throw error
  }
}
