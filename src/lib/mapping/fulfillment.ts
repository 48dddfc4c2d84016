import type { CreateFulfillmentResult } from "@medusajs/framework/types"

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
