import { originOf, originUpdateRequest, recordFieldsFromPro } from "../records"
import type { ProConsignment, ProPackage } from "../../pro"

const packed: ProConsignment = {
  Reference: "EC-000-000-0AB",
  ConsignmentState: "Allocated",
  ConsignmentReferenceProvidedByCustomer: "order_1",
  ShippingDate: "2026-12-02T00:00:00+00:00",
  RequestedDeliveryDate: "2026-12-03T00:00:00+00:00",
  Direction: "Outbound",
  CustomsDocumentation: null,
  MetaData: [{ KeyValue: "k", StringValue: "v" }],
  Tags: ["medusa"],
  Addresses: [
    {
      AddressType: "Origin",
      ShippingLocationReference: "SL-MANCHESTER",
      AddressLine1: "Third Floor",
      Town: "Manchester",
      Postcode: "M1 5WG",
      IsCached: false,
    },
    {
      AddressType: "Destination",
      AddressLine1: "1 King Street",
      Town: "Leeds",
      Postcode: "LS1 1AA",
      Country: { IsoCode: { TwoLetterCode: "GB" } },
      IsCached: false,
    },
  ],
  Packages: [
    { Reference: "EP-000-000-001", Weight: { Value: 1, Unit: "Kg" }, Dimensions: { Unit: "Cm", Width: 1, Length: 1, Height: 1 } } as ProPackage,
  ],
  ConsignmentLegs: [
    { Leg: 1, TrackingReferences: ["T1", "T2"], CarrierReference: "CARRIER_X", CarrierServiceReference: "CX_NDS", CarrierName: "Carrier X" },
    { Leg: 2, TrackingReferences: ["T2", "T3"] },
  ],
}

describe("consignment mapping", () => {
  it("reads the origin shipping location and the record fields", () => {
    expect(originOf(packed)).toBe("SL-MANCHESTER")
    expect(recordFieldsFromPro(packed)).toMatchObject({
      reference: "EC-000-000-0AB",
      state: "Allocated",
      carrier_reference: "CARRIER_X",
      tracking_numbers: ["T1", "T2", "T3"],
      packages: { items: [{ package_reference: "EP-000-000-001", weight_kg: 1, dimensions_cm: { length: 1, width: 1, height: 1 }, items: [] }] },
    })
  })

  it("moves a consignment to another shipping location keeping what Update replaces wholesale, and not its packages", () => {
    const update = originUpdateRequest(packed, "SL-LONDON")
    expect(update).toMatchObject({
      Reference: "EC-000-000-0AB",
      ConsignmentReferenceProvidedByCustomer: "order_1",
      ShippingDate: "2026-12-02T00:00:00+00:00",
      RequiredDeliveryDate: { Date: "2026-12-03T00:00:00+00:00", IsToBeExactlyOnTheDateSpecified: true },
      MetaData: [{ KeyValue: "k", StringValue: "v" }],
      Tags: ["medusa"],
    })
    expect(update.Addresses[0]).toEqual({ AddressType: "Origin", ShippingLocationReference: "SL-LONDON", IsCached: false })
    expect(update.Addresses[1]).toEqual(packed.Addresses![1])
    expect(update).not.toHaveProperty("Packages")
    // the promised day goes on the wire in the ISO date-time form of the examples (docs/pro-api.md §3.6)
    expect(originUpdateRequest(packed, "SL-LONDON", "2026-12-04").RequiredDeliveryDate?.Date).toBe("2026-12-04T00:00:00+00:00")
  })
})
