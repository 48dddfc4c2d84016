/**
 * Catalogue routes (CONTRACT.md §2, §4): carrier services, carriers, service groups, shipping
 * locations and package sizes. The contract has no response examples for these (§7); shapes follow
 * the §4 data contracts and are listed in README "Decisions".
 */
import { Router } from "express"
import {
  CARRIERS,
  carrierOf,
  COUNTRY_NAMES,
  findServiceGroup,
  findShippingLocation,
  PACKAGE_SIZES,
  SERVICES,
  SERVICE_GROUPS,
  ServiceGroup,
  SHIPPING_LOCATIONS,
  ShippingLocation,
} from "../catalogue"
import { notFound } from "../errors"
import { handle, ok, param, SandboxContext } from "../http"

/** Routes for the read-only catalogue. */
export function catalogueRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const customer = ctx.store.customerReference

  r.get(
    "/carrierservices",
    handle(() => ok({ MpdCarrierServices: SERVICES.map(serviceJson) }))
  )
  const carriers = handle(() =>
    ok(
      CARRIERS.map((c) => ({
        Reference: c.Reference,
        Name: c.Name,
        MpdCarrierServices: SERVICES.filter((s) => s.CarrierReference === c.Reference).map((s) => s.Reference),
      }))
    )
  )
  r.get("/carriers", carriers)
  r.get("/carriers/getcarriers", carriers)

  r.get(
    "/servicegroups",
    handle(() => ok(SERVICE_GROUPS.map((g) => groupJson(g, customer))))
  )
  r.get(
    "/servicegroups/summaries",
    handle(() => ok(SERVICE_GROUPS.map((g) => ({ Reference: g.Reference, Name: g.Name, IsEnabled: true, NumberOfServices: g.services.length }))))
  )
  r.get(
    "/servicegroups/:reference",
    handle((req) => {
      const g = findServiceGroup(param(req, "reference"))
      if (!g) {
        throw notFound("Service group", param(req, "reference"))
      }
      return ok(groupJson(g, customer))
    })
  )

  const locations = handle(() => ok(SHIPPING_LOCATIONS.map((l, i) => locationJson(l, i, customer))))
  r.get("/shippinglocations", locations)
  r.get("/shippinglocations/assigned", locations)
  r.get(
    "/shippinglocations/:reference",
    handle((req) => {
      const l = findShippingLocation(param(req, "reference"))
      if (!l) {
        throw notFound("Shipping location", param(req, "reference"))
      }
      return ok(locationJson(l, SHIPPING_LOCATIONS.indexOf(l), customer))
    })
  )

  r.get(
    "/packagesizes",
    handle(() => ok(PACKAGE_SIZES))
  )
  return r
}

/** `MpdCarrierService` (§4) plus the sandbox's rule fields (window, cut-off, limits). */
function serviceJson(s: (typeof SERVICES)[number]) {
  return {
    Name: s.Name,
    Description: `${carrierOf(s).Name} ${s.Name}`,
    Reference: s.Reference,
    MpdCarrierReference: s.CarrierReference,
    CarrierName: carrierOf(s).Name,
    Status: "Active",
    Source: "Internal",
    Type: s.Type,
    IsConfigured: true,
    ServiceDirection: s.direction,
    CarrierServiceTypes: s.ServiceTypes,
    Guaranteed: s.guaranteed,
    IsTracked: s.tracked,
    IsSigned: s.signed,
    DeliveryWindow: { Start: `${s.window.start}:00`, End: `${s.window.end}:00` },
    DeliveryDays: s.deliversOn,
    CollectionDays: s.collectsOn,
    AllocationCutOff: `${s.cutOff}:00`,
    Zones: Object.keys(s.zones),
    MaxWeight: { Value: s.maxWeightKg, Unit: "Kg" },
    MaxLength: { Value: s.maxLengthCm, Unit: "Cm" },
  }
}

/** `MpdCarrierServiceGroup` (§4). */
function groupJson(g: ServiceGroup, customer: string) {
  return {
    Reference: g.Reference,
    Name: g.Name,
    CustomerReference: customer,
    IsEnabled: true,
    MpdCarrierServiceProfiles: g.services.map((ref) => {
      const s = SERVICES.find((x) => x.Reference === ref)!
      return { MpdCarrierServiceReference: s.Reference, MpdCarrierServiceName: s.Name, CarrierReference: s.CarrierReference }
    }),
  }
}

/** `ShippingLocation` (§4): address keys plus Id, Reference, Name, type, returns flag, notes, customer. */
function locationJson(l: ShippingLocation, index: number, customer: string) {
  return {
    Id: index + 1,
    Reference: l.Reference,
    Name: l.Name,
    ShippingLocationType: l.ShippingLocationType,
    DefaultLocationForReturns: l.Reference === "SL-MANCHESTER",
    Notes: "",
    CustomerReference: customer,
    Contact: { ...l.contact, Title: "", Mobile: l.contact.Telephone, LandLine: "" },
    CompanyName: l.CompanyName,
    AddressLine1: l.AddressLine1,
    AddressLine2: l.AddressLine2,
    AddressLine3: l.AddressLine3,
    Town: l.Town,
    Region: l.Region,
    Postcode: l.Postcode,
    Country: { Name: COUNTRY_NAMES[l.CountryCode], IsoCode: { TwoLetterCode: l.CountryCode } },
    LatLong: l.latLong,
  }
}
