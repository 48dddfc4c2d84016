/** Sample PRO API requests for the tools that drive a sandbox directly (the sandbox bench, the packaging check). */

/** Sandbox clock for reproducible runs: Monday 16 June 2025, 10:00 London, a working day before every cut-off. */
export const SANDBOX_MONDAY_MORNING = "2025-06-16T10:00:00+01:00"

/**
 * A `POST /deliveryoptions` body: one package (1.2 kg, 30×20×10 cm, £25 of socks) from SL-MANCHESTER to London
 * SW1A 1AA, under `reference`. `items` (the package's lines) and `contact` (the recipient) are added when given.
 */
export function oneParcelToLondon(reference: string, extra: { items?: object[]; contact?: object } = {}) {
  return {
    ConsignmentReferenceProvidedByCustomer: reference,
    Direction: "Outbound",
    Packages: [
      {
        Weight: { Value: 1.2, Unit: "Kg" },
        Dimensions: { Unit: "Cm", Width: 20, Length: 30, Height: 10 },
        Value: { Amount: 25, Currency: { IsoCode: "GBP" } },
        Description: "Socks",
        ...(extra.items ? { Items: extra.items } : {}),
      },
    ],
    Addresses: [
      { AddressType: "Origin", ShippingLocationReference: "SL-MANCHESTER" },
      {
        AddressType: "Destination",
        ...(extra.contact ? { Contact: extra.contact } : {}),
        AddressLine1: "1 Test Road",
        Town: "London",
        Postcode: "SW1A 1AA",
        Country: { IsoCode: { TwoLetterCode: "GB" } },
      },
    ],
  }
}
