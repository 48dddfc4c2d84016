/**
 * The sandbox's fixed, deterministic catalogue: carriers, carrier services, service groups, shipping
 * locations, package sizes, UK bank holidays, destination zones and the price list.
 *
 * Shapes follow docs/pro-api.md §4 (MpdCarrierService, MpdCarrierServiceGroup, ShippingLocation) and §1
 * (reference styles). The carriers and prices are invented for the sandbox; README.md lists them.
 * Units: weights in kg, dimensions in cm, money in major currency units (GBP).
 */
import { Weekday } from "./clock"
import { Zone } from "./places"
import { round2 } from "./service-rules"

export * from "./places"
export * from "./service-rules"

/** PRO `MpdCarrierService.Type` values (docs/pro-api.md §4). */
export type ServiceType = "Scheduled" | "AdHoc" | "PickUp" | "DropOff" | "Timed" | "Consolidated"

/** A carrier as served by `GET /carriers`. */
export interface Carrier {
  Reference: string
  Name: string
  /** Tracking number style: `prefix` + zero-padded counter digits (+ `suffix`). */
  tracking: { prefix: string; digits: number; suffix?: string }
  /**
   * The carrier's public tracking page, `{TrackingNumber}` standing for a tracking number: served as `TrackingUrl` on
   * `GET /carriers` **(sandbox's own choice**: no PRO source names a tracking URL field; README.md "Decisions"**)**.
   */
  trackingUrl: string
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
  {
    Reference: "CARRIER_X",
    Name: "Carrier X",
    tracking: { prefix: "TRK", digits: 8 },
    trackingUrl: "https://track.carrier-x.example/{TrackingNumber}",
  },
  {
    Reference: "SWIFTPOST",
    Name: "SwiftPost",
    tracking: { prefix: "SP", digits: 9, suffix: "GB" },
    trackingUrl: "https://swiftpost.example/track?parcel={TrackingNumber}",
  },
  {
    Reference: "EVENLINE",
    Name: "Evenline",
    tracking: { prefix: "EV", digits: 12 },
    trackingUrl: "https://evenline.example/parcels/{TrackingNumber}",
  },
  {
    Reference: "GLOBALEX",
    Name: "GlobalEx",
    tracking: { prefix: "1Z9GX", digits: 11 },
    trackingUrl: "https://globalex.example/tracking?number={TrackingNumber}",
  },
  { Reference: "PICKPOINT", Name: "PickPoint", tracking: { prefix: "PP", digits: 12 }, trackingUrl: "https://pickpoint.example/t/{TrackingNumber}" },
]

