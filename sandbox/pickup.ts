/**
 * Deterministic pickup-location network for Pickup Options (docs/pro-api.md §3.3).
 *
 * Around any UK destination (its `LatLong` if given, else the centroid of its postcode area from a
 * small built-in table, nudged per district) the sandbox places twelve locations at 0.15 km, 0.55 km,
 * 0.95 km, … from the centre. Names, shop references, opening times, lockers (which require a
 * reservation) and disabled access derive from a hash of the postcode district, so the same
 * postcode always yields the same locations. A destination given only by `LatLong` (no postcode) is
 * searched in the postcode area whose centroid is nearest: its district `<AREA>1` names the locations
 * and gives the zone (so prices and transit match a postcode search there).
 */
import { createHash } from "node:crypto"
import { UK_POSTCODE, zoneOf } from "./catalogue"
import { Validation } from "./errors"
import { isObject, ShipmentRequest, WireAddress } from "./model"

/** Validated pickup parameters: `Distance` (km) and `MaxResults` (1–50). */
export interface PickupParameters {
  distanceKm: number
  maxResults: number
}

/** A generated pickup location. `services` are the pickup services it accepts. */
export interface PickupLocation {
  shopReference: string
  reservationRequired: boolean
  services: string[]
  address: WireAddress
  distanceKm: number
  /** Location JSON without `DeliveryOptions` (§3.3 keys). */
  wire: Record<string, unknown>
}

/** Postcode area → [latitude, longitude, town]. */
const AREAS: Record<string, [number, number, string]> = {
  AB: [57.15, -2.11, "Aberdeen"],
  B: [52.48, -1.9, "Birmingham"],
  BA: [51.38, -2.36, "Bath"],
  BB: [53.75, -2.48, "Blackburn"],
  BD: [53.8, -1.76, "Bradford"],
  BH: [50.72, -1.88, "Bournemouth"],
  BL: [53.58, -2.43, "Bolton"],
  BN: [50.83, -0.14, "Brighton"],
  BR: [51.4, 0.02, "Bromley"],
  BS: [51.45, -2.59, "Bristol"],
  BT: [54.6, -5.93, "Belfast"],
  CA: [54.89, -2.93, "Carlisle"],
  CB: [52.2, 0.12, "Cambridge"],
  CF: [51.48, -3.18, "Cardiff"],
  CH: [53.19, -2.89, "Chester"],
  CM: [51.73, 0.47, "Chelmsford"],
  CO: [51.89, 0.9, "Colchester"],
  CR: [51.37, -0.1, "Croydon"],
  CV: [52.41, -1.51, "Coventry"],
  DD: [56.46, -2.97, "Dundee"],
  DE: [52.92, -1.48, "Derby"],
  DH: [54.78, -1.57, "Durham"],
  DN: [53.52, -1.13, "Doncaster"],
  E: [51.53, -0.03, "London"],
  EC: [51.52, -0.09, "London"],
  EH: [55.95, -3.19, "Edinburgh"],
  EX: [50.72, -3.53, "Exeter"],
  G: [55.86, -4.25, "Glasgow"],
  GL: [51.86, -2.24, "Gloucester"],
  GU: [51.24, -0.57, "Guildford"],
  HS: [58.21, -6.39, "Stornoway"],
  HU: [53.74, -0.33, "Hull"],
  IP: [52.06, 1.16, "Ipswich"],
  IV: [57.48, -4.22, "Inverness"],
  KW: [58.44, -3.09, "Wick"],
  L: [53.41, -2.98, "Liverpool"],
  LE: [52.64, -1.13, "Leicester"],
  LS: [53.8, -1.55, "Leeds"],
  M: [53.48, -2.24, "Manchester"],
  MK: [52.04, -0.76, "Milton Keynes"],
  N: [51.57, -0.11, "London"],
  NE: [54.97, -1.61, "Newcastle upon Tyne"],
  NG: [52.95, -1.15, "Nottingham"],
  NR: [52.63, 1.3, "Norwich"],
  NW: [51.55, -0.17, "London"],
  OL: [53.54, -2.12, "Oldham"],
  OX: [51.75, -1.26, "Oxford"],
  PA: [55.85, -4.42, "Paisley"],
  PE: [52.57, -0.24, "Peterborough"],
  PH: [56.4, -3.43, "Perth"],
  PL: [50.38, -4.14, "Plymouth"],
  PO: [50.8, -1.09, "Portsmouth"],
  PR: [53.76, -2.7, "Preston"],
  RG: [51.45, -0.97, "Reading"],
  S: [53.38, -1.47, "Sheffield"],
  SE: [51.48, -0.06, "London"],
  SK: [53.41, -2.15, "Stockport"],
  SO: [50.9, -1.4, "Southampton"],
  SR: [54.91, -1.38, "Sunderland"],
  ST: [53.0, -2.18, "Stoke-on-Trent"],
  SW: [51.46, -0.17, "London"],
  TR: [50.26, -5.05, "Truro"],
  W: [51.51, -0.2, "London"],
  WA: [53.39, -2.59, "Warrington"],
  WC: [51.52, -0.12, "London"],
  WF: [53.68, -1.5, "Wakefield"],
  WV: [52.59, -2.13, "Wolverhampton"],
  YO: [53.96, -1.08, "York"],
  ZE: [60.15, -1.15, "Lerwick"],
}
const DEFAULT_CENTRE: [number, number, string] = [52.6, -1.6, "Sandbox Town"]

