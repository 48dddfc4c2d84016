/**
 * Seeding for bench/scale.ts: PRO consignments through the sandbox's bulk seed (`POST /_sandbox/seed/consignments`,
 * sandbox/README.md) and our matching records (`sorted_pro_consignment`) in one SQL statement per batch.
 */
import axios from "axios"
import type { Stack } from "../lib/stack"

/** Carriers spread over the seeded records (the list filter by carrier picks one). */
export const CARRIERS = ["DPD", "ROYALMAIL", "EVRI", "DHL"]
/** The shipping location every seeded consignment ships from (the demo's default). */
export const LOCATION = "SL-MANCHESTER"

/** A Create Consignment body (docs/pro-api.md §3.1) from {@link LOCATION}; `shippingDate` (YYYY-MM-DD) asks for a later ship day. */
export function shipmentBody(shippingDate?: string) {
  return {
    ConsignmentReferenceProvidedByCustomer: "bench-scale",
    ...(shippingDate ? { ShippingDate: `${shippingDate}T00:00:00+00:00` } : {}),
    Packages: [
      {
        Weight: { Value: 1.2, Unit: "Kg" },
        Dimensions: { Unit: "Cm", Width: 20, Length: 30, Height: 10 },
        Value: { Amount: 25, Currency: { IsoCode: "GBP" } },
        Description: "Bench parcel",
      },
    ],
    Addresses: [
      { AddressType: "Origin", ShippingLocationReference: LOCATION },
      {
        AddressType: "Destination",
        Contact: { FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", Telephone: "07700900000" },
        AddressLine1: "1 King Street",
        Town: "London",
        Postcode: "SW1A 1AA",
        Country: { IsoCode: { TwoLetterCode: "GB" } },
      },
    ],
  }
}

/** Sets the sandbox clock (it stands still between sets: sandbox/clock.ts). */
export async function setSandboxClock(sandboxUrl: string, now: Date): Promise<void> {
  await axios.post(`${sandboxUrl}/_sandbox/clock`, { now: now.toISOString() })
}

/** `count` allocated consignments in the sandbox, in batches of 20,000; returns their references in order. */
export async function seedProConsignments(sandboxUrl: string, count: number, shippingDate?: string): Promise<string[]> {
  const references: string[] = []
  for (let done = 0; done < count; done += 20_000) {
    const batch = Math.min(20_000, count - done)
    const response = await axios.post(`${sandboxUrl}/_sandbox/seed/consignments`, {
      count: batch,
      shipment: shipmentBody(shippingDate),
      allocate: true,
    })
    references.push(...(response.data.references as string[]))
  }
  return references
}

/**
 * Our records of `references` (synced, `Allocated`, Order Flex, a fulfillment each unless `withFulfillment` is false —
 * then the tracking sync does not follow them —, tracked now, so no tracking pass reads them on their own), numbered from `first`, created over the last 30 days, carriers spread over {@link CARRIERS}.
 * Inserted 10,000 per statement.
 */
export async function insertRecords(stack: Stack, references: string[], first: number, withFulfillment = true): Promise<void> {
  for (let offset = 0; offset < references.length; offset += 10_000) {
    const batch = references.slice(offset, offset + 10_000)
    await stack.sql(
      `insert into sorted_pro_consignment (id, order_id, fulfillment_id, customer_reference, reference, flow, sync_status, state,
         shipping_location_reference, carrier_reference, tracked_at, created_at, updated_at)
       select 'spcon_scale' || (${first + offset} + i), 'order_scale' || (${first + offset} + i), ${withFulfillment ? `'ful_scale' || (${first + offset} + i)` : "null"},
         'scale-' || (${first + offset} + i), ref, 'order_flex', 'synced', 'Allocated', '${LOCATION}',
         (array['${CARRIERS.join("','")}'])[1 + (${first + offset} + i) % ${CARRIERS.length}], now(),
         now() - ((${first + offset} + i) % 43200) * interval '1 minute', now()
       from unnest($1::text[]) with ordinality as t(ref, i)`,
      [batch]
    )
  }
  await stack.sql(`analyze sorted_pro_consignment`)
}
