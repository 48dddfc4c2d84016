/**
 * Request validation and normalisation for the shipment-shaped bodies PRO shares between Create
 * Consignment (§3.1), Delivery/Pickup Options (§3.2/§3.3), Create Order (§3.6) and Quotes (§3.8)
 * — `BaseCreateConsignmentRequest` in docs/pro-api.md §4 — plus the wire shapes of addresses, packages
 * and money used in responses (§3.12).
 *
 * Units: weights kg, dimensions cm, money in major units of the given currency.
 */
import { dayOfDateField, LocalDay } from "./clock"
import { findPackageSize, ParcelMeasure, round2, Zone, zoneOf } from "./catalogue"
import { Validation } from "./errors"
import { AddressStrictness, parseAddresses, WireAddress } from "./addresses"

export * from "./addresses"

/** A JSON object as received or sent, fields not yet narrowed. */
export type Json = Record<string, unknown>

/** A package or order item as given (§4 `Item`): the fields the sandbox reads, kept with any others. */
export interface WireItem {
  Sku?: string
  Reference?: string
  ItemReferenceProvidedByCustomer?: string
  Description?: string
  Quantity?: number
  HarmonisationCode?: string
  CountryOfOrigin?: { IsoCode?: { TwoLetterCode?: string } }
  Weight?: { Value?: number; Unit?: string }
  Value?: { Amount?: number; Currency?: { IsoCode?: string } }
  [field: string]: unknown
}

/** Customs documentation as given (§3.1); the fields the sandbox prints, kept with any others. */
export interface WireCustoms {
  ReferencesOfAttachedInvoices?: string[]
  InvoiceDate?: string
  [field: string]: unknown
}

/** Money with a currency (§1 `Money`); responses add `Currency.Name`. */
export interface WireMoney {
  Amount: number
  Currency: { Name: string; IsoCode: string }
}

/** A validated package; `measure` is what the price list and eligibility rules use. */
export interface PackageInput {
  PackageReferenceProvidedByCustomer: string
  Description: string
  Weight: { Value: number; Unit: "Kg" }
  Dimensions: { Unit: "Cm"; Width: number; Length: number; Height: number }
  Value: WireMoney
  PackageSizeReference: string | null
  Barcode: Json | null
  MetaData: Json[]
  Items: WireItem[]
  measure: ParcelMeasure
}

/** A validated shipment request (options, consignment, order or quote body). */
export interface ShipmentRequest {
  ConsignmentReferenceProvidedByCustomer: string
  Source: string
  Direction: "Outbound" | "Inbound"
  ShippingDay?: LocalDay
  /** `DeliveryDate` (options) or `RequiredDeliveryDate.Date` (consignment/order). */
  DeliveryDay?: LocalDay
  GuaranteedOnly: boolean
  Packages: PackageInput[]
  Addresses: WireAddress[]
  origin: WireAddress
  destination: WireAddress
  zone: Zone
  CustomsDocumentation: WireCustoms | null
  MetaData: Json[]
  Tags: string[]
}

const CURRENCY_NAMES: Record<string, string> = { GBP: "Pound Sterling", EUR: "Euro", USD: "US Dollar" }

/** Wire money object for an amount (rounded to 2 dp) and ISO currency code. */
export function money(amount: number, isoCode = "GBP"): WireMoney {
  const code = isoCode.toUpperCase()
  return { Amount: round2(amount), Currency: { Name: CURRENCY_NAMES[code] ?? code, IsoCode: code } }
}

/**
 * Validates and normalises a shipment body. Collects every field error and throws one 400
 * `ValidationFailed` whose `Details[].Target` name the fields (e.g. `Packages[0].Weight.Value`).
 * Source: docs/pro-api.md §3.1/§3.2/§4 required-field markers; leniencies are listed in README "Decisions".
 */
