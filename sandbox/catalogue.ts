/**
 * The sandbox's fixed, deterministic catalogue: carriers, carrier services, service groups, shipping
 * locations, package sizes, UK bank holidays, destination zones and the price list.
 *
 * Shapes follow CONTRACT.md §4 (MpdCarrierService, MpdCarrierServiceGroup, ShippingLocation) and §1
 * (reference styles). The carriers and prices are invented for the sandbox; README.md lists them.
 * Units: weights in kg, dimensions in cm, money in major currency units (GBP).
 */
import { addDays, LocalDay, Weekday, weekdayOf } from "./clock"

/** Destination zones used for availability, transit time and price. */
export type Zone = "UK_MAINLAND" | "UK_HIGHLANDS_ISLANDS" | "NORTHERN_IRELAND" | "EU" | "REST_OF_WORLD"

/** PRO `MpdCarrierService.Type` values (CONTRACT.md §4). */
export type ServiceType = "Scheduled" | "AdHoc" | "PickUp" | "DropOff" | "Timed" | "Consolidated"

/** A carrier as served by `GET /carriers`. */
export interface Carrier {
  Reference: string
  Name: string
  /** Tracking number style: `prefix` + zero-padded counter digits (+ `suffix`). */
  tracking: { prefix: string; digits: number; suffix?: string }
}

/** Per-zone availability of a service: transit in service delivery days and base price per package (GBP net). */
export interface ZoneTerms {
  transit: number
  base: number
}

/** One carrier service with the rules the sandbox uses to compute dates and prices. */
export interface CarrierService {
  Reference: string
  Name: string
  CarrierReference: string
  Type: ServiceType
  /** `CarrierServiceTypes` in delivery options (§3.2). */
  ServiceTypes: string[]
  /** Delivery window, London wall-clock `HH:MM`; all-day services use 00:00–23:59. */
  window: { start: string; end: string }
  /** Weekdays the service delivers on (bank holidays always excluded). */
  deliversOn: Weekday[]
  /** Weekdays the carrier collects for this service (bank holidays always excluded). */
  collectsOn: Weekday[]
  /** If set, delivery must be at most this many calendar days after collection (e.g. Saturday-only = 1). */
  maxCalendarTransit?: number
  /** Allocation cut-off on the shipping day, London `HH:MM`; the operational cut-off is 30 min earlier. */
  cutOff: string
  guaranteed: boolean
  direction: "Outbound" | "Inbound" | "Inbound, Outbound"
  zones: Partial<Record<Zone, ZoneTerms>>
  /** Price per chargeable kg (GBP net); chargeable = max(actual, L×W×H/5000). */
  perKg: number
  maxWeightKg: number
  maxLengthCm: number
  tracked: boolean
  signed: boolean
}

/** Carrier reference → carrier. */
export const CARRIERS: readonly Carrier[] = [
  { Reference: "CARRIER_X", Name: "Carrier X", tracking: { prefix: "TRK", digits: 8 } },
  { Reference: "SWIFTPOST", Name: "SwiftPost", tracking: { prefix: "SP", digits: 9, suffix: "GB" } },
  { Reference: "EVENLINE", Name: "Evenline", tracking: { prefix: "EV", digits: 12 } },
  { Reference: "GLOBALEX", Name: "GlobalEx", tracking: { prefix: "1Z9GX", digits: 11 } },
  { Reference: "PICKPOINT", Name: "PickPoint", tracking: { prefix: "PP", digits: 12 } },
]

