import type { AllocationSummary, ProConsignment, UpdateConsignmentRequest } from "../pro"
import { proDateTime } from "./units"

/**
 * The fields of our consignment record that come from PRO: from a Get Consignment response
 * (docs/pro-api.md §3.12) or an AllocationSummary (§3.4/§3.7). Tracking numbers are every leg's
 * `TrackingReferences`, de-duplicated in order; `packages` are the consignment's packages as PRO holds them.
 */
export function recordFieldsFromPro(consignment: ProConsignment | null, summary?: AllocationSummary | null) {
  const legs = consignment?.ConsignmentLegs?.length ? consignment.ConsignmentLegs : (summary?.ConsignmentLegs ?? [])
  const tracking = [...new Set(legs.flatMap((leg) => leg.TrackingReferences ?? []))]
  const firstLeg = legs[0]
  return {
    ...(consignment ? { reference: consignment.Reference, state: consignment.ConsignmentState, packages: packagesOf(consignment) } : {}),
    carrier_reference: summary?.CarrierReference ?? firstLeg?.CarrierReference ?? null,
    carrier_name: summary?.CarrierName ?? firstLeg?.CarrierName ?? null,
    carrier_service_reference:
      summary?.CarrierServiceReference ?? consignment?.Allocation?.MpdCarrierServiceReference ?? firstLeg?.CarrierServiceReference ?? null,
    carrier_service_name: summary?.CarrierServiceName ?? consignment?.Allocation?.MpdCarrierServiceName ?? null,
    tracking_numbers: tracking,
  }
}

/** The PRO `ShippingLocationReference` a consignment ships from (its Origin address), or null. */
export function originOf(consignment: ProConsignment): string | null {
  return consignment.Addresses?.find((address) => address.AddressType === "Origin")?.ShippingLocationReference ?? null
}

/**
 * The Update Consignment body (docs/pro-api.md §3.12) that moves `consignment` to ship from `shippingLocationReference`,
 * keeping everything Update replaces wholesale (dates, our reference, customs documentation, metadata, the other
 * addresses) and leaving its packages as they are (omitted: "replaced only if supplied"). `requiredDate`
 * (`YYYY-MM-DD`, the shopper's promised day), else the consignment's requested delivery day, is sent as
 * `RequiredDeliveryDate` in the examples' date-time form ({@link proDateTime}), so an allocation after the update still meets the promise.
 */
export function originUpdateRequest(
  consignment: ProConsignment,
  shippingLocationReference: string,
  requiredDate?: string | null
): UpdateConsignmentRequest {
  const requested = requiredDate ?? (typeof consignment.RequestedDeliveryDate === "string" ? consignment.RequestedDeliveryDate : null)
  return {
    Reference: consignment.Reference,
    ConsignmentReferenceProvidedByCustomer: consignment.ConsignmentReferenceProvidedByCustomer ?? undefined,
    ShippingDate: consignment.ShippingDate ?? undefined,
    Direction: consignment.Direction === "Inbound" ? "Inbound" : "Outbound",
    CustomsDocumentation: (consignment.CustomsDocumentation as Record<string, unknown> | null) ?? undefined,
    MetaData: (consignment.MetaData as Array<Record<string, unknown>> | undefined) ?? [],
    Tags: (consignment.Tags as string[] | undefined) ?? [],
    ...(requested ? { RequiredDeliveryDate: { Date: proDateTime(requested), IsToBeExactlyOnTheDateSpecified: true } } : {}),
    Addresses: (consignment.Addresses ?? []).map((address) =>
      address.AddressType === "Origin" ? { AddressType: "Origin", ShippingLocationReference: shippingLocationReference, IsCached: false } : address
    ),
  }
}

/**
 * The consignment's packages as our record keeps them (`packages` column): `{items: [{package_reference (EP-…),
 * customer_reference, weight_kg, dimensions_cm: {length, width, height}, items: [{sku, quantity}]}]}`.
 */
export function packagesOf(consignment: ProConsignment) {
  return {
    items: (consignment.Packages ?? []).map((pkg) => ({
      package_reference: pkg.Reference ?? null,
      customer_reference: pkg.PackageReferenceProvidedByCustomer ?? null,
      weight_kg: pkg.Weight?.Value ?? null,
      dimensions_cm: pkg.Dimensions ? { length: pkg.Dimensions.Length, width: pkg.Dimensions.Width, height: pkg.Dimensions.Height } : null,
      items: (pkg.Items ?? []).map((item) => ({ sku: item.Sku ?? item.Description ?? "item", quantity: item.Quantity ?? 1 })),
    })),
  }
}
