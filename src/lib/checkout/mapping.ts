import type { CreateConsignmentRequest, DeliveryOptionsRequest, ProAddress, ProDeliveryOption, ProItem, ProPackage } from "../pro-client"
import type { ResolvedOptions } from "../options"

/**
 * The parts of a Medusa cart the PRO mapping reads. It is what `calculatePrice` receives as context
 * and what the store routes query (shared/medusa/NOTES.md §1.3): weights and dimensions are the
 * store's unit-less variant numbers (see `weightUnit`/`dimensionUnit`), `unit_price` is in major units.
 */
export interface CartForDelivery {
  id: string
  currency_code: string
  email?: string | null
  items: Array<{
    id?: string
    title?: string | null
    quantity: unknown
    unit_price?: unknown
    variant_id?: string | null
    variant_sku?: string | null
    variant?: {
      id?: string
      sku?: string | null
      weight?: number | null
      length?: number | null
      width?: number | null
      height?: number | null
      hs_code?: string | null
      origin_country?: string | null
    } | null
  }>
  shipping_address?: {
    first_name?: string | null
    last_name?: string | null
    company?: string | null
    address_1?: string | null
    address_2?: string | null
    city?: string | null
    province?: string | null
    postal_code?: string | null
    country_code?: string | null
    phone?: string | null
  } | null
}

/** The stock location an option ships from (`context.from_location` in Medusa). */
export interface OriginLocation { id?: string; name?: string | null }

/** A PRO delivery option as the storefront sees it (snake_case, money in major units of `currency_code`). */
export interface DeliveryOptionView {
  reference: string
  carrier: string
  carrier_service: string
  carrier_service_reference: string
  service_types: string[]
  /** Delivery day, `YYYY-MM-DD`, as PRO states it. */
  date: string
  day_of_week: string
  /** Local times `HH:MM`; `null` for an all-day promise. */
  window: { start: string; end: string; utc_offset: string | null } | null
  guaranteed: boolean
  /** `amount` is what the shopper pays (after price rules); `pro_amount` is PRO's gross price. */
  price: { amount: number; net: number; tax: number; currency_code: string; tax_inclusive: true; pro_amount?: number }
  allocation_cut_off: string | null
  operational_cut_off: string | null
}

/** Raised when a checkout cannot be mapped to a PRO request; `field` names what is missing. */
export class CheckoutMappingError extends Error {
  constructor(readonly field: string, message: string) {
    super(message)
    this.name = "CheckoutMappingError"
  }
}

const KG_PER_UNIT = { g: 0.001, kg: 1, lb: 0.45359237, oz: 0.028349523125 } as const
const CM_PER_UNIT = { cm: 1, mm: 0.1, in: 2.54 } as const
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places

/** A Medusa number that may arrive as a BigNumber (`{numeric}`), a string or a number. */
export function toNumber(value: unknown): number {
  if (value !== null && typeof value === "object") {
    const big = value as { numeric?: number; value?: string | number }
    return Number(big.numeric ?? big.value ?? NaN)
  }
  return Number(value ?? 0)
}

/** Variant weight in the store's unit → kg (3 dp); a missing weight counts as 0. */
export function toKg(weight: number | null | undefined, unit: ResolvedOptions["weightUnit"]): number {
  return round(Number(weight ?? 0) * KG_PER_UNIT[unit], 3)
}

/** Variant dimension in the store's unit → cm (1 dp); a missing one counts as 0. */
export function toCm(value: number | null | undefined, unit: ResolvedOptions["dimensionUnit"]): number {
  return round(Number(value ?? 0) * CM_PER_UNIT[unit], 1)
}

/** The stock location metadata key that maps a location to its PRO `ShippingLocationReference`. */
export const SHIPPING_LOCATION_METADATA_KEY = "sorted_pro_shipping_location_reference"

/**
 * Stock location → PRO shipping location mappings that are not plugin options: `settings` (saved by staff in the
 * admin, stock location id → reference) and `metadata` (stock location id → the location's
 * `metadata.sorted_pro_shipping_location_reference`).
 */
export interface ShippingLocationMappings {
  settings?: Record<string, string>
  metadata?: Record<string, string>
}