const WEEK: Weekday[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
const WEEK_SAT: Weekday[] = [...WEEK, "Saturday"]
const ALL_DAY = { start: "00:00", end: "23:59" }
const UK = (transit: number, base: number, remoteExtraDays = 1): Partial<Record<Zone, ZoneTerms>> => ({
  UK_MAINLAND: { transit, base },
  UK_HIGHLANDS_ISLANDS: { transit: transit + remoteExtraDays, base: round2(base * 1.6) },
  NORTHERN_IRELAND: { transit: transit + remoteExtraDays, base: round2(base * 1.4) },
})

/** All carrier services, in the order used for tie-breaks. */
export const SERVICES: readonly CarrierService[] = [
  {
    Reference: "MPD_T48CX",
    Name: "Tracked 48 Signed For",
    CarrierReference: "CARRIER_X",
    Type: "Scheduled",
    ServiceTypes: ["Standard"],
    window: ALL_DAY,
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "17:00",
    guaranteed: true,
    direction: "Inbound, Outbound",
    zones: UK(2, 3.95),
    perKg: 0.45,
    maxWeightKg: 30,
    maxLengthCm: 120,
    tracked: true,
    signed: true,
  },
  {
    Reference: "CX_NDS",
    Name: "Next Day Super",
    CarrierReference: "CARRIER_X",
    Type: "Scheduled",
    ServiceTypes: ["NextDay"],
    window: ALL_DAY,
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "15:00",
    guaranteed: true,
    direction: "Inbound, Outbound",
    zones: UK(1, 6.5),
    perKg: 0.6,
    maxWeightKg: 30,
    maxLengthCm: 120,
    tracked: true,
    signed: true,
  },
  {
    Reference: "SP_ND_AM",
    Name: "Next Day AM",
    CarrierReference: "SWIFTPOST",
    Type: "Timed",
    ServiceTypes: ["NextDay", "Timed"],
    window: { start: "07:00", end: "12:00" },
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "15:00",
    guaranteed: true,
    direction: "Outbound",
    zones: { UK_MAINLAND: { transit: 1, base: 9.5 } },
    perKg: 0.7,
    maxWeightKg: 25,
    maxLengthCm: 100,
    tracked: true,
    signed: true,
  },
  {
    Reference: "SP_ND_PM",
    Name: "Next Day PM",
    CarrierReference: "SWIFTPOST",
    Type: "Timed",
    ServiceTypes: ["NextDay", "Timed"],
    window: { start: "12:00", end: "18:00" },
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "15:00",
    guaranteed: true,
    direction: "Outbound",
    zones: { UK_MAINLAND: { transit: 1, base: 8.25 } },
    perKg: 0.7,
    maxWeightKg: 25,
    maxLengthCm: 100,
    tracked: true,
    signed: true,
  },
  {
    Reference: "SP_SAT",
    Name: "Saturday Guaranteed",
    CarrierReference: "SWIFTPOST",
    Type: "Timed",
    ServiceTypes: ["Saturday"],
    window: { start: "08:00", end: "14:00" },
    deliversOn: ["Saturday"],
    collectsOn: WEEK,
    maxCalendarTransit: 1,
    cutOff: "15:00",
    guaranteed: true,
    direction: "Outbound",
    zones: { UK_MAINLAND: { transit: 1, base: 12.0 } },
    perKg: 0.8,
    maxWeightKg: 25,
    maxLengthCm: 100,
    tracked: true,
    signed: true,
  },
  {
    Reference: "SP_7DAY",
    Name: "7 Day Next Day (incl. Sunday)",
    CarrierReference: "SWIFTPOST",
    Type: "Scheduled",
    ServiceTypes: ["NextDay", "Sunday"],
    window: { start: "09:00", end: "17:00" },
    deliversOn: [...WEEK_SAT, "Sunday"],
    collectsOn: WEEK_SAT,
    maxCalendarTransit: 1,
    cutOff: "14:00",
    guaranteed: true,
    direction: "Outbound",
    zones: { UK_MAINLAND: { transit: 1, base: 10.95 } },
    perKg: 0.75,
    maxWeightKg: 20,
    maxLengthCm: 100,
    tracked: true,
    signed: false,
  },
  {
    Reference: "EV_EVE",
    Name: "Evening Nominated Day",
    CarrierReference: "EVENLINE",
    Type: "Timed",
    ServiceTypes: ["NominatedDay", "Evening"],
    window: { start: "17:00", end: "22:00" },
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "16:00",
    guaranteed: true,
    direction: "Outbound",
    zones: { UK_MAINLAND: { transit: 1, base: 7.45 } },
    perKg: 0.55,
    maxWeightKg: 20,
    maxLengthCm: 100,
    tracked: true,
    signed: false,
  },
  {
    Reference: "EV_ECO",
    Name: "Economy 3 Day",
    CarrierReference: "EVENLINE",
    Type: "Consolidated",
    ServiceTypes: ["Economy"],
    window: ALL_DAY,
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "18:00",
    guaranteed: false,
    direction: "Inbound, Outbound",
    zones: UK(3, 2.95, 2),
    perKg: 0.3,
    maxWeightKg: 30,
    maxLengthCm: 150,
    tracked: true,
    signed: false,
  },
  {
    Reference: "GX_INTL_EXP",
    Name: "International Express",
    CarrierReference: "GLOBALEX",
    Type: "Scheduled",
    ServiceTypes: ["International", "Express"],
    window: ALL_DAY,
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "14:00",
    guaranteed: true,
    direction: "Inbound, Outbound",
    zones: { EU: { transit: 2, base: 19.5 }, REST_OF_WORLD: { transit: 4, base: 34.0 } },
    perKg: 2.4,
    maxWeightKg: 30,
    maxLengthCm: 120,
    tracked: true,
    signed: true,
  },
  {
    Reference: "GX_INTL_ECO",
    Name: "International Economy",
    CarrierReference: "GLOBALEX",
    Type: "Consolidated",
    ServiceTypes: ["International", "Economy"],
    window: ALL_DAY,
    deliversOn: WEEK,
    collectsOn: WEEK,
    cutOff: "16:00",
    guaranteed: false,
    direction: "Outbound",
    zones: { EU: { transit: 5, base: 11.5 }, REST_OF_WORLD: { transit: 8, base: 21.0 } },
    perKg: 1.6,
    maxWeightKg: 20,
    maxLengthCm: 100,
    tracked: true,
    signed: false,
  },
  {
    Reference: "PP_SHOP",
    Name: "PickPoint Ship To Shop",
    CarrierReference: "PICKPOINT",
    Type: "PickUp",
    ServiceTypes: ["PickUp"],
    window: { start: "09:00", end: "17:30" },
    deliversOn: WEEK_SAT,
    collectsOn: WEEK,
    cutOff: "15:30",
    guaranteed: true,
    direction: "Outbound",
    zones: UK(2, 2.99),
    perKg: 0.2,
    maxWeightKg: 15,
    maxLengthCm: 60,
    tracked: true,
    signed: false,
  },
  {
    Reference: "PP_LOCKER",
    Name: "PickPoint Locker Next Day",
    CarrierReference: "PICKPOINT",
    Type: "PickUp",
    ServiceTypes: ["PickUp", "NextDay"],
    window: ALL_DAY,
    deliversOn: WEEK_SAT,
    collectsOn: WEEK,
    cutOff: "15:30",
    guaranteed: true,
    direction: "Outbound",
    zones: { UK_MAINLAND: { transit: 1, base: 3.99 } },
    perKg: 0.25,
    maxWeightKg: 10,
    maxLengthCm: 50,
    tracked: true,
    signed: false,
  },
  {
    Reference: "PP_DROPOFF",
    Name: "PickPoint Drop Off Returns",
    CarrierReference: "PICKPOINT",
    Type: "DropOff",
    ServiceTypes: ["DropOff", "Returns"],
    window: ALL_DAY,
    deliversOn: WEEK,
    collectsOn: WEEK_SAT,
    cutOff: "18:00",
    guaranteed: false,
    direction: "Inbound",
    zones: UK(2, 2.49),
    perKg: 0.2,
    maxWeightKg: 15,
    maxLengthCm: 60,
    tracked: true,
    signed: false,
  },
]

/** A service group (`MpdCarrierServiceGroup`, §4): allocation picks the cheapest eligible member. */
export interface ServiceGroup {
  Reference: string
  Name: string
  services: string[]
}

/** Service groups. `valuableGoods` is the contract's own example group (§3.7). */
export const SERVICE_GROUPS: readonly ServiceGroup[] = [
  { Reference: "SG_NEXTDAY", Name: "Next Day", services: ["CX_NDS", "SP_ND_AM", "SP_ND_PM", "SP_7DAY"] },
  { Reference: "SG_STANDARD", Name: "Standard & Economy", services: ["MPD_T48CX", "EV_ECO"] },
  { Reference: "SG_TIMED", Name: "Timed & Evening", services: ["SP_ND_AM", "SP_ND_PM", "EV_EVE", "SP_SAT"] },
  { Reference: "SG_INTERNATIONAL", Name: "International", services: ["GX_INTL_EXP", "GX_INTL_ECO"] },
  { Reference: "SG_PICKUP", Name: "Pickup & Drop-off", services: ["PP_SHOP", "PP_LOCKER", "PP_DROPOFF"] },
  { Reference: "valuableGoods", Name: "Valuable Goods (signed)", services: ["MPD_T48CX", "CX_NDS", "GX_INTL_EXP"] },
]

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
  {
    Reference: "EDC5_Electio",
    Name: "Electio example location",
    ShippingLocationType: "Office",
    AddressLine1: "Third Floor",
    AddressLine2: "Merchant Exchange",
    AddressLine3: "Whitworth Street West",
    Town: "Manchester",
    Region: "",
    Postcode: "M1 5WG",
    CountryCode: "GB",
    CompanyName: "Example Company",
    contact: { FirstName: "Laura", LastName: "Somebody", Telephone: "01234 567 890", Email: "laura.somebody@example.com" },
    latLong: { Latitude: 53.47422, Longitude: -2.246049 },
  },
  {
    Reference: "Sorted1",
    Name: "Sorted example location",
    ShippingLocationType: "Office",
    AddressLine1: "Third Floor",
    AddressLine2: "Merchant Exchange",
    AddressLine3: "Whitworth Street West",
    Town: "Manchester",
    Region: "",
    Postcode: "M1 5WG",
    CountryCode: "GB",
    CompanyName: "Example Company",
    contact: { FirstName: "Laura", LastName: "Somebody", Telephone: "01234 567 890", Email: "laura.somebody@example.com" },
    latLong: { Latitude: 53.47422, Longitude: -2.246049 },
  },
  {
    Reference: "Shipping_Location_Reference",
    Name: "Pickup options example location",
    ShippingLocationType: "Warehouse",
    AddressLine1: "Third Floor",
    AddressLine2: "Merchant Exchange",
    AddressLine3: "Whitworth Street West",
    Town: "Manchester",
    Region: "",
    Postcode: "M1 5WG",
    CountryCode: "GB",
    CompanyName: "Example Company",
    contact: { FirstName: "Laura", LastName: "Somebody", Telephone: "01234 567 890", Email: "laura.somebody@example.com" },
    latLong: { Latitude: 53.47422, Longitude: -2.246049 },
  },
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
    contact: { FirstName: "Laura", LastName: "Somebody", Telephone: "01234 567 890", Email: "laura.somebody@example.com" },
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

/** Package sizes. */
export const PACKAGE_SIZES: readonly PackageSize[] = [
  {
    Reference: "LARGE_LETTER",
    Name: "Large letter",
    Dimensions: { Unit: "Cm", Width: 25, Length: 35, Height: 2.5 },
    DefaultWeight: { Value: 0.5, Unit: "Kg" },
    MaxWeight: { Value: 0.75, Unit: "Kg" },
  },
  {
    Reference: "SMALL_PARCEL",
    Name: "Small parcel",
    Dimensions: { Unit: "Cm", Width: 35, Length: 45, Height: 16 },
    DefaultWeight: { Value: 2, Unit: "Kg" },
    MaxWeight: { Value: 2, Unit: "Kg" },
  },
  {
    Reference: "MEDIUM_PARCEL",
    Name: "Medium parcel",
    Dimensions: { Unit: "Cm", Width: 46, Length: 61, Height: 46 },
    DefaultWeight: { Value: 10, Unit: "Kg" },
    MaxWeight: { Value: 20, Unit: "Kg" },
  },
  {
    Reference: "LARGE_BOX",
    Name: "Large box",
    Dimensions: { Unit: "Cm", Width: 60, Length: 100, Height: 60 },
    DefaultWeight: { Value: 20, Unit: "Kg" },
    MaxWeight: { Value: 30, Unit: "Kg" },
  },
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

/** Carrier by reference (case-insensitive), or undefined. */
export function findCarrier(reference: string): Carrier | undefined {
  return CARRIERS.find((carrier) => carrier.Reference.toLowerCase() === reference.toLowerCase())
}

/** Service by reference (case-insensitive), or undefined. */
export function findService(reference: string): CarrierService | undefined {
  return SERVICES.find((service) => service.Reference.toLowerCase() === reference.toLowerCase())
}

/** Service group by reference (case-insensitive), or undefined. */
export function findServiceGroup(reference: string): ServiceGroup | undefined {
  return SERVICE_GROUPS.find((group) => group.Reference.toLowerCase() === reference.toLowerCase())
}

/** Shipping location by reference (case-insensitive), or undefined. */
export function findShippingLocation(reference: string): ShippingLocation | undefined {
  return SHIPPING_LOCATIONS.find((location) => location.Reference.toLowerCase() === reference.toLowerCase())
}

/** Package size by reference (case-insensitive), or undefined. */
export function findPackageSize(reference: string): PackageSize | undefined {
  return PACKAGE_SIZES.find((size) => size.Reference.toLowerCase() === reference.toLowerCase())
}

/** Carrier of a service (always defined for catalogue services). */
export function carrierOf(service: CarrierService): Carrier {
  return findCarrier(service.CarrierReference)!
}

/** Whether `day` is a bank holiday in England & Wales. */
export function isBankHoliday(day: LocalDay): boolean {
  return BANK_HOLIDAYS.has(day)
}

/** Whether the service collects on `day` (its collection weekdays, never on bank holidays). */
export function collectsOn(service: CarrierService, day: LocalDay): boolean {
  return !isBankHoliday(day) && service.collectsOn.includes(weekdayOf(day))
}

/** Whether the service delivers on `day` (its delivery weekdays, never on bank holidays). */
export function deliversOn(service: CarrierService, day: LocalDay): boolean {
  return !isBankHoliday(day) && service.deliversOn.includes(weekdayOf(day))
}

/**
 * Delivery day for a parcel collected on `shipDay`: `transit` service delivery days later.
 * Returns undefined when the service's `maxCalendarTransit` would be exceeded.
 */
export function deliveryDayFor(service: CarrierService, transit: number, shipDay: LocalDay): LocalDay | undefined {
  let cache = deliveryDayCache.get(service)
  if (!cache) {
    deliveryDayCache.set(service, (cache = new Map()))
  } else if (cache.size > 10_000) {
    cache.clear()
  }
  const key = `${transit}|${shipDay}`
  let out = cache.get(key)
  if (out === undefined) {
    cache.set(key, (out = computeDeliveryDay(service, transit, shipDay) ?? null))
  }
  return out ?? undefined
}

/** Memo of {@link deliveryDayFor} per service (the catalogue is immutable); `null` = no delivery day. */
const deliveryDayCache = new WeakMap<CarrierService, Map<string, LocalDay | null>>()

function computeDeliveryDay(service: CarrierService, transit: number, shipDay: LocalDay): LocalDay | undefined {
  let day = shipDay
  for (let i = 0; i < transit; i++) {
    do {
      day = addDays(day, 1)
    } while (!deliversOn(service, day))
  }
  if (service.maxCalendarTransit !== undefined && calendarDaysBetween(shipDay, day) > service.maxCalendarTransit) {
    return undefined
  }
  return day
}

/** Next day on or after `day` on which the service collects. */
export function nextCollectionDay(service: CarrierService, day: LocalDay): LocalDay {
  let candidate = day
  while (!collectsOn(service, candidate)) {
    candidate = addDays(candidate, 1)
  }
  return candidate
}

/** Whole calendar days from `a` to `b` (b − a). */
export function calendarDaysBetween(fromDay: LocalDay, toDay: LocalDay): number {
  return Math.round((Date.parse(`${toDay}T12:00:00Z`) - Date.parse(`${fromDay}T12:00:00Z`)) / 86_400_000)
}

/** A parcel as the price list sees it (kg, cm). */
export interface ParcelMeasure {
  weightKg: number
  widthCm: number
  lengthCm: number
  heightCm: number
}

/** Chargeable weight of one parcel: max(actual kg, volumetric kg = L×W×H cm / 5000). */
export function chargeableKg(parcel: ParcelMeasure): number {
  return Math.max(parcel.weightKg, (parcel.widthCm * parcel.lengthCm * parcel.heightCm) / 5000)
}

/**
 * Why a service cannot carry these parcels to this zone in this direction, or undefined if it can.
 * Checks zone coverage, direction, per-parcel weight and longest side.
 */
export function ineligibility(service: CarrierService, zone: Zone, parcels: ParcelMeasure[], direction: string): string | undefined {
  if (!service.zones[zone]) {
    return `Service does not deliver to zone ${zone}`
  }
  if (!service.direction.split(", ").includes(direction)) {
    return `Service does not support ${direction} consignments`
  }
  for (const parcel of parcels) {
    if (parcel.weightKg > service.maxWeightKg) {
      return `Package weight ${parcel.weightKg} Kg exceeds the service maximum of ${service.maxWeightKg} Kg`
    }
    if (Math.max(parcel.widthCm, parcel.lengthCm, parcel.heightCm) > service.maxLengthCm) {
      return `Package longest side exceeds the service maximum of ${service.maxLengthCm} Cm`
    }
  }
  return undefined
}

/**
 * Net price (GBP, 2 dp) of a service for these parcels to a zone: Σ (zone base + perKg × chargeable kg).
 * Throws if the service does not serve the zone (check {@link ineligibility} first).
 */
export function netPrice(service: CarrierService, zone: Zone, parcels: ParcelMeasure[]): number {
  const terms = service.zones[zone]
  if (!terms) {
    throw new Error(`Service ${service.Reference} does not serve ${zone}`)
  }
  return round2(parcels.reduce((sum, parcel) => sum + terms.base + service.perKg * chargeableKg(parcel), 0))
}

/** Rounds half away from zero to 2 decimal places (money). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100
}