/** Bounding box of the UK (Great Britain, Northern Ireland, Scilly, Shetland) in decimal degrees: a LatLong search must fall in it. */
const UK_BOUNDS = { minLat: 49.8, maxLat: 60.9, minLon: -8.7, maxLon: 1.8 }

/** Postcode area whose centroid (AREAS) is nearest to a point, by equirectangular distance; ties keep table order. */
export function nearestPostcodeArea(latitude: number, longitude: number): string {
  let best = ""
  let bestDistance = Infinity
  for (const [area, [lat, lon]] of Object.entries(AREAS)) {
    const dx = (longitude - lon) * Math.cos((((latitude + lat) / 2) * Math.PI) / 180)
    const dy = latitude - lat
    const distance = dx * dx + dy * dy
    if (distance < bestDistance) {
      best = area
      bestDistance = distance
    }
  }
  return best
}

/** Outward code, area entry and centre a pickup search uses for a destination (see the module comment). */
function searchArea(dest: WireAddress): { outward: string; area: [number, number, string]; h: Buffer; centre: { lat: number; lon: number } } {
  const match = UK_POSTCODE.exec(dest.Postcode)
  const byLatLong = !match && dest.LatLong ? nearestPostcodeArea(dest.LatLong.Latitude, dest.LatLong.Longitude) : null
  const outward = match ? `${match[1]}${match[2]}`.toUpperCase() : byLatLong ? `${byLatLong}1` : dest.Postcode.toUpperCase() || "ZZ1"
  const area = AREAS[match?.[1].toUpperCase() ?? byLatLong ?? ""] ?? DEFAULT_CENTRE
  const hash = hashBytes(outward)
  const centre = dest.LatLong
    ? { lat: dest.LatLong.Latitude, lon: dest.LatLong.Longitude }
    : { lat: area[0] + (hash[0] - 128) / 6400, lon: area[1] + (hash[1] - 128) / 4000 }
  return { outward, area, h: hash, centre }
}

/**
 * The request a Pickup Options search prices with: `req` itself when the destination has a postcode; for a
 * destination given only by `LatLong`, `req` with the zone of district `<nearest area>1` (e.g. a point near
 * Inverness → IV1 → UK_HIGHLANDS_ISLANDS), so options are priced as for a postcode search there.
 */