const WEEK: Weekday[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
const WEEK_SAT: Weekday[] = [...WEEK, "Saturday"]
const ALL_DAY = { start: "00:00", end: "23:59" }
const UK = (transit: number, base: number, remoteExtraDays = 1): Partial<Record<Zone, ZoneTerms>> => ({
  UK_MAINLAND: { transit, base },
  UK_HIGHLANDS_ISLANDS: { transit: transit + remoteExtraDays, base: round2(base * 1.6) },
  NORTHERN_IRELAND: { transit: transit + remoteExtraDays, base: round2(base * 1.4) },
})

/** What most services share; each entry of {@link SERVICES} gives only what differs. */
const SERVICE_DEFAULTS = {
  window: ALL_DAY,
  deliversOn: WEEK,
  collectsOn: WEEK,
  guaranteed: true,
  direction: "Outbound",
  tracked: true,
  signed: false,
} as const satisfies Partial<CarrierService>

function service(fields: Omit<CarrierService, keyof typeof SERVICE_DEFAULTS> & Partial<CarrierService>): CarrierService {
  return { ...SERVICE_DEFAULTS, ...fields }
}

/** All carrier services, in the order used for tie-breaks. */
export const SERVICES: readonly CarrierService[] = [
  service({
    Reference: "MPD_T48CX",
    Name: "Tracked 48 Signed For",
    CarrierReference: "CARRIER_X",
    Type: "Scheduled",
    ServiceTypes: ["Standard"],
    cutOff: "17:00",
    direction: "Inbound, Outbound",
    zones: UK(2, 3.95),
    perKg: 0.45,
    maxWeightKg: 30,
    maxLengthCm: 120,
    signed: true,
  }),
  service({
    Reference: "CX_NDS",
    Name: "Next Day Super",
    CarrierReference: "CARRIER_X",
    Type: "Scheduled",
    ServiceTypes: ["NextDay"],
    cutOff: "15:00",
    direction: "Inbound, Outbound",
    zones: UK(1, 6.5),
    perKg: 0.6,
    maxWeightKg: 30,
    maxLengthCm: 120,
    signed: true,
  }),
  service({
    Reference: "SP_ND_AM",
    Name: "Next Day AM",
    CarrierReference: "SWIFTPOST",
    Type: "Timed",
    ServiceTypes: ["NextDay", "Timed"],
    window: { start: "07:00", end: "12:00" },
    cutOff: "15:00",
    zones: { UK_MAINLAND: { transit: 1, base: 9.5 } },
    perKg: 0.7,
    maxWeightKg: 25,
    maxLengthCm: 100,
    signed: true,
  }),
  service({
    Reference: "SP_ND_PM",
    Name: "Next Day PM",
    CarrierReference: "SWIFTPOST",
    Type: "Timed",
    ServiceTypes: ["NextDay", "Timed"],
    window: { start: "12:00", end: "18:00" },
    cutOff: "15:00",
    zones: { UK_MAINLAND: { transit: 1, base: 8.25 } },
    perKg: 0.7,
    maxWeightKg: 25,
    maxLengthCm: 100,
    signed: true,
  }),
  service({
    Reference: "SP_SAT",
    Name: "Saturday Guaranteed",
    CarrierReference: "SWIFTPOST",
    Type: "Timed",
    ServiceTypes: ["Saturday"],
    window: { start: "08:00", end: "14:00" },
    deliversOn: ["Saturday"],
    maxCalendarTransit: 1,
    cutOff: "15:00",
    zones: { UK_MAINLAND: { transit: 1, base: 12 } },
    perKg: 0.8,
    maxWeightKg: 25,
    maxLengthCm: 100,
    signed: true,
  }),
  service({
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
    zones: { UK_MAINLAND: { transit: 1, base: 10.95 } },
    perKg: 0.75,
    maxWeightKg: 20,
    maxLengthCm: 100,
  }),
  service({
    Reference: "EV_EVE",
    Name: "Evening Nominated Day",
    CarrierReference: "EVENLINE",
    Type: "Timed",
    ServiceTypes: ["NominatedDay", "Evening"],
    window: { start: "17:00", end: "22:00" },
    cutOff: "16:00",
    zones: { UK_MAINLAND: { transit: 1, base: 7.45 } },
    perKg: 0.55,
    maxWeightKg: 20,
    maxLengthCm: 100,
  }),
  service({
    Reference: "EV_ECO",
    Name: "Economy 3 Day",
    CarrierReference: "EVENLINE",
    Type: "Consolidated",
    ServiceTypes: ["Economy"],
    cutOff: "18:00",
    guaranteed: false,
    direction: "Inbound, Outbound",
    zones: UK(3, 2.95, 2),
    perKg: 0.3,
    maxWeightKg: 30,
    maxLengthCm: 150,
  }),
  service({
    Reference: "GX_INTL_EXP",
    Name: "International Express",
    CarrierReference: "GLOBALEX",
    Type: "Scheduled",
    ServiceTypes: ["International", "Express"],
    cutOff: "14:00",
    direction: "Inbound, Outbound",
    zones: { EU: { transit: 2, base: 19.5 }, REST_OF_WORLD: { transit: 4, base: 34 } },
    perKg: 2.4,
    maxWeightKg: 30,
    maxLengthCm: 120,
    signed: true,
  }),
  service({
    Reference: "GX_INTL_ECO",
    Name: "International Economy",
    CarrierReference: "GLOBALEX",
    Type: "Consolidated",
    ServiceTypes: ["International", "Economy"],
    cutOff: "16:00",
    guaranteed: false,
    zones: { EU: { transit: 5, base: 11.5 }, REST_OF_WORLD: { transit: 8, base: 21 } },
    perKg: 1.6,
    maxWeightKg: 20,
    maxLengthCm: 100,
  }),
  service({
    Reference: "PP_SHOP",
    Name: "PickPoint Ship To Shop",
    CarrierReference: "PICKPOINT",
    Type: "PickUp",
    ServiceTypes: ["PickUp"],
    window: { start: "09:00", end: "17:30" },
    deliversOn: WEEK_SAT,
    cutOff: "15:30",
    zones: UK(2, 2.99),
    perKg: 0.2,
    maxWeightKg: 15,
    maxLengthCm: 60,
  }),
  service({
    Reference: "PP_LOCKER",
    Name: "PickPoint Locker Next Day",
    CarrierReference: "PICKPOINT",
    Type: "PickUp",
    ServiceTypes: ["PickUp", "NextDay"],
    deliversOn: WEEK_SAT,
    cutOff: "15:30",
    zones: { UK_MAINLAND: { transit: 1, base: 3.99 } },
    perKg: 0.25,
    maxWeightKg: 10,
    maxLengthCm: 50,
  }),
  service({
    Reference: "PP_DROPOFF",
    Name: "PickPoint Drop Off Returns",
    CarrierReference: "PICKPOINT",
    Type: "DropOff",
    ServiceTypes: ["DropOff", "Returns"],
    collectsOn: WEEK_SAT,
    cutOff: "18:00",
    guaranteed: false,
    direction: "Inbound",
    zones: UK(2, 2.49),
    perKg: 0.2,
    maxWeightKg: 15,
    maxLengthCm: 60,
  }),
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

/** Carrier of a service (always defined for catalogue services). */
export function carrierOf(service: CarrierService): Carrier {
  return findCarrier(service.CarrierReference)!
}
