import { MedusaError } from "@medusajs/framework/utils"
import type { CreateFulfillmentResult, Logger } from "@medusajs/framework/types"
import { CheckoutMappingError } from "../../lib/mapping"
import { ProApiError } from "../../lib/pro"
import { cancelConsignmentWorkflow } from "../../workflows/cancel-consignment"

/** Our consignment record, as far as the fulfillment result needs it. */
export type FulfillmentConsignment = {
  id: string | null
  reference?: string | null
  customer_reference?: string
  sync_status?: string
  tracking_numbers?: string[]
  carrier_name?: string | null
  carrier_service_name?: string | null
  last_error?: unknown
}

/**
 * What Medusa stores on a fulfillment for a consignment in PRO: its references, carrier and tracking numbers in
 * `data` (plus `extra`), its sync status while unfinished, and one label per tracking number (the EC- reference
 * without one) pointing at `labelUrl`, the admin route that streams the label.
 */
export function fulfillmentResult(
  consignment: FulfillmentConsignment & { reference: string },
  labelUrl: string,
  extra: Record<string, unknown> = {}
): CreateFulfillmentResult {
  const trackingNumbers = consignment.tracking_numbers?.length ? consignment.tracking_numbers : [consignment.reference]
  return {
    data: {
      ...extra,
      consignment_id: consignment.id,
      consignment_reference: consignment.reference,
      carrier: consignment.carrier_name,
      carrier_service: consignment.carrier_service_name,
      tracking_numbers: consignment.tracking_numbers,
      ...(consignment.sync_status && consignment.sync_status !== "synced"
        ? { sync_status: consignment.sync_status, last_error: consignment.last_error ?? null }
        : {}),
    },
    labels: trackingNumbers.map((tracking_number: string) => ({ tracking_number, tracking_url: "", label_url: labelUrl })),
  }
}

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
