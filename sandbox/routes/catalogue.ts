/**
 * Catalogue routes (docs/pro-api.md §2, §4): carrier services, carriers, service groups, shipping
 * locations and package sizes. The contract has no response examples for these (§7); shapes follow
 * the §4 data contracts and are listed in README "Decisions".
 */
import { Router } from "express"
import {
  CARRIERS,
  carrierOf,
  findServiceGroup,
  findShippingLocation,
  PACKAGE_SIZES,
  SERVICES,
  SERVICE_GROUPS,
  ServiceGroup,
  SHIPPING_LOCATIONS,
  ShippingLocation,
} from "../catalogue"
import { locationPostalLines } from "../addresses"
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
      CARRIERS.map((carrier) => ({
        Reference: carrier.Reference,
        Name: carrier.Name,
        TrackingUrl: carrier.trackingUrl,
        MpdCarrierServices: SERVICES.filter((service) => service.CarrierReference === carrier.Reference).map((service) => service.Reference),
      }))
    )
  )
  r.get("/carriers", carriers)
  r.get("/carriers/getcarriers", carriers)

  r.get(
    "/servicegroups",
    handle(() => ok(SERVICE_GROUPS.map((group) => groupJson(group, customer))))
  )
  r.get(
    "/servicegroups/summaries",
    handle(() =>
      ok(SERVICE_GROUPS.map((group) => ({ Reference: group.Reference, Name: group.Name, IsEnabled: true, NumberOfServices: group.services.length })))
    )
  )
  r.get(
    "/servicegroups/:reference",
    handle((req) => {
      const found = findServiceGroup(param(req, "reference"))
      if (!found) {
        throw notFound("Service group", param(req, "reference"))
      }
      return ok(groupJson(found, customer))
    })
  )

  const locations = handle(() => ok(SHIPPING_LOCATIONS.map((location, i) => locationJson(location, i, customer))))
  r.get("/shippinglocations", locations)
  r.get("/shippinglocations/assigned", locations)
  r.get(
    "/shippinglocations/:reference",
    handle((req) => {
      const found = findShippingLocation(param(req, "reference"))
      if (!found) {
        throw notFound("Shipping location", param(req, "reference"))
      }
      return ok(locationJson(found, SHIPPING_LOCATIONS.indexOf(found), customer))
    })
  )

  r.get(
    "/packagesizes",
    handle(() => ok(PACKAGE_SIZES))
  )
  return r
}

/** `MpdCarrierService` (§4) plus the sandbox's rule fields (window, cut-off, limits). */
function serviceJson(service: (typeof SERVICES)[number]) {
  return {
    Name: service.Name,
    Description: `${carrierOf(service).Name} ${service.Name}`,
    Reference: service.Reference,
    MpdCarrierReference: service.CarrierReference,
    CarrierName: carrierOf(service).Name,
    Status: "Active",
    Source: "Internal",
    Type: service.Type,
    IsConfigured: true,
    ServiceDirection: service.direction,
    CarrierServiceTypes: service.ServiceTypes,
    Guaranteed: service.guaranteed,
    IsTracked: service.tracked,
    IsSigned: service.signed,
    DeliveryWindow: { Start: `${service.window.start}:00`, End: `${service.window.end}:00` },
    DeliveryDays: service.deliversOn,
    CollectionDays: service.collectsOn,
    AllocationCutOff: `${service.cutOff}:00`,
    Zones: Object.keys(service.zones),
    MaxWeight: { Value: service.maxWeightKg, Unit: "Kg" },
    MaxLength: { Value: service.maxLengthCm, Unit: "Cm" },
  }
}

/** `MpdCarrierServiceGroup` (§4). */
function groupJson(group: ServiceGroup, customer: string) {
  return {
    Reference: group.Reference,
    Name: group.Name,
    CustomerReference: customer,
    IsEnabled: true,
    MpdCarrierServiceProfiles: group.services.map((ref) => {
      const service = SERVICES.find((x) => x.Reference === ref)!
      return { MpdCarrierServiceReference: service.Reference, MpdCarrierServiceName: service.Name, CarrierReference: service.CarrierReference }
    }),
  }
}

/** `ShippingLocation` (§4): address keys plus Id, Reference, Name, type, returns flag, notes, customer. */
function locationJson(location: ShippingLocation, index: number, customer: string) {
  return {
    Id: index + 1,
    Reference: location.Reference,
    Name: location.Name,
    ShippingLocationType: location.ShippingLocationType,
    DefaultLocationForReturns: location.Reference === "SL-MANCHESTER",
    Notes: "",
    CustomerReference: customer,
    Contact: { ...location.contact, Title: "", Mobile: location.contact.Telephone, LandLine: "" },
    CompanyName: location.CompanyName,
    ...locationPostalLines(location),
    LatLong: location.latLong,
  }
}
