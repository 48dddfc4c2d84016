import type { CreateFulfillmentResult } from "@medusajs/framework/types"

/** Our consignment record, as far as the fulfillment result needs it. */
export type FulfillmentConsignment = {
  id: string | null
  reference?: string | null
  customer_reference?: string
  sync_status?: string
  tracking_numbers?: string[]
  carrier_reference?: string | null
  carrier_name?: string | null
  carrier_service_name?: string | null
  last_error?: unknown
}

/**
 * The carrier's tracking page for one tracking number: `template` with `{TrackingNumber}` replaced (URI-encoded); ""
 * when there is no template, it has no `{TrackingNumber}`, or there is no tracking number (Medusa's labels take a string).
 */
export function trackingUrl(template: string | null | undefined, trackingNumber: string | null | undefined): string {
  if (!template || !trackingNumber || !template.includes("{TrackingNumber}")) {
    return ""
  }
  return template.split("{TrackingNumber}").join(encodeURIComponent(trackingNumber))
}

/**
 * What Medusa stores on a fulfillment for a consignment in PRO: its references, carrier and tracking numbers in
 * `data` (plus `extra`), its sync status while unfinished, and one label per tracking number (the EC- reference
 * without one) pointing at `labelUrl`, the admin route that streams the label, with `tracking_url` the carrier's
 * tracking page built from `trackingTemplate` (its carrier's, see `trackingUrl`; "" without one or a tracking number).
 */
export function fulfillmentResult(
  consignment: FulfillmentConsignment & { reference: string },
  labelUrl: string,
  extra: Record<string, unknown> = {},
  trackingTemplate?: string | null
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
    labels: trackingNumbers.map((tracking_number: string) => ({
      tracking_number,
      tracking_url: consignment.tracking_numbers?.length ? trackingUrl(trackingTemplate, tracking_number) : "",
      label_url: labelUrl,
    })),
  }
}