export function pickupRequest(req: ShipmentRequest): ShipmentRequest {
  if (UK_POSTCODE.test(req.destination.Postcode) || !req.destination.LatLong) {
    return req
  }
  const { outward } = searchArea(req.destination)
  return { ...req, zone: zoneOf("GB", `${outward} 1AA`) }
}

const NAMES = [
  "Corner Stores",
  "Post Office",
  "Co-op Food",
  "Pharmacy",
  "News & Booze",
  "PickPoint Locker",
  "Launderette",
  "Mini Market",
  "Hardware Store",
  "Phone Repairs",
  "Florist",
  "PickPoint Locker Plus",
]
const STREETS = [
  "High Street",
  "Station Road",
  "Church Lane",
  "Market Place",
  "Victoria Road",
  "Mill Lane",
  "Park Avenue",
  "Queen Street",
  "King Street",
  "New Road",
  "London Road",
  "Bridge Street",
]
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const

/**
 * Reads `Distance` ({Unit:"Km", Value} or a number, > 0) and `MaxResults` (integer 1–50), and checks the destination is in
 * GB and any `LatLong` of it inside the UK bounding box; one 400 `ValidationFailed` naming every bad field otherwise
 * (`Distance.Value`, `MaxResults`, `Addresses`, `Addresses[i].LatLong`). Source: docs/pro-api.md §3.3, §4 PickupOptionsRequest.
 */
export function parsePickupParameters(body: unknown, req: ShipmentRequest): PickupParameters {
  const validation = new Validation()
  const fields = isObject(body) ? body : {}
  const maxResults = typeof fields.MaxResults === "number" ? fields.MaxResults : NaN
  const distance = fields.Distance
  const distanceKm = typeof distance === "number" ? distance : isObject(distance) ? Number(distance.Value) : NaN
  validation.check(
    Number.isFinite(distanceKm) && distanceKm > 0,
    isObject(distance) ? "Distance.Value" : "Distance",
    "Distance must be a number of kilometres greater than 0"
  )
  if (isObject(distance) && distance.Unit !== undefined) {
    validation.check(/^km$/i.test(String(distance.Unit)), "Distance.Unit", "Distance.Unit must be Km")
  }
  validation.check(
    Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= 50,
    "MaxResults",
    "MaxResults must be a whole number between 1 and 50"
  )
  validation.check(req.destination.Country.IsoCode.TwoLetterCode === "GB", "Addresses", "Pickup options are only available for destinations in GB")
  const latLong = req.destination.LatLong
  if (latLong) {
    const at = `Addresses[${req.Addresses.indexOf(req.destination)}].LatLong`
    const inside =
      latLong.Latitude >= UK_BOUNDS.minLat &&
      latLong.Latitude <= UK_BOUNDS.maxLat &&
      latLong.Longitude >= UK_BOUNDS.minLon &&
      latLong.Longitude <= UK_BOUNDS.maxLon
    validation.check(
      inside,
      at,
      `${at} (${latLong.Latitude}, ${latLong.Longitude}) is outside the UK (latitude ${UK_BOUNDS.minLat} to ${UK_BOUNDS.maxLat}, longitude ${UK_BOUNDS.minLon} to ${UK_BOUNDS.maxLon})`
    )
  }
  validation.throwIfAny()
  return { distanceKm, maxResults }
}

/**
 * Pickup locations within `distanceKm` of the destination (its postcode, or its LatLong: see the module comment),
 * nearest first, at most `maxResults`.
 */
export function pickupLocations(req: ShipmentRequest, params: PickupParameters, _now: Date): PickupLocation[] {
  const { outward, area, h, centre } = searchArea(req.destination)
  const out: PickupLocation[] = []
  for (let i = 0; i < NAMES.length; i++) {
    const distanceKm = Math.round((0.15 + i * 0.4) * 100) / 100
    if (distanceKm > params.distanceKm) {
      break
    }
    out.push(makeLocation(i, outward, area[2], h, centre, distanceKm))
  }
  return out.slice(0, params.maxResults)
}

