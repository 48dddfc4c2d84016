import type { ProAddress, ProItem, ProPackage } from "../pro"
import type { ResolvedOptions } from "../options"
import { CartForDelivery, CheckoutMappingError, PackLine } from "./cart"
import { lineReferences } from "./line-references"
import { round, toCm, toKg, toNumber } from "./units"

/** The Destination address of a cart (docs/pro-api.md §3.1). @throws CheckoutMappingError when postal code or country is missing. */
export function toDestination(cart: Pick<CartForDelivery, "shipping_address" | "email">): ProAddress {
  const address = cart.shipping_address
  if (!address?.postal_code) {
    throw new CheckoutMappingError("shipping_address.postal_code", "The cart needs a shipping address with a postal code")
  }
  if (!address.country_code) {
    throw new CheckoutMappingError("shipping_address.country_code", "The cart needs a shipping address with a country")
  }
  return {
    AddressType: "Destination",
    Contact: {
      FirstName: address.first_name ?? "",
      LastName: address.last_name ?? "",
      Telephone: address.phone ?? "",
      Email: cart.email ?? "",
    },
    CompanyName: address.company ?? null,
    AddressLine1: address.address_1 ?? "",
    AddressLine2: address.address_2 ?? "",
    Town: address.city ?? "",
    Region: address.province ?? "",
    Postcode: address.postal_code.toUpperCase(),
    Country: { IsoCode: { TwoLetterCode: address.country_code.toUpperCase() } },
    IsCached: false,
  }
}

/**
 * One PRO package (docs/pro-api.md §4 Package) holding `lines`: its weight the sum of item weights (kg, at
 * least 0.1), its footprint the largest item's, its height the items' heights stacked (cm), its value
 * the items' total in `currencyCode` (major units). Items carry SKU, HS code and country of origin when known, and
 * `ItemReferenceProvidedByCustomer` from {@link lineReferences} over `lines`.
 */
export function toPackage(reference: string, lines: PackLine[], currencyCode: string, options: ResolvedOptions): ProPackage {
  const currency = currencyCode.toUpperCase()
  const references = lineReferences(lines)
  const items: ProItem[] = lines.map((line, index) => {
    const variant = withDefaultPackage(line, options)
    return {
      Sku: variant.sku ?? line.variant_sku ?? undefined,
      Description: line.title ?? variant.sku ?? "Item",
      Quantity: toNumber(line.quantity),
      Weight: { Value: toKg(variant.weight, options.weightUnit), Unit: "Kg" },
      Dimensions: {
        Unit: "Cm",
        Width: toCm(variant.width, options.dimensionUnit),
        Length: toCm(variant.length, options.dimensionUnit),
        Height: toCm(variant.height, options.dimensionUnit),
      },
      Value: { Amount: round(toNumber(line.unit_price), 2), Currency: { IsoCode: currency } },
      ItemReferenceProvidedByCustomer: references[index],
      ...(variant.hs_code ? { HarmonisationCode: variant.hs_code } : {}),
      ...(variant.origin_country ? { CountryOfOrigin: { IsoCode: { TwoLetterCode: variant.origin_country.toUpperCase() } } } : {}),
    }
  })
  const total = (pick: (item: ProItem) => number) => items.reduce((sum, item) => sum + pick(item) * (item.Quantity ?? 1), 0)
  return {
    PackageReferenceProvidedByCustomer: reference,
    Description: items
      .map((item) => item.Description)
      .join(", ")
      .slice(0, 100),
    Weight: {
      Value: Math.max(
        0.1,
        round(
          total((item) => item.Weight.Value),
          3
        )
      ),
      Unit: "Kg",
    },
    Dimensions: {
      Unit: "Cm",
      Width: Math.max(1, ...items.map((item) => item.Dimensions.Width)),
      Length: Math.max(1, ...items.map((item) => item.Dimensions.Length)),
      Height: Math.max(
        1,
        round(
          total((item) => item.Dimensions.Height),
          1
        )
      ),
    },
    Value: {
      Amount: round(
        total((item) => item.Value.Amount),
        2
      ),
      Currency: { IsoCode: currency },
    },
    Items: items,
  }
}

const variantsWithoutWeight = new Set<string>()

/**
 * The line's variant, or `defaultPackage` (kg, cm: already in PRO units) when it has no weight. Each such
 * variant is logged once per process, so merchants can fix their catalogue.
 */
function withDefaultPackage(line: PackLine, options: ResolvedOptions): NonNullable<PackLine["variant"]> {
  const variant = line.variant ?? {}
  if (variant.weight) {
    return variant
  }
  const key = variant.id ?? line.variant_id ?? line.id ?? "unknown"
  if (!variantsWithoutWeight.has(key)) {
    variantsWithoutWeight.add(key)
    console.warn(
      `SortedPRO: variant ${key} (${line.title ?? "untitled"}) has no weight; using the default package ${JSON.stringify(options.defaultPackage)} (kg, cm)`
    )
  }
  const { weight, length, width, height } = options.defaultPackage
  const kgToStore = toKg(1, options.weightUnit)
  const cmToStore = toCm(1, options.dimensionUnit)
  return { ...variant, weight: weight / kgToStore, length: length / cmToStore, width: width / cmToStore, height: height / cmToStore }
}