/**
 * The PRO `ShippingLocationReference` for a stock location, the first that applies of: the admin settings'
 * mapping of its id, its `metadata.sorted_pro_shipping_location_reference`, the plugin option `shippingLocations[id]`, then
 * `shippingLocations[name]`, then `defaultShippingLocation`.
 * @throws CheckoutMappingError naming the location (field `from_location`) when none applies.
 */
export function resolveShippingLocation(options: ResolvedOptions, location?: OriginLocation | null, mappings: ShippingLocationMappings = {}): string {
  const id = location?.id
  const mapped =
    (id && (mappings.settings?.[id] || mappings.metadata?.[id] || options.shippingLocations[id])) ||
    (location?.name && options.shippingLocations[location.name]) ||
    options.defaultShippingLocation
  if (!mapped) {
    const name = location ? `"${location.name ?? location.id}" (${location.id})` : "(none)"
    throw new CheckoutMappingError(
      "from_location",
      `Stock location ${name} is not mapped to a SortedPRO shipping location: map it in the SortedPRO settings, set its ` +
        `metadata.${SHIPPING_LOCATION_METADATA_KEY}, or set shippingLocations / defaultShippingLocation in the plugin options`
    )
  }
  return mapped
}

/** The Destination address of a cart (CONTRACT.md §3.1). @throws CheckoutMappingError when postal code or country is missing. */
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

/** A line to pack: a cart or order line item with its variant (weights and sizes in the store's units). */
export type PackLine = CartForDelivery["items"][number]

/**
 * One PRO package (CONTRACT.md §4 Package) holding `lines`: its weight the sum of item weights (kg, at
 * least 0.1), its footprint the largest item's, its height the items' heights stacked (cm), its value
 * the items' total in `currencyCode` (major units). Items carry SKU, HS code and country of origin when known.
 */
export function toPackage(reference: string, lines: PackLine[], currencyCode: string, options: ResolvedOptions): ProPackage {
  const currency = currencyCode.toUpperCase()
  const items: ProItem[] = lines.map((line) => {
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
      ItemReferenceProvidedByCustomer: line.id,
      ...(variant.hs_code ? { HarmonisationCode: variant.hs_code } : {}),
      ...(variant.origin_country ? { CountryOfOrigin: { IsoCode: { TwoLetterCode: variant.origin_country.toUpperCase() } } } : {}),
    }
  })
  const total = (pick: (item: ProItem) => number) => items.reduce((sum, item) => sum + pick(item) * (item.Quantity ?? 1), 0)
  return {
    PackageReferenceProvidedByCustomer: reference,
    Description: items.map((item) => item.Description).join(", ").slice(0, 100),
    Weight: { Value: Math.max(0.1, round(total((item) => item.Weight.Value), 3)), Unit: "Kg" },
    Dimensions: {
      Unit: "Cm",
      Width: Math.max(1, ...items.map((item) => item.Dimensions.Width)),
      Length: Math.max(1, ...items.map((item) => item.Dimensions.Length)),
      Height: Math.max(1, round(total((item) => item.Dimensions.Height), 1)),
    },
    Value: { Amount: round(total((item) => item.Value.Amount), 2), Currency: { IsoCode: currency } },
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
    console.warn(`SortedPRO: variant ${key} (${line.title ?? "untitled"}) has no weight; using the default package ${JSON.stringify(options.defaultPackage)} (kg, cm)`)
  }
  const { weight, length, width, height } = options.defaultPackage
  const kgToStore = toKg(1, options.weightUnit)
  const cmToStore = toCm(1, options.dimensionUnit)
  return { ...variant, weight: weight / kgToStore, length: length / cmToStore, width: width / cmToStore, height: height / cmToStore }
}

/**
 * Builds the Delivery Options request (CONTRACT.md §3.2) for a cart: one package ({@link toPackage}) from
 * the mapped shipping location to the cart's shipping address, with {@link customsDocumentation} when it crosses a
 * customs border (Select Option makes the consignment from this request). `ConsignmentReferenceProvidedByCustomer`
 * is the cart id, so the consignment Select Option creates can be found by it.
 * @throws CheckoutMappingError when the cart has no items or no usable address.
 */
