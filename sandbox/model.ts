/**
 * Request validation and normalisation for the shipment-shaped bodies PRO shares between Create
 * Consignment (§3.1), Delivery/Pickup Options (§3.2/§3.3), Create Order (§3.6) and Quotes (§3.8)
 * — `BaseCreateConsignmentRequest` in CONTRACT.md §4 — plus the wire shapes of addresses, packages
 * and money used in responses (§3.12).
 *
 * Units: weights kg, dimensions cm, money in major units of the given currency.
 */
import { dayOfDateField, LocalDay } from "./clock"
import {
  COUNTRY_NAMES,
  findPackageSize,
  findShippingLocation,
  ParcelMeasure,
  PostalLines,
  round2,
  ShippingLocation,
  UK_POSTCODE,
  Zone,
  zoneOf,
} from "./catalogue"
import { Validation } from "./errors"

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

/** A contact as stored (§3.12 `Contact` keys). */
export interface WireContact {
  FirstName?: string
  LastName?: string
  [field: string]: unknown
}

/** Address as PRO returns it (§3.12 keys). */
export interface WireAddress extends PostalLines {
  AddressType: string
  ShopLocationReference: string | null
  Contact: WireContact | null
  CompanyName: string | null
  ShippingLocationReference: string | null
  CustomerName: string | null
  Country: { Name: string; IsoCode: { TwoLetterCode: string } }
  RegionCode: string
  SpecialInstructions: string
  LatLong: { Latitude: number; Longitude: number } | null
  IsCached: boolean
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

/**
 * How strict address validation is: full postal addresses are needed to create shipments (`shipment`), not to quote
 * (`quote`: country and, for GB/XI, a valid postcode). `pickup` (Pickup Options, CONTRACT.md §3.3) is `quote` where a
 * GB/XI Destination may give `LatLong {Latitude, Longitude}` (decimal degrees) instead of a postcode, as the plugin's
 * lat/lng pickup search sends; a given LatLong must then hold numbers in range (400 naming `….LatLong.Latitude` or
 * `….LatLong.Longitude`).
 */
export type AddressStrictness = "quote" | "shipment" | "pickup"

const CURRENCY_NAMES: Record<string, string> = { GBP: "Pound Sterling", EUR: "Euro", USD: "US Dollar" }

/** Wire money object for an amount (rounded to 2 dp) and ISO currency code. */
export function money(amount: number, isoCode = "GBP"): WireMoney {
  const code = isoCode.toUpperCase()
  return { Amount: round2(amount), Currency: { Name: CURRENCY_NAMES[code] ?? code, IsoCode: code } }
}

/**
 * Validates and normalises a shipment body. Collects every field error and throws one 400
 * `ValidationFailed` whose `Details[].Target` name the fields (e.g. `Packages[0].Weight.Value`).
 * Source: CONTRACT.md §3.1/§3.2/§4 required-field markers; leniencies are listed in README "Decisions".
 */
export function parseShipmentRequest(body: unknown, strictness: AddressStrictness): ShipmentRequest {
  const v = new Validation()
  const b: Json = isObject(body) ? body : {}
  if (!isObject(body)) {
    v.check(false, "Body", "Request body must be a JSON object", "InvalidBody")
  }

  const direction = parseDirection(v, b.Direction)
  const shippingDay = optionalDay(v, b.ShippingDate, "ShippingDate")
  const requiredDate = isObject(b.RequiredDeliveryDate) ? b.RequiredDeliveryDate.Date : undefined
  const deliveryDay = optionalDay(v, b.DeliveryDate ?? requiredDate, b.DeliveryDate !== undefined ? "DeliveryDate" : "RequiredDeliveryDate.Date")
  if (b.GuaranteedOnly !== undefined && b.GuaranteedOnly !== null) {
    v.check(typeof b.GuaranteedOnly === "boolean", "GuaranteedOnly", "GuaranteedOnly must be true or false")
  }
  const packages = parsePackages(v, b.Packages, "Packages", true)
  const addresses = parseAddresses(v, b.Addresses, strictness)
  checkStringArray(v, b.Tags, "Tags")
  v.throwIfAny()

  const origin = addresses.find((a) => a.AddressType === "Origin")!
  const destination = addresses.find((a) => a.AddressType === "Destination")!
  return {
    ConsignmentReferenceProvidedByCustomer: str(b.ConsignmentReferenceProvidedByCustomer),
    Source: str(b.Source) || "Api",
    Direction: direction,
    ShippingDay: shippingDay,
    DeliveryDay: deliveryDay,
    GuaranteedOnly: b.GuaranteedOnly === true,
    Packages: packages,
    Addresses: addresses,
    origin,
    destination,
    zone: zoneOf(destination.Country.IsoCode.TwoLetterCode, destination.Postcode),
    CustomsDocumentation: isObject(b.CustomsDocumentation) ? b.CustomsDocumentation : null,
    MetaData: Array.isArray(b.MetaData) ? b.MetaData : [],
    Tags: Array.isArray(b.Tags) ? b.Tags : [],
  }
}

/**
 * Validates a `Packages` array (also used by Pack Order). `requireAny` demands at least one package.
 * A `PackageSizeReference` supplies dimensions and a default weight when those are omitted (§4 Package).
 * `Value` is optional: when absent it is the sum of item values × quantities (0 GBP without items).
 */
export function parsePackages(v: Validation, raw: unknown, path: string, requireAny: boolean): PackageInput[] {
  if (!Array.isArray(raw) || (requireAny && raw.length === 0)) {
    v.check(false, path, `${path} must contain at least one package`, "Required")
    return []
  }
  return raw.map((p, i) => parsePackage(v, isObject(p) ? p : {}, `${path}[${i}]`))
}

function parsePackage(v: Validation, p: Json, at: string): PackageInput {
  const sizeRef = str(p.PackageSizeReference)
  const size = sizeRef ? findPackageSize(sizeRef) : undefined
  if (sizeRef) {
    v.check(!!size, `${at}.PackageSizeReference`, `Package size ${sizeRef} not found`, "UnknownPackageSize")
  }

  let weight = size?.DefaultWeight.Value ?? 0
  if ((p.Weight !== undefined && p.Weight !== null) || !size) {
    const w: Json = isObject(p.Weight) ? p.Weight : {}
    if (!isObject(p.Weight)) {
      v.missing(`${at}.Weight`)
    } else {
      v.check(isPositive(w.Value), `${at}.Weight.Value`, `${at}.Weight.Value must be a number greater than 0`)
      v.check(w.Unit === undefined || /^kg$/i.test(String(w.Unit)), `${at}.Weight.Unit`, `${at}.Weight.Unit must be Kg`)
      weight = Number(w.Value)
    }
  }

  const dims = { ...(size?.Dimensions ?? { Unit: "Cm" as const, Width: 0, Length: 0, Height: 0 }) }
  if ((p.Dimensions !== undefined && p.Dimensions !== null) || !size) {
    const d: Json = isObject(p.Dimensions) ? p.Dimensions : {}
    if (!isObject(p.Dimensions)) {
      v.missing(`${at}.Dimensions`)
    } else {
      for (const k of ["Width", "Length", "Height"] as const) {
        if (v.check(isPositive(d[k]), `${at}.Dimensions.${k}`, `${at}.Dimensions.${k} must be a number greater than 0`)) {
          dims[k] = Number(d[k])
        }
      }
      v.check(d.Unit === undefined || /^cm$/i.test(String(d.Unit)), `${at}.Dimensions.Unit`, `${at}.Dimensions.Unit must be Cm`)
    }
  }

  const items: WireItem[] = Array.isArray(p.Items) ? p.Items.filter(isObject) : []
  if (p.Items !== undefined && p.Items !== null && !Array.isArray(p.Items)) {
    v.check(false, `${at}.Items`, `${at}.Items must be an array`)
  }
  items.forEach((item: unknown, j: number) => {
    const it: Json = isObject(item) ? item : {}
    if (it.Quantity !== undefined) {
      v.check(
        Number.isInteger(it.Quantity) && Number(it.Quantity) > 0,
        `${at}.Items[${j}].Quantity`,
        `${at}.Items[${j}].Quantity must be a whole number greater than 0`
      )
    }
    if (it.Value !== undefined) {
      parseMoney(v, it.Value, `${at}.Items[${j}].Value`)
    }
  })

  const value = p.Value !== undefined && p.Value !== null ? parseMoney(v, p.Value, `${at}.Value`) : itemsValue(items)
  return {
    PackageReferenceProvidedByCustomer: str(p.PackageReferenceProvidedByCustomer),
    Description: str(p.Description),
    Weight: { Value: weight, Unit: "Kg" },
    Dimensions: dims,
    Value: value,
    PackageSizeReference: size?.Reference ?? null,
    Barcode: isObject(p.Barcode) ? p.Barcode : null,
    MetaData: Array.isArray(p.MetaData) ? p.MetaData : [],
    Items: items,
    measure: { weightKg: weight, widthCm: dims.Width, lengthCm: dims.Length, heightCm: dims.Height },
  }
}

function itemsValue(items: WireItem[]): WireMoney {
  const currency = items.find((item) => typeof item.Value?.Currency?.IsoCode === "string")?.Value?.Currency?.IsoCode ?? "GBP"
  const total = items.reduce((s, i) => s + (Number(i?.Value?.Amount) || 0) * (Number(i?.Quantity) || 1), 0)
  return money(total, currency)
}

function parseMoney(v: Validation, raw: unknown, at: string): WireMoney {
  const m: Json = isObject(raw) ? raw : {}
  v.check(typeof m.Amount === "number" && m.Amount >= 0, `${at}.Amount`, `${at}.Amount must be a number of at least 0`)
  const iso = isObject(m.Currency) ? m.Currency.IsoCode : undefined
  v.check(
    typeof iso === "string" && /^[A-Za-z]{3}$/.test(iso),
    `${at}.Currency.IsoCode`,
    `${at}.Currency.IsoCode must be a three-letter ISO 4217 code`
  )
  return money(Number(m.Amount) || 0, typeof iso === "string" ? iso : "GBP")
}

function parseAddresses(v: Validation, raw: unknown, strictness: AddressStrictness): WireAddress[] {
  if (!Array.isArray(raw)) {
    v.check(false, "Addresses", "Addresses must contain an Origin and a Destination address", "Required")
    return []
  }
  const out = raw.map((a, i) => parseAddress(v, isObject(a) ? a : {}, `Addresses[${i}]`, strictness))
  for (const type of ["Origin", "Destination"]) {
    const count = out.filter((a) => a.AddressType === type).length
    v.check(count === 1, "Addresses", `Addresses must contain exactly one ${type} address`, count ? "Duplicate" : "Required")
  }
  return out
}

const ADDRESS_TYPES = ["Origin", "Destination", "Return", "Sender", "Recipient", "Importer"]

function parseAddress(v: Validation, a: Json, at: string, strictness: AddressStrictness): WireAddress {
  const type = ADDRESS_TYPES.find((t) => t.toLowerCase() === str(a.AddressType).toLowerCase())
  v.check(!!type, `${at}.AddressType`, `${at}.AddressType must be one of ${ADDRESS_TYPES.join(", ")}`)
  const slRef = str(a.ShippingLocationReference)
  if (slRef) {
    const location = findShippingLocation(slRef)
    v.check(!!location, `${at}.ShippingLocationReference`, `Shipping location ${slRef} not found`, "UnknownShippingLocation")
    if (location) {
      return locationAddress(location, type ?? "Origin", a)
    }
  }
  const country = isObject(a.Country) && isObject(a.Country.IsoCode) ? str(a.Country.IsoCode.TwoLetterCode).toUpperCase() : ""
  v.check(/^[A-Z]{2}$/.test(country), `${at}.Country.IsoCode.TwoLetterCode`, `${at}.Country.IsoCode.TwoLetterCode must be a two-letter ISO 3166 code`)
  const postcode = str(a.Postcode).trim().toUpperCase()
  const ll =
    isObject(a.LatLong) && typeof a.LatLong.Latitude === "number" && typeof a.LatLong.Longitude === "number"
      ? { Latitude: a.LatLong.Latitude, Longitude: a.LatLong.Longitude }
      : null
  const searchesByLatLong = strictness === "pickup" && type === "Destination" && a.LatLong !== undefined && a.LatLong !== null
  if (searchesByLatLong) {
    const given: Json = isObject(a.LatLong) ? a.LatLong : {}
    for (const [key, limit] of [
      ["Latitude", 90],
      ["Longitude", 180],
    ] as const) {
      const value = given[key]
      v.check(
        typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit,
        `${at}.LatLong.${key}`,
        `${at}.LatLong.${key} must be a number of degrees between -${limit} and ${limit}`
      )
    }
  }
  if ((country === "GB" || country === "XI") && !(searchesByLatLong && !postcode)) {
    v.check(
      UK_POSTCODE.test(postcode),
      `${at}.Postcode`,
      `${at}.Postcode "${postcode}" is not a valid UK postcode${strictness === "pickup" && type === "Destination" ? " (or give LatLong instead)" : ""}`
    )
  }
  const full = strictness === "shipment" || type === "Origin"
  if (full) {
    if (!str(a.AddressLine1)) {
      v.missing(`${at}.AddressLine1`)
    }
    if (!str(a.Town)) {
      v.missing(`${at}.Town`)
    }
  }
  return {
    AddressType: type ?? str(a.AddressType),
    ShopLocationReference: str(a.ShopLocationReference) || null,
    Contact: contact(a.Contact),
    CompanyName: str(a.CompanyName) || null,
    ShippingLocationReference: null,
    CustomerName: str(a.CustomerName) || null,
    AddressLine1: str(a.AddressLine1),
    AddressLine2: str(a.AddressLine2),
    AddressLine3: str(a.AddressLine3),
    Town: str(a.Town),
    Region: str(a.Region),
    Postcode: formatPostcode(postcode, country),
    Country: {
      Name: COUNTRY_NAMES[country] ?? (str(isObject(a.Country) ? a.Country.Name : undefined) || country),
      IsoCode: { TwoLetterCode: country },
    },
    RegionCode: str(a.RegionCode),
    SpecialInstructions: str(a.SpecialInstructions),
    LatLong: ll,
    IsCached: false,
  }
}

/** Full wire address of a configured shipping location (a pointer address expanded, as in §3.12). */
export function locationAddress(l: ShippingLocation, type: string, given: Json = {}): WireAddress {
  return {
    AddressType: type,
    ShopLocationReference: null,
    Contact: contact(given.Contact) ?? contact({ ...l.contact, Mobile: l.contact.Telephone }),
    CompanyName: l.CompanyName,
    ShippingLocationReference: l.Reference,
    CustomerName: null,
    AddressLine1: l.AddressLine1,
    AddressLine2: l.AddressLine2,
    AddressLine3: l.AddressLine3,
    Town: l.Town,
    Region: l.Region,
    Postcode: l.Postcode,
    Country: { Name: COUNTRY_NAMES[l.CountryCode], IsoCode: { TwoLetterCode: l.CountryCode } },
    RegionCode: "",
    SpecialInstructions: str(given.SpecialInstructions),
    LatLong: null,
    IsCached: false,
  }
}

function contact(c: unknown): WireContact | null {
  if (!isObject(c)) {
    return null
  }
  const keys = ["Reference", "Title", "FirstName", "LastName", "Position", "Telephone", "Mobile", "LandLine", "Email"]
  return Object.fromEntries(keys.map((k) => [k, c[k] ?? (k === "Reference" || k === "Position" ? null : "")]))
}

/** `M15WG` → `M1 5WG` for UK postcodes; others unchanged. */
export function formatPostcode(postcode: string, country: string): string {
  const m = UK_POSTCODE.exec(postcode)
  return (country === "GB" || country === "XI") && m ? `${m[1]}${m[2]} ${m[3]}`.toUpperCase() : postcode
}

/** Wire package (§3.12 keys, less the per-consignment fields the caller adds). */
export function wirePackage(p: PackageInput): Json {
  return {
    PackageReferenceProvidedByCustomer: p.PackageReferenceProvidedByCustomer,
    Weight: p.Weight,
    Dimensions: p.Dimensions,
    Description: p.Description,
    Value: p.Value,
    PackageSizeReference: p.PackageSizeReference,
    Barcode: p.Barcode,
    MetaData: p.MetaData,
  }
}

/** Total weight (kg) and value (first package's currency) of packages. */
export function totals(packages: PackageInput[]): { weightKg: number; value: WireMoney } {
  const weightKg = packages.reduce((s, p) => s + p.Weight.Value, 0)
  const amount = packages.reduce((s, p) => s + p.Value.Amount, 0)
  return { weightKg: Math.round(weightKg * 1e5) / 1e5, value: money(amount, packages[0]?.Value.Currency.IsoCode ?? "GBP") }
}

function parseDirection(v: Validation, raw: unknown): "Outbound" | "Inbound" {
  if (raw === undefined || raw === null || raw === "") {
    return "Outbound"
  }
  const d = String(raw).toLowerCase()
  v.check(d === "outbound" || d === "inbound", "Direction", "Direction must be Outbound or Inbound")
  return d === "inbound" ? "Inbound" : "Outbound"
}

/** Parses an optional PRO date field into a local day, recording an error naming `target` when invalid. */
export function optionalDay(v: Validation, raw: unknown, target: string): LocalDay | undefined {
  if (raw === undefined || raw === null || raw === "") {
    return undefined
  }
  const day = dayOfDateField(raw)
  v.check(!!day, target, `${target} must be an ISO-8601 date such as 2019-06-19T00:00:00+00:00`)
  return day
}

function checkStringArray(v: Validation, raw: unknown, target: string): void {
  if (raw === undefined || raw === null) {
    return
  }
  v.check(Array.isArray(raw) && raw.every((t) => typeof t === "string"), target, `${target} must be an array of strings`)
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
