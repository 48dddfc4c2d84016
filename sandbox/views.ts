/**
 * The JSON views PRO returns for stored consignments: Get Consignment, status, search summary and the
 * Allocation Summary (docs/pro-api.md §3.4, §3.7, §3.12); `state.ts` re-exports everything here.
 */
import { describeShippingDay, isoDateOnly, isoLondon } from "./clock"
import { deliveryBounds, rate } from "./availability"
import { carrierOf, findCarrier } from "./catalogue"
import { Json, totals, WireContact, wirePackage } from "./model"
import { eventsSoFar } from "./tracking"
import type { Consignment, Store } from "./state"
export function recipientName(address: { Contact: WireContact | null; CompanyName: string | null }): string {
  const contact = address.Contact
  const name = contact ? [contact.FirstName?.[0] ? `${contact.FirstName[0]}.` : "", contact.LastName ?? ""].join(" ").trim() : ""
  return name || address.CompanyName || "Recipient"
}

/** `{Rel, Href}` link (§1 ApiLink). */
export function link(rel: string, href: string): { Rel: string; Href: string } {
  return { Rel: rel, Href: href }
}

/**
 * AllocationSummary (§3.4/§3.7) of an allocated consignment, or the failure variant
 * (`StatusCode` 400, `Description` = failure message, no carrier fields) for AllocationFailed.
 */
export function allocationSummary(consignment: Consignment, baseUrl: string): Json {
  const detail = link("detail", `${baseUrl}/consignments/${consignment.Reference}`)
  if (!consignment.allocation) {
    return {
      StatusCode: 400,
      ApiLinks: [detail],
      Description: consignment.failedAllocation?.Message ?? `Consignment ${consignment.Reference} is not allocated`,
      ConsignmentLegs: [],
      CarrierReference: null,
      CarrierName: null,
      CarrierServiceReference: null,
      CarrierServiceName: null,
    }
  }
  const { service, shipDay } = consignment.allocation
  const carrier = carrierOf(service)
  return {
    StatusCode: 200,
    ApiLinks: [detail, link("label", `${baseUrl}/labels/${consignment.Reference}`)],
    Description: `Consignment ${consignment.Reference} has been successfully allocated with ${carrier.Name} ${service.Name} for shipping on ${describeShippingDay(shipDay)}`,
    ConsignmentLegs: [
      consignmentLeg(
        consignment,
        consignment.packages.map((storedPackage) => storedPackage.trackingReference!)
      ),
    ],
    CarrierReference: carrier.Reference,
    CarrierName: carrier.Name,
    CarrierServiceReference: service.Reference,
    CarrierServiceName: service.Name,
  }
}

function consignmentLeg(consignment: Consignment, tracking: string[]): Json {
  const carrier = carrierOf(consignment.allocation!.service)
  return { Leg: 1, TrackingReferences: tracking, CarrierReference: carrier.Reference, CarrierServiceReference: null, CarrierName: carrier.Name }
}