export function buildDeliveryOptionsRequest(
  cart: CartForDelivery,
  shippingLocationReference: string,
  options: ResolvedOptions
): DeliveryOptionsRequest {
  if (!cart.items?.length) {
    throw new CheckoutMappingError("items", "The cart has no items")
  }
  const destination = toDestination(cart)
  const international = crossesCustomsBorder(options.customs.originCountry, destination.Country?.IsoCode.TwoLetterCode)
  return {
    ConsignmentReferenceProvidedByCustomer: cart.id,
    Direction: "Outbound",
    Packages: [toPackage(`${cart.id}-1`, cart.items, cart.currency_code, options)],
    Addresses: [{ AddressType: "Origin", ShippingLocationReference: shippingLocationReference, IsCached: false }, destination],
    // no e-mail here: it is not part of the cart state the options are cached by (see delivery-options.ts)
    ...(international
      ? { CustomsDocumentation: customsDocumentation({ reference: cart.id, date: utcDay(), importer: { telephone: cart.shipping_address?.phone }, options }) }
      : {}),
  }
}

/**
 * The Create Consignment request (CONTRACT.md §3.1) for the lines of one fulfillment: one package
 * ({@link toPackage}) from `shippingLocationReference` to `address`, with our `reference` as
 * `ConsignmentReferenceProvidedByCustomer` so that it can be looked up after an ambiguous failure, and
 * {@link customsDocumentation} when the shipment crosses a customs border.
 * @throws CheckoutMappingError when there are no lines or the address lacks a postal code or country.
 */
export function buildConsignmentRequest(args: {
  reference: string
  lines: PackLine[]
  currencyCode: string
  address: CartForDelivery["shipping_address"]
  email?: string | null
  shippingLocationReference: string
  options: ResolvedOptions
  /** `Inbound` (a return): from `address` back to the shipping location. Default `Outbound`. */
  direction?: "Outbound" | "Inbound"
}): CreateConsignmentRequest {
  if (!args.lines.length) {
    throw new CheckoutMappingError("items", "The fulfillment has no items")
  }
  const warehouse = { ShippingLocationReference: args.shippingLocationReference, IsCached: false }
  const customer = toDestination({ shipping_address: args.address, email: args.email })
  const inbound = args.direction === "Inbound"
  const direction = inbound ? "Inbound" : "Outbound"
  const international = crossesCustomsBorder(args.options.customs.originCountry, customer.Country?.IsoCode.TwoLetterCode)
  return {
    ConsignmentReferenceProvidedByCustomer: args.reference,
    Source: "Api",
    Direction: direction,
    Packages: [toPackage(`${args.reference}-1`, args.lines, args.currencyCode, args.options)],
    Addresses: inbound
      ? [{ ...customer, AddressType: "Origin" }, { AddressType: "Destination", ...warehouse }]
      : [{ AddressType: "Origin", ...warehouse }, customer],
    ...(international
      ? {
          CustomsDocumentation: customsDocumentation({
            reference: args.reference,
            date: utcDay(),
            direction,
            importer: { email: args.email, telephone: args.address?.phone },
            options: args.options,
          }),
        }
      : {}),
  }
}

/** EU member states: one customs union, which GB left on 1 January 2021. */
const EU_CUSTOMS_UNION = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" ")
)

/**
 * True when goods from `origin` to `destination` (ISO two-letter country codes) cross a customs border: different
 * countries, unless both are in the EU customs union. A missing country is treated as domestic.
 */
export function crossesCustomsBorder(origin?: string | null, destination?: string | null): boolean {
  const from = origin?.toUpperCase()
  const to = destination?.toUpperCase()
  if (!from || !to || from === to) {
    return false
  }
  return !(EU_CUSTOMS_UNION.has(from) && EU_CUSTOMS_UNION.has(to))
}

/**
 * PRO `CustomsDocumentation` (CONTRACT.md §3.1, enums §5) of a shipment that crosses a customs border, from the
 * `customs` plugin options: a sale (`CategoryType` from the options, default `Other` explained as "Sale of goods",
 * `ReasonForExport` Sale) or, `Inbound`, returned goods; `reference` (our order, cart or fulfillment id) is the
 * invoice reference and, unless the options set one, the shipper's customs reference; `date` (`YYYY-MM-DD`) is the
 * invoice and declaration date; `importer` is the receiver's e-mail and telephone when known. The items' HS codes,
 * countries of origin and values travel on the packages' items (`toPackage`).
 */