function makeLocation(
  i: number,
  outward: string,
  town: string,
  hash: Buffer,
  centre: { lat: number; lon: number },
  distanceKm: number
): PickupLocation {
  const name = NAMES[(i + hash[2]) % NAMES.length]
  const locker = name.includes("Locker")
  const shopReference = `GB${String(((hash[3] << 8) + hash[4] + i * 137) % 100000).padStart(5, "0")}`
  const bearing = ((hash[5] + i * 97) % 360) * (Math.PI / 180)
  const lat = centre.lat + (distanceKm / 111.2) * Math.cos(bearing)
  const lon = centre.lon + (distanceKm / (111.2 * Math.cos((centre.lat * Math.PI) / 180))) * Math.sin(bearing)
  const inward = `${(hash[6] + i) % 10}${String.fromCharCode(65 + ((hash[7] + i) % 26))}${String.fromCharCode(65 + ((hash[8] + 3 * i) % 26))}`
  const address: WireAddress = {
    AddressType: "Destination",
    ShopLocationReference: shopReference,
    Contact: null,
    CompanyName: name,
    ShippingLocationReference: null,
    CustomerName: null,
    AddressLine1: `${1 + ((hash[9] + i * 7) % 180)} ${STREETS[(hash[10] + i) % STREETS.length]}`,
    AddressLine2: "",
    AddressLine3: "",
    Town: town,
    Region: "",
    Postcode: `${outward} ${inward}`,
    Country: { Name: "United Kingdom", IsoCode: { TwoLetterCode: "GB" } },
    RegionCode: "",
    SpecialInstructions: "",
    LatLong: { Latitude: round5(lat), Longitude: round5(lon) },
    IsCached: false,
  }
  const services = locker ? ["PP_LOCKER"] : i % 3 === 0 ? ["PP_SHOP", "PP_LOCKER"] : ["PP_SHOP"]
  return {
    shopReference,
    reservationRequired: locker,
    services,
    address,
    distanceKm,
    wire: {
      Name: name,
      ShopReference: shopReference,
      Address: {
        AddressLine1: address.AddressLine1,
        AddressLine2: "",
        AddressLine3: "",
        Town: town,
        Region: "",
        Postcode: address.Postcode,
        Country: { Name: "United Kingdom", IsoCode: { TwoLetterCode: "GB", ThreeLetterCode: "GBR", NumericCode: "826" } },
        RegionCode: "",
        IsCached: false,
      },
      Distance: distanceKm,
      OpeningTimes: openingTimes(locker, (hash[11] + i) % 3),
      Reservation: { IsReservationRequired: locker, ExpiryDate: null },
      AdditionalInformation: [
        { Key: "Language", Value: "en" },
        { Key: "DisabledAccess", Value: locker || (hash[12] + i) % 2 === 0 ? "True" : "False" },
        { Key: "LocationType", Value: locker ? "Locker" : "Shop" },
      ],
    },
  }
}

function openingTimes(locker: boolean, pattern: number): Record<string, unknown[]> {
  const slot = (Start: string, End: string) => [{ Start, End, UtcOffset: "0:00" }]
  const week = locker ? slot("00:00:00", "23:59:00") : pattern === 0 ? slot("07:00:00", "22:00:00") : slot("09:00:00", "17:30:00")
  return Object.fromEntries(
    WEEKDAYS.map((weekday) => [
      weekday,
      locker || weekday !== "Sunday"
        ? weekday === "Saturday" && !locker
          ? slot("09:00:00", "17:00:00")
          : week
        : pattern === 0
          ? slot("10:00:00", "16:00:00")
          : [],
    ])
  )
}

function hashBytes(text: string): Buffer {
  return createHash("sha256").update(text).digest()
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5
}
