/**
 * PRO reference formats (docs/pro-api.md §1): consignments `EC-xxx-xxx-xxx`, orders `EO-xxx-xxx-xxx` (some answers
 * spell an order `EEO-…`), three groups of letters and digits. The one definition of these patterns.
 */

/** A whole consignment reference, e.g. `EC-000-087-01A`. */
export const CONSIGNMENT_REFERENCE = /^EC-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/i

/** Our consignment record id (`spcon_…`), which admin routes accept where a record has no PRO reference yet. */
export const RECORD_ID = /^spcon_[A-Za-z0-9]+$/

/** The first consignment reference inside a text (e.g. an AllocationSummary's `Description`), upper-cased; undefined without one. */
export function consignmentReferenceIn(text: string | null | undefined): string | undefined {
  return /\b(EC-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)\b/i.exec(text ?? "")?.[1]?.toUpperCase()
}

/** An order reference as PRO's answers spell it (`EO-…` or `EEO-…`), normalised to `EO-…`. */
export function normaliseOrderReference(reference: string | null | undefined): string | undefined {
  return reference ? reference.replace(/^EEO-/i, "EO-") : undefined
}