/** Full consignment JSON (§3.12 "Get Consignment", every key of the example plus §4 extras). */
export function consignmentJson(store: Store, consignment: Consignment, now: Date): Json {
  const allocation = consignment.allocation
  const bounds = allocation ? deliveryBounds({ service: allocation.service, deliveryDay: allocation.deliveryDay }) : null
  const happened = eventsSoFar(store.timeline(consignment), now)
  const at = (state: string) => happened.find((event) => event.state === state)?.at
  const delivered = at("Delivered")
  const sums = totals(consignment.req.Packages)
  return {
    ConsignmentLegs: allocation
      ? [
          consignmentLeg(
            consignment,
            consignment.packages.map((storedPackage) => storedPackage.trackingReference!)
          ),
        ]
      : [],
    CollectionDate: allocation ? isoDateOnly(allocation.shipDay) : null,
    DateDelivered: iso(delivered),
    FirstAttemptedDeliveryDate: iso(delivered),
    DateReturned: null,
    DateShipped: iso(at("Collected")),
    DateCollected: iso(at("Collected")),
    AttemptedDeliveryDate: iso(delivered),
    MetaData: consignment.req.MetaData,
    Allocation: allocation
      ? {
          CarrierServiceGroupReference: allocation.group?.Reference ?? null,
          MpdCarrierServiceGroupName: allocation.group?.Name ?? null,
          MpdCarrierServiceReference: allocation.service.Reference,
          MpdCarrierServiceName: allocation.service.Name,
          AllocationDate: isoLondon(allocation.at),
          Price: rate(allocation.net, consignment.req.zone),
        }
      : null,
    FailedAllocation: consignment.failedAllocation,
    Source: consignment.req.Source,
    LabelCount: consignment.labelCount,
    LabelsPrinted: consignment.labelCount > 0,
    DateLabelsWereFirstPrinted: iso(consignment.labelsFirstPrinted ?? undefined),
    IsLate: !!(bounds && ((delivered && delivered > bounds.latest) || (!delivered && now > bounds.latest && consignment.state === "Manifested"))),
    LateForCustomer: false,
    CustomerReference: store.customerReference,
    Weight: { Value: sums.weightKg, Unit: "Kg" },
    Value: sums.value,
    CustomsDocumentation: consignment.req.CustomsDocumentation,
    Direction: consignment.req.Direction,
    Tags: consignment.req.Tags,
    Reference: consignment.Reference,
    ConsignmentState: store.stateOf(consignment, now),
    DateCreated: isoLondon(consignment.dateCreated),
    ShippingDate: allocation ? isoDateOnly(allocation.shipDay) : consignment.req.ShippingDay ? isoDateOnly(consignment.req.ShippingDay) : null,
    RequestedDeliveryDate: consignment.req.DeliveryDay ? isoDateOnly(consignment.req.DeliveryDay) : null,
    EarliestDeliveryDate: bounds ? isoLondon(bounds.earliest) : null,
    LatestDeliveryDate: bounds ? isoLondon(bounds.latest) : null,
    ConsignmentReferenceProvidedByCustomer: consignment.req.ConsignmentReferenceProvidedByCustomer,
    Addresses: consignment.req.Addresses,
    Packages: consignment.packages.map((storedPackage) => ({
      ConsignmentLegs: allocation && storedPackage.trackingReference ? [consignmentLeg(consignment, [storedPackage.trackingReference])] : [],
      Items: storedPackage.items,
      Charges: [],
      Reference: storedPackage.Reference,
      ...wirePackage(storedPackage.input),
    })),
    IsUnAllocated: !allocation,
    LocationInformation: consignment.locationInformation,
    ManifestReference: consignment.manifest?.reference ?? null,
    OrderReference: consignment.orderReference,
  }
}

/** ConsignmentStatusResponse (§3.12 second example). */
export function statusJson(store: Store, consignment: Consignment, now: Date, baseUrl: string): Json {
  const allocation = consignment.allocation
  return {
    ConsignmentReferenceForAllLegsAssignedByMpd: consignment.Reference,
    Status: store.stateOf(consignment, now),
    ExpectedDeliveryDate: allocation ? isoLondon(deliveryBounds({ service: allocation.service, deliveryDay: allocation.deliveryDay }).latest) : null,
    ApiLink: link("Link", `${baseUrl}/consignments/${consignment.Reference}`),
  }
}

/** One `ConsignmentSummaries` entry of Search Consignments (§2; keys chosen per README). */
export function consignmentSummary(store: Store, consignment: Consignment, now: Date): Json {
  const allocation = consignment.allocation
  const carrier = allocation ? carrierOf(allocation.service) : null
  return {
    Reference: consignment.Reference,
    ConsignmentReferenceProvidedByCustomer: consignment.req.ConsignmentReferenceProvidedByCustomer,
    ConsignmentState: store.stateOf(consignment, now),
    CarrierReference: carrier?.Reference ?? null,
    CarrierName: carrier?.Name ?? null,
    CarrierServiceReference: allocation?.service.Reference ?? null,
    CarrierServiceName: allocation?.service.Name ?? null,
    ShippingLocationReference: shippingLocationOf(consignment),
    ShippingDate: allocation ? isoDateOnly(allocation.shipDay) : consignment.req.ShippingDay ? isoDateOnly(consignment.req.ShippingDay) : null,
    DateCreated: isoLondon(consignment.dateCreated),
    Direction: consignment.req.Direction,
    LabelsPrinted: consignment.labelCount > 0,
    TrackingReferences: consignment.packages.map((storedPackage) => storedPackage.trackingReference).filter(Boolean),
    FailedAllocationMessage: consignment.failedAllocation?.Message ?? null,
    DestinationPostcode: consignment.req.destination.Postcode,
    DestinationCountryIsoCode: consignment.req.destination.Country.IsoCode.TwoLetterCode,
  }
}

/** Shipping location of a consignment: the origin's for outbound, the destination's for inbound, else the other one. */
export function shippingLocationOf(consignment: Consignment): string | null {
  const [first, second] =
    consignment.req.Direction === "Inbound"
      ? [consignment.req.destination, consignment.req.origin]
      : [consignment.req.origin, consignment.req.destination]
  return first.ShippingLocationReference ?? second.ShippingLocationReference ?? null
}

/** Carrier reference a consignment is allocated to, if any. */
export function carrierReferenceOf(consignment: Consignment): string | null {
  return consignment.allocation ? findCarrier(consignment.allocation.service.CarrierReference)!.Reference : null
}

function iso(date: Date | undefined): string | null {
  return date ? isoLondon(date) : null
}
