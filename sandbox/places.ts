/**
 * The sandbox's places: configured shipping locations, package sizes, England & Wales bank holidays,
 * countries and destination zones (part of the catalogue; `catalogue.ts` re-exports everything here).
 *
 * Shapes follow docs/pro-api.md §4 (ShippingLocation, PackageSize reference) and §3.12 (address keys).
 */
import { LocalDay } from "./clock"

/** Destination zones used for availability, transit time and price. */
export type Zone = "UK_MAINLAND" | "UK_HIGHLANDS_ISLANDS" | "NORTHERN_IRELAND" | "EU" | "REST_OF_WORLD"
/** The postal lines shared by every address shape (§3.12 keys). */
export interface PostalLines {
  AddressLine1: string
  AddressLine2: string
  AddressLine3: string
  Town: string
  Region: string
  Postcode: string
}

/** A configured shipping location (ShippingLocation, §4). Address keys as §3.12. */
export interface ShippingLocation extends PostalLines {
  Reference: string
  Name: string
  ShippingLocationType: "DistributionCentre" | "Office" | "Store" | "Warehouse"
  CountryCode: string
  CompanyName: string
  contact: { FirstName: string; LastName: string; Telephone: string; Email: string }
  latLong: { Latitude: number; Longitude: number }
}

/** The contract examples' Manchester office (§3.12 Origin) under another reference. */
function exampleLocation(Reference: string, Name: string, ShippingLocationType: ShippingLocation["ShippingLocationType"]): ShippingLocation {
  return {
    Reference,
    Name,
    ShippingLocationType,
    AddressLine1: "Third Floor",
    AddressLine2: "Merchant Exchange",
    AddressLine3: "Whitworth Street West",
    Town: "Manchester",
    Region: "",
    Postcode: "M1 5WG",
    CountryCode: "GB",
    CompanyName: "Example Company",
    contact: EXAMPLE_CONTACT,
    latLong: { Latitude: 53.47422, Longitude: -2.246049 },
  }
}

const EXAMPLE_CONTACT = { FirstName: "Laura", LastName: "Somebody", Telephone: "01234 567 890", Email: "laura.somebody@example.com" }

/**
 * Shipping locations. `SL-MANCHESTER` / `SL-LONDON` are the plugin's demo locations; `EDC5_Electio`,
 * `Sorted1`, `Shipping_Location_Reference` and `Location1` exist so the contract's verbatim examples
 * (§3.1, §3.12, §3.3, §3.11) work against the sandbox.
 */
export const SHIPPING_LOCATIONS: readonly ShippingLocation[] = [
  {
    Reference: "SL-MANCHESTER",
    Name: "Manchester DC",
    ShippingLocationType: "DistributionCentre",
    AddressLine1: "Merchant Exchange",
    AddressLine2: "Whitworth Street West",
    AddressLine3: "",
    Town: "Manchester",
    Region: "Greater Manchester",
    Postcode: "M1 5WG",
    CountryCode: "GB",
    CompanyName: "Sandbox Retail Ltd",
    contact: { FirstName: "Dispatch", LastName: "Team", Telephone: "0161 000 0000", Email: "dispatch.manchester@example.com" },
    latLong: { Latitude: 53.47422, Longitude: -2.246049 },
  },
  {
    Reference: "SL-LONDON",
    Name: "London warehouse",
    ShippingLocationType: "Warehouse",
    AddressLine1: "Unit 4 Thameside Industrial Estate",
    AddressLine2: "Factory Road",
    AddressLine3: "",
    Town: "London",
    Region: "Greater London",
    Postcode: "E16 2EZ",
    CountryCode: "GB",
    CompanyName: "Sandbox Retail Ltd",
    contact: { FirstName: "Warehouse", LastName: "Desk", Telephone: "020 0000 0000", Email: "dispatch.london@example.com" },
    latLong: { Latitude: 51.5009, Longitude: 0.0556 },
  },
  exampleLocation("EDC5_Electio", "Electio example location", "Office"),
  exampleLocation("Sorted1", "Sorted example location", "Office"),
  exampleLocation("Shipping_Location_Reference", "Pickup options example location", "Warehouse"),
  {
    Reference: "Location1",
    Name: "Manifest example location",
    ShippingLocationType: "Warehouse",
    AddressLine1: "Unit 1",
    AddressLine2: "Trafford Park Road",
    AddressLine3: "",
    Town: "Manchester",
    Region: "Greater Manchester",
    Postcode: "M17 1HH",
    CountryCode: "GB",
    CompanyName: "Example Company",
    contact: EXAMPLE_CONTACT,
    latLong: { Latitude: 53.4631, Longitude: -2.3136 },
  },
]

/** A named package size usable instead of weight + dimensions (`PackageSizeReference`, §4). */
export interface PackageSize {
  Reference: string
  Name: string
  Dimensions: { Unit: "Cm"; Width: number; Length: number; Height: number }
  /** Weight assumed when a package gives only the size reference (kg). */
  DefaultWeight: { Value: number; Unit: "Kg" }
  MaxWeight: { Value: number; Unit: "Kg" }
}