export function parseShipmentRequest(body: unknown, strictness: AddressStrictness): ShipmentRequest {
  const validation = new Validation()
  const fields: Json = isObject(body) ? body : {}
  if (!isObject(body)) {
    validation.check(false, "Body", "Request body must be a JSON object", "InvalidBody")
  }

  const direction = parseDirection(validation, fields.Direction)
  const shippingDay = optionalDay(validation, fields.ShippingDate, "ShippingDate")
  const requiredDate = isObject(fields.RequiredDeliveryDate) ? fields.RequiredDeliveryDate.Date : undefined
  const deliveryDay = optionalDay(
    validation,
    fields.DeliveryDate ?? requiredDate,
    fields.DeliveryDate !== undefined ? "DeliveryDate" : "RequiredDeliveryDate.Date"
  )
  if (fields.GuaranteedOnly !== undefined && fields.GuaranteedOnly !== null) {
    validation.check(typeof fields.GuaranteedOnly === "boolean", "GuaranteedOnly", "GuaranteedOnly must be true or false")
  }
  const packages = parsePackages(validation, fields.Packages, "Packages", true)
  const addresses = parseAddresses(validation, fields.Addresses, strictness)
  checkStringArray(validation, fields.Tags, "Tags")
  validation.throwIfAny()

  const origin = addresses.find((address) => address.AddressType === "Origin")!
  const destination = addresses.find((address) => address.AddressType === "Destination")!
  return {
    ConsignmentReferenceProvidedByCustomer: str(fields.ConsignmentReferenceProvidedByCustomer),
    Source: str(fields.Source) || "Api",
    Direction: direction,
    ShippingDay: shippingDay,
    DeliveryDay: deliveryDay,
    GuaranteedOnly: fields.GuaranteedOnly === true,
    Packages: packages,
    Addresses: addresses,
    origin,
    destination,
    zone: zoneOf(destination.Country.IsoCode.TwoLetterCode, destination.Postcode),
    CustomsDocumentation: isObject(fields.CustomsDocumentation) ? fields.CustomsDocumentation : null,
    MetaData: Array.isArray(fields.MetaData) ? fields.MetaData : [],
    Tags: Array.isArray(fields.Tags) ? fields.Tags : [],
  }
}

/**
 * Validates a `Packages` array (also used by Pack Order). `requireAny` demands at least one package.
 * A `PackageSizeReference` supplies dimensions and a default weight when those are omitted (§4 Package).
 * `Value` is optional: when absent it is the sum of item values × quantities (0 GBP without items).
 */
export function parsePackages(validation: Validation, raw: unknown, path: string, requireAny: boolean): PackageInput[] {
  if (!Array.isArray(raw) || (requireAny && raw.length === 0)) {
    validation.check(false, path, `${path} must contain at least one package`, "Required")
    return []
  }
  return raw.map((given, i) => parsePackage(validation, isObject(given) ? given : {}, `${path}[${i}]`))
}

function parsePackage(validation: Validation, given: Json, at: string): PackageInput {
  const sizeRef = str(given.PackageSizeReference)
  const size = sizeRef ? findPackageSize(sizeRef) : undefined
  if (sizeRef) {
    validation.check(!!size, `${at}.PackageSizeReference`, `Package size ${sizeRef} not found`, "UnknownPackageSize")
  }

  let weight = size?.DefaultWeight.Value ?? 0
  if ((given.Weight !== undefined && given.Weight !== null) || !size) {
    const weightGiven: Json = isObject(given.Weight) ? given.Weight : {}
    if (!isObject(given.Weight)) {
      validation.missing(`${at}.Weight`)
    } else {
      validation.check(isPositive(weightGiven.Value), `${at}.Weight.Value`, `${at}.Weight.Value must be a number greater than 0`)
      validation.check(weightGiven.Unit === undefined || /^kg$/i.test(String(weightGiven.Unit)), `${at}.Weight.Unit`, `${at}.Weight.Unit must be Kg`)
      weight = Number(weightGiven.Value)
    }
  }

  const dims = { ...(size?.Dimensions ?? { Unit: "Cm" as const, Width: 0, Length: 0, Height: 0 }) }
  if ((given.Dimensions !== undefined && given.Dimensions !== null) || !size) {
    const dimensionsGiven: Json = isObject(given.Dimensions) ? given.Dimensions : {}
    if (!isObject(given.Dimensions)) {
      validation.missing(`${at}.Dimensions`)
    } else {
      for (const side of ["Width", "Length", "Height"] as const) {
        if (
          validation.check(isPositive(dimensionsGiven[side]), `${at}.Dimensions.${side}`, `${at}.Dimensions.${side} must be a number greater than 0`)
        ) {
          dims[side] = Number(dimensionsGiven[side])
        }
      }
      validation.check(
        dimensionsGiven.Unit === undefined || /^cm$/i.test(String(dimensionsGiven.Unit)),
        `${at}.Dimensions.Unit`,
        `${at}.Dimensions.Unit must be Cm`
      )
    }
  }

  const items: WireItem[] = Array.isArray(given.Items) ? given.Items.filter(isObject) : []
  if (given.Items !== undefined && given.Items !== null && !Array.isArray(given.Items)) {
    validation.check(false, `${at}.Items`, `${at}.Items must be an array`)
  }
  items.forEach((item: unknown, j: number) => {
    const given: Json = isObject(item) ? item : {}
    if (given.Quantity !== undefined) {
      validation.check(
        Number.isInteger(given.Quantity) && Number(given.Quantity) > 0,
        `${at}.Items[${j}].Quantity`,
        `${at}.Items[${j}].Quantity must be a whole number greater than 0`
      )
    }
    if (given.Value !== undefined) {
      parseMoney(validation, given.Value, `${at}.Items[${j}].Value`)
    }
  })

  const value = given.Value !== undefined && given.Value !== null ? parseMoney(validation, given.Value, `${at}.Value`) : itemsValue(items)
  return {
    PackageReferenceProvidedByCustomer: str(given.PackageReferenceProvidedByCustomer),
    Description: str(given.Description),
    Weight: { Value: weight, Unit: "Kg" },
    Dimensions: dims,
    Value: value,
    PackageSizeReference: size?.Reference ?? null,
    Barcode: isObject(given.Barcode) ? given.Barcode : null,
    MetaData: Array.isArray(given.MetaData) ? given.MetaData : [],
    Items: items,
    measure: { weightKg: weight, widthCm: dims.Width, lengthCm: dims.Length, heightCm: dims.Height },
  }
}

