import type { PackLine } from "./cart"
import { toNumber } from "./units"

/**
 * The `ItemReferenceProvidedByCustomer` of each of `lines` (docs/pro-api.md §4 Item), in their order: a reference the
 * cart and the order it becomes both compute, so that Pack Order (§3.6) names the lines Select Delivery Option as an
 * Order (§3.5) sent from the cart. Medusa gives order lines new ids (docs/medusa.md: `completeCartWorkflow` copies
 * variant, title, unit price and metadata, not the id), so the id cannot serve. The reference is the variant id (or
 * `line:` + title for a line without variant), with `~n` for the n-th (n ≥ 2) line sharing it, ranked by unit price,
 * metadata and title: lines that tie on all of these are interchangeable, so either may take either reference. SKU
 * plays no part (a variant may have none). `lines` must be every line of the cart or order, not a subset.
 */
export function lineReferences(lines: readonly PackLine[]): string[] {
  const bases = lines.map((line) => line.variant_id ?? line.variant?.id ?? `line:${line.title ?? ""}`)
  const ranks = lines.map((line) => JSON.stringify([toNumber(line.unit_price), canonical(line.metadata ?? {}), line.title ?? ""]))
  const order = lines.map((_, index) => index).sort((a, b) => (ranks[a] < ranks[b] ? -1 : ranks[a] > ranks[b] ? 1 : a - b))
  const seen = new Map<string, number>()
  const references: string[] = new Array(lines.length)
  for (const index of order) {
    const n = (seen.get(bases[index]) ?? 0) + 1
    seen.set(bases[index], n)
    references[index] = n === 1 ? bases[index] : `${bases[index]}~${n}`
  }
  return references
}

/** `value` with object keys sorted at every depth, so equal metadata gives equal JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical)
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
    )
  }
  return value
}
