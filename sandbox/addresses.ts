/**
 * Addresses of shipment-shaped requests (docs/pro-api.md §1, §3.1, §3.12): validation of given addresses and
 * `ShippingLocationReference` pointers, and the wire address shape responses use. `model.ts` re-exports
 * everything here.
 */
import { COUNTRY_NAMES, findShippingLocation, PostalLines, ShippingLocation, UK_POSTCODE } from "./catalogue"
import { Validation } from "./errors"
import { isObject, Json, str } from "./model"

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

/**
 * How strict address validation is: full postal addresses are needed to create shipments (`shipment`), not to quote
 * (`quote`: country and, for GB/XI, a valid postcode). `pickup` (Pickup Options, docs/pro-api.md §3.3) is `quote` where a
 * GB/XI Destination may give `LatLong {Latitude, Longitude}` (decimal degrees) instead of a postcode, as the plugin's
 * lat/lng pickup search sends; a given LatLong must then hold numbers in range (400 naming `….LatLong.Latitude` or
 * `….LatLong.Longitude`).
 */
export type AddressStrictness = "quote" | "shipment" | "pickup"

export function parseAddresses(validation: Validation, raw: unknown, strictness: AddressStrictness): WireAddress[] {
  if (!Array.isArray(raw)) {
    validation.check(false, "Addresses", "Addresses must contain an Origin and a Destination address", "Required")
    return []
  }
  const out = raw.map((given, i) => parseAddress(validation, isObject(given) ? given : {}, `Addresses[${i}]`, strictness))
  for (const type of ["Origin", "Destination"]) {
    const count = out.filter((address) => address.AddressType === type).length
    validation.check(count === 1, "Addresses", `Addresses must contain exactly one ${type} address`, count ? "Duplicate" : "Required")
  }
  return out
}

const ADDRESS_TYPES = ["Origin", "Destination", "Return", "Sender", "Recipient", "Importer"]

function parseAddress(validation: Validation, addressGiven: Json, at: string, strictness: AddressStrictness): WireAddress {
  const type = ADDRESS_TYPES.find((candidate) => candidate.toLowerCase() === str(addressGiven.AddressType).toLowerCase())
  validation.check(!!type, `${at}.AddressType`, `${at}.AddressType must be one of ${ADDRESS_TYPES.join(", ")}`)
  const slRef = str(addressGiven.ShippingLocationReference)
  if (slRef) {
    const location = findShippingLocation(slRef)
    validation.check(!!location, `${at}.ShippingLocationReference`, `Shipping location ${slRef} not found`, "UnknownShippingLocation")
    if (location) {
      return locationAddress(location, type ?? "Origin", addressGiven)
    }
  }
  const country =
    isObject(addressGiven.Country) && isObject(addressGiven.Country.IsoCode) ? str(addressGiven.Country.IsoCode.TwoLetterCode).toUpperCase() : ""
  validation.check(
    /^[A-Z]{2}$/.test(country),
    `${at}.Country.IsoCode.TwoLetterCode`,
    `${at}.Country.IsoCode.TwoLetterCode must be a two-letter ISO 3166 code`
  )
  const postcode = str(addressGiven.Postcode).trim().toUpperCase()
  const latLong =
    isObject(addressGiven.LatLong) && typeof addressGiven.LatLong.Latitude === "number" && typeof addressGiven.LatLong.Longitude === "number"
      ? { Latitude: addressGiven.LatLong.Latitude, Longitude: addressGiven.LatLong.Longitude }
      : null
  const searchesByLatLong = strictness === "pickup" && type === "Destination" && addressGiven.LatLong !== undefined && addressGiven.LatLong !== null
  if (searchesByLatLong) {
    const given: Json = isObject(addressGiven.LatLong) ? addressGiven.LatLong : {}
    for (const [key, limit] of [
      ["Latitude", 90],
      ["Longitude", 180],
    ] as const) {
      const value = given[key]
      validation.check(
        typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit,
        `${at}.LatLong.${key}`,
        `${at}.LatLong.${key} must be a number of degrees between -${limit} and ${limit}`
      )
    }
  }
  if ((country === "GB" || country === "XI") && !(searchesByLatLong && !postcode)) {
    validation.check(
      UK_POSTCODE.test(postcode),
      `${at}.Postcode`,
      `${at}.Postcode "${postcode}" is not a valid UK postcode${strictness === "pickup" && type === "Destination" ? " (or give LatLong instead)" : ""}`
    )
  }
  const full = strictness === "shipment" || type === "Origin"
  if (full) {
    if (!str(addressGiven.AddressLine1)) {
      validation.missing(`${at}.AddressLine1`)
    }
    if (!str(addressGiven.Town)) {
      validation.missing(`${at}.Town`)
    }
  }
  return {
    AddressType: type ?? str(addressGiven.AddressType),
    ShopLocationReference: str(addressGiven.ShopLocationReference) || null,
    Contact: contact(addressGiven.Contact),
    CompanyName: str(addressGiven.CompanyName) || null,
    ShippingLocationReference: null,
    CustomerName: str(addressGiven.CustomerName) || null,
    AddressLine1: str(addressGiven.AddressLine1),
    AddressLine2: str(addressGiven.AddressLine2),
    AddressLine3: str(addressGiven.AddressLine3),
    Town: str(addressGiven.Town),
    Region: str(addressGiven.Region),
    Postcode: formatPostcode(postcode, country),
    Country: {
      Name: COUNTRY_NAMES[country] ?? (str(isObject(addressGiven.Country) ? addressGiven.Country.Name : undefined) || country),
      IsoCode: { TwoLetterCode: country },
    },
    RegionCode: str(addressGiven.RegionCode),
    SpecialInstructions: str(addressGiven.SpecialInstructions),
    LatLong: latLong,
    IsCached: false,
  }
}

/** A shipping location's postal lines as §4 addresses carry them: lines 1–3, town, region, postcode and country. */
export function locationPostalLines(location: ShippingLocation) {
  return {
    AddressLine1: location.AddressLine1,
    AddressLine2: location.AddressLine2,
    AddressLine3: location.AddressLine3,
    Town: location.Town,
    Region: location.Region,
    Postcode: location.Postcode,
    Country: { Name: COUNTRY_NAMES[location.CountryCode], IsoCode: { TwoLetterCode: location.CountryCode } },
  }
}

/** Full wire address of a configured shipping location (a pointer address expanded, as in §3.12). */
export function locationAddress(location: ShippingLocation, type: string, given: Json = {}): WireAddress {
  return {
    AddressType: type,
    ShopLocationReference: null,
    Contact: contact(given.Contact) ?? contact({ ...location.contact, Mobile: location.contact.Telephone }),
    CompanyName: location.CompanyName,
    ShippingLocationReference: location.Reference,
    CustomerName: null,
    ...locationPostalLines(location),
    RegionCode: "",
    SpecialInstructions: str(given.SpecialInstructions),
    LatLong: null,
    IsCached: false,
  }
}

function contact(given: unknown): WireContact | null {
  if (!isObject(given)) {
    return null
  }
  const keys = ["Reference", "Title", "FirstName", "LastName", "Position", "Telephone", "Mobile", "LandLine", "Email"]
  return Object.fromEntries(keys.map((key) => [key, given[key] ?? (key === "Reference" || key === "Position" ? null : "")]))
}

/** `M15WG` → `M1 5WG` for UK postcodes; others unchanged. */
export function formatPostcode(postcode: string, country: string): string {
  const match = UK_POSTCODE.exec(postcode)
  return (country === "GB" || country === "XI") && match ? `${match[1]}${match[2]} ${match[3]}`.toUpperCase() : postcode
}