export function customsDocumentation(args: {
  reference: string
  date: string
  direction?: "Outbound" | "Inbound"
  importer?: { email?: string | null; telephone?: string | null }
  options: ResolvedOptions
}): Record<string, unknown> {
  const customs = args.options.customs
  const inbound = args.direction === "Inbound"
  const at = `${args.date}T00:00:00+00:00`
  const optional = (key: string, value?: string | null) => (value ? { [key]: value } : {})
  return {
    CategoryType: inbound ? "ReturnedGoods" : customs.categoryType,
    ...(!inbound && customs.categoryType === "Other" ? { CategoryTypeExplanation: "Sale of goods" } : {}),
    ReasonForExport: inbound ? "Return" : "Sale",
    ShippingTerms: customs.shippingTerms,
    ShipperCustomsReference: customs.shipperCustomsReference ?? args.reference,
    ReferencesOfAttachedInvoices: [args.reference],
    InvoiceDate: at,
    DeclarationDate: at,
    ...optional("ShippersVatNumber", customs.shippersVatNumber),
    ...optional("DesignatedPersonResponsible", customs.designatedPersonResponsible),
    ...optional("OfficeOfPosting", customs.officeOfPosting),
    ...(inbound ? {} : { ...optional("ImportersEmail", args.importer?.email), ...optional("ImportersTelephone", args.importer?.telephone) }),
  }
}

/** Today's UTC calendar day, `YYYY-MM-DD`. */
const utcDay = (now = new Date()) => now.toISOString().slice(0, 10)

const hhmm = (time?: string | null) => (time ? time.split(":").slice(0, 2).map((part) => part.padStart(2, "0")).join(":") : "")

/**
 * A PRO delivery option as {@link DeliveryOptionView}. `price.amount` is PRO `Price.Gross` (tax-inclusive),
 * `net` is `Price.Net`, `tax` is `VatAmount`; the window is dropped when it spans the whole day.
 */
export function toView(option: ProDeliveryOption): DeliveryOptionView {
  const window = option.DeliveryWindow
  const start = hhmm(window?.Start)
  const end = hhmm(window?.End)
  const allDay = !window || (start === "00:00" && (end === "23:59" || end === "00:00"))
  const gross = Number(option.Price.Gross)
  const net = Number(option.Price.Net ?? gross)
  return {
    reference: option.Reference,
    carrier: option.Carrier,
    carrier_service: option.CarrierService,
    carrier_service_reference: option.CarrierServiceReference,
    service_types: option.CarrierServiceTypes ?? [],
    date: option.EstimatedDeliveryDate.Date.slice(0, 10),
    day_of_week: option.EstimatedDeliveryDate.DayOfWeek ?? weekday(option.EstimatedDeliveryDate.Date.slice(0, 10)),
    window: allDay ? null : { start, end, utc_offset: window?.UtcOffset ?? null },
    guaranteed: Boolean(option.EstimatedDeliveryDate.Guaranteed),
    price: {
      amount: round(gross, 2),
      net: round(net, 2),
      tax: round(Number(option.Price.VatAmount ?? gross - net), 2),
      currency_code: option.Price.Currency.IsoCode.toLowerCase(),
      tax_inclusive: true,
    },
    allocation_cut_off: option.AllocationCutOff ?? null,
    operational_cut_off: option.OperationalCutOff ?? null,
  }
}

function weekday(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" })
}

/**
 * Storefront-ready options: only those in the cart's currency (never offer another currency) whose
 * AllocationCutOff is still ahead of `now`, sorted by date, window start, then price.
 */
export function toCheckoutOptions(options: ProDeliveryOption[], currencyCode: string, now = Date.now()): DeliveryOptionView[] {
  return options
    .filter((option) => option.Price?.Currency?.IsoCode?.toLowerCase() === currencyCode.toLowerCase())
    .filter((option) => !option.AllocationCutOff || Date.parse(option.AllocationCutOff) > now)
    .map(toView)
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) || (a.window?.start ?? "").localeCompare(b.window?.start ?? "") || a.price.amount - b.price.amount
    )
}