function itemsValue(items: WireItem[]): WireMoney {
  const currency = items.find((item) => typeof item.Value?.Currency?.IsoCode === "string")?.Value?.Currency?.IsoCode ?? "GBP"
  const total = items.reduce((sum, i) => sum + (Number(i?.Value?.Amount) || 0) * (Number(i?.Quantity) || 1), 0)
  return money(total, currency)
}

function parseMoney(validation: Validation, raw: unknown, at: string): WireMoney {
  const given: Json = isObject(raw) ? raw : {}
  validation.check(typeof given.Amount === "number" && given.Amount >= 0, `${at}.Amount`, `${at}.Amount must be a number of at least 0`)
  const iso = isObject(given.Currency) ? given.Currency.IsoCode : undefined
  validation.check(
    typeof iso === "string" && /^[A-Za-z]{3}$/.test(iso),
    `${at}.Currency.IsoCode`,
    `${at}.Currency.IsoCode must be a three-letter ISO 4217 code`
  )
  return money(Number(given.Amount) || 0, typeof iso === "string" ? iso : "GBP")
}

/** Wire package (§3.12 keys, less the per-consignment fields the caller adds). */
export function wirePackage(packageInput: PackageInput): Json {
  return {
    PackageReferenceProvidedByCustomer: packageInput.PackageReferenceProvidedByCustomer,
    Weight: packageInput.Weight,
    Dimensions: packageInput.Dimensions,
    Description: packageInput.Description,
    Value: packageInput.Value,
    PackageSizeReference: packageInput.PackageSizeReference,
    Barcode: packageInput.Barcode,
    MetaData: packageInput.MetaData,
  }
}

/** Total weight (kg) and value (first package's currency) of packages. */
export function totals(packages: PackageInput[]): { weightKg: number; value: WireMoney } {
  const weightKg = packages.reduce((sum, packageInput) => sum + packageInput.Weight.Value, 0)
  const amount = packages.reduce((sum, packageInput) => sum + packageInput.Value.Amount, 0)
  return { weightKg: Math.round(weightKg * 1e5) / 1e5, value: money(amount, packages[0]?.Value.Currency.IsoCode ?? "GBP") }
}

function parseDirection(validation: Validation, raw: unknown): "Outbound" | "Inbound" {
  if (raw === undefined || raw === null || raw === "") {
    return "Outbound"
  }
  const direction = String(raw).toLowerCase()
  validation.check(direction === "outbound" || direction === "inbound", "Direction", "Direction must be Outbound or Inbound")
  return direction === "inbound" ? "Inbound" : "Outbound"
}

/** Parses an optional PRO date field into a local day, recording an error naming `target` when invalid. */
export function optionalDay(validation: Validation, raw: unknown, target: string): LocalDay | undefined {
  if (raw === undefined || raw === null || raw === "") {
    return undefined
  }
  const day = dayOfDateField(raw)
  validation.check(!!day, target, `${target} must be an ISO-8601 date such as 2019-06-19T00:00:00+00:00`)
  return day
}

function checkStringArray(validation: Validation, raw: unknown, target: string): void {
  if (raw === undefined || raw === null) {
    return
  }
  validation.check(Array.isArray(raw) && raw.every((entry) => typeof entry === "string"), target, `${target} must be an array of strings`)
}

/** True for plain (non-array) objects. */
export function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x)
}

/** String value or "" for anything else. */
export function str(x: unknown): string {
  return typeof x === "string" ? x : typeof x === "number" ? String(x) : ""
}

function isPositive(x: unknown): boolean {
  return typeof x === "number" && Number.isFinite(x) && x > 0
}