/** A package size from its reference, name, `[width, length, height]` (cm), default and maximum weight (kg). */
const packageSize = (Reference: string, Name: string, [Width, Length, Height]: number[], defaultKg: number, maxKg: number): PackageSize => ({
  Reference,
  Name,
  Dimensions: { Unit: "Cm", Width, Length, Height },
  DefaultWeight: { Value: defaultKg, Unit: "Kg" },
  MaxWeight: { Value: maxKg, Unit: "Kg" },
})

/** Package sizes. */
export const PACKAGE_SIZES: readonly PackageSize[] = [
  packageSize("LARGE_LETTER", "Large letter", [25, 35, 2.5], 0.5, 0.75),
  packageSize("SMALL_PARCEL", "Small parcel", [35, 45, 16], 2, 2),
  packageSize("MEDIUM_PARCEL", "Medium parcel", [46, 61, 46], 10, 20),
  packageSize("LARGE_BOX", "Large box", [60, 100, 60], 20, 30),
]

/** England & Wales bank holidays 2025–2028 (gov.uk list, incl. substitute days). */
export const BANK_HOLIDAYS: ReadonlySet<LocalDay> = new Set([
  "2025-01-01",
  "2025-04-18",
  "2025-04-21",
  "2025-05-05",
  "2025-05-26",
  "2025-08-25",
  "2025-12-25",
  "2025-12-26",
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
  "2028-01-03",
  "2028-04-14",
  "2028-04-17",
  "2028-05-01",
  "2028-05-29",
  "2028-08-28",
  "2028-12-25",
  "2028-12-26",
])

/** EU member states (ISO 3166-1 alpha-2). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" ")
)

/** Country names for the codes the sandbox prints; others print the code itself. */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  GB: "United Kingdom",
  IE: "Ireland",
  FR: "France",
  DE: "Germany",
  ES: "Spain",
  IT: "Italy",
  NL: "Netherlands",
  BE: "Belgium",
  US: "United States",
  CA: "Canada",
  AU: "Australia",
  NZ: "New Zealand",
  JP: "Japan",
  CH: "Switzerland",
  NO: "Norway",
  JE: "Jersey",
  GG: "Guernsey",
  IM: "Isle of Man",
}

const HIGHLANDS_AREAS = new Set(["HS", "ZE", "KW", "IV"])
const HIGHLANDS_DISTRICTS: Record<string, [number, number]> = { PA: [20, 80], PH: [17, 50], TR: [21, 25], PO: [30, 41], KA: [27, 28], AB: [30, 56] }

/** UK postcode pattern (outward + inward code, space optional). */
export const UK_POSTCODE = /^([A-Z]{1,2})(\d[A-Z\d]?)\s*(\d[A-Z]{2})$/i

/**
 * Zone of a destination from its ISO two-letter country code and postcode.
 * GB `BT` → Northern Ireland; GB Highlands & Islands by postcode area/district; EU by membership.
 */
export function zoneOf(countryCode: string, postcode: string | undefined): Zone {
  const country = countryCode.toUpperCase()
  if (country === "XI") {
    return "NORTHERN_IRELAND"
  }
  if (country === "GB") {
    const match = UK_POSTCODE.exec((postcode ?? "").trim())
    const area = match?.[1].toUpperCase() ?? ""
    const district = parseInt(match?.[2] ?? "", 10)
    if (area === "BT") {
      return "NORTHERN_IRELAND"
    }
    if (HIGHLANDS_AREAS.has(area)) {
      return "UK_HIGHLANDS_ISLANDS"
    }
    const range = HIGHLANDS_DISTRICTS[area]
    if (range && district >= range[0] && district <= range[1]) {
      return "UK_HIGHLANDS_ISLANDS"
    }
    return "UK_MAINLAND"
  }
  return EU_COUNTRIES.has(country) ? "EU" : "REST_OF_WORLD"
}

/** Whether goods to this zone leave the UK customs territory (customs documents needed). */
export function needsCustoms(zone: Zone): boolean {
  return zone === "EU" || zone === "REST_OF_WORLD"
}

/** Shipping location by reference (case-insensitive), or undefined. */
export function findShippingLocation(reference: string): ShippingLocation | undefined {
  return SHIPPING_LOCATIONS.find((location) => location.Reference.toLowerCase() === reference.toLowerCase())
}

/** Package size by reference (case-insensitive), or undefined. */
export function findPackageSize(reference: string): PackageSize | undefined {
  return PACKAGE_SIZES.find((size) => size.Reference.toLowerCase() === reference.toLowerCase())
}
/** Whether `day` is a bank holiday in England & Wales. */
export function isBankHoliday(day: LocalDay): boolean {
  return BANK_HOLIDAYS.has(day)
}
