import type { AllocationSummary, ProConsignment } from "./pro-client"

/**
 * The fields of our consignment record that come from PRO: from a Get Consignment response
 * (CONTRACT.md §3.12) or an AllocationSummary (§3.4/§3.7). Tracking numbers are every leg's
 * `TrackingReferences`, de-duplicated in order.
 */
export function recordFieldsFromPro(consignment: ProConsignment | null, summary?: AllocationSummary | null) {
  const legs = consignment?.ConsignmentLegs?.length ? consignment.ConsignmentLegs : summary?.ConsignmentLegs ?? []
  const tracking = [...new Set(legs.flatMap((leg) => leg.TrackingReferences ?? []))]
  const firstLeg = legs[0]
  return {
    ...(consignment ? { reference: consignment.Reference, state: consignment.ConsignmentState } : {}),
    carrier_reference: summary?.CarrierReference ?? firstLeg?.CarrierReference ?? null,
    carrier_name: summary?.CarrierName ?? firstLeg?.CarrierName ?? null,
    carrier_service_reference:
      summary?.CarrierServiceReference ?? consignment?.Allocation?.MpdCarrierServiceReference ?? firstLeg?.CarrierServiceReference ?? null,
    carrier_service_name: summary?.CarrierServiceName ?? consignment?.Allocation?.MpdCarrierServiceName ?? null,
    tracking_numbers: tracking,
  }
}
