import type { PickupOptionsRequest, ProPickupLocation } from "../pro"
import type { ResolvedOptions } from "../options"
import type { PickupLocationView } from "../../types"
import { CartForDelivery, CheckoutMappingError } from "./cart"
import { toPackage } from "./package"
import { toCheckoutOptions } from "./views"

/** Where to search for pickup points: a postal code, or a latitude/longitude; radius in km; 1–50 results. */
export interface PickupSearch {
  postal_code?: string
  lat?: number
  lng?: number
  radius_km: number
  max_results: number
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const

/**
 * The Pickup Options request (docs/pro-api.md §3.3): the cart's Delivery Options request with the search centre as
 * destination (postal code, or `LatLong`), `Distance {Unit: "Km", Value}` and `MaxResults`.
 * @throws CheckoutMappingError naming `postal_code` when neither a postal code nor lat/lng is given.
 */
export function buildPickupOptionsRequest(
  cart: CartForDelivery,
  shippingLocationReference: string,
  search: PickupSearch,
  options: ResolvedOptions
): PickupOptionsRequest {
  if (!search.postal_code && (search.lat === undefined || search.lng === undefined)) {
    throw new CheckoutMappingError("postal_code", "Give a postal_code, or lat and lng, to search pickup points")
  }
  if (!cart.items?.length) {
    throw new CheckoutMappingError("items", "The cart has no items")
  }
  const address = cart.shipping_address ?? {}
  return {
    ConsignmentReferenceProvidedByCustomer: cart.id,
    Direction: "Outbound",
    Packages: [toPackage(`${cart.id}-1`, cart.items, cart.currency_code, options)],
    Addresses: [
      { AddressType: "Origin", ShippingLocationReference: shippingLocationReference, IsCached: false },
      {
        AddressType: "Destination",
        Contact: { FirstName: address.first_name ?? "", LastName: address.last_name ?? "", Telephone: address.phone ?? "" },
        Postcode: (search.postal_code ?? address.postal_code ?? "").toUpperCase(),
        Country: { IsoCode: { TwoLetterCode: (address.country_code ?? "gb").toUpperCase() } },
        LatLong: search.lat !== undefined && search.lng !== undefined ? { Latitude: search.lat, Longitude: search.lng } : null,
        IsCached: false,
      },
    ],
    Distance: { Unit: "Km", Value: search.radius_km },
    MaxResults: search.max_results,
  }
}

const hhmm = (time: string) =>
  time
    .split(":")
    .slice(0, 2)
    .map((part) => part.padStart(2, "0"))
    .join(":")

/** A PRO pickup location as {@link PickupLocationView}; its options filtered as home-delivery options are. */
export function toPickupLocationView(location: ProPickupLocation, currencyCode: string, now = Date.now()): PickupLocationView {
  const address = location.Address ?? {}
  const info = Object.fromEntries((location.AdditionalInformation ?? []).map((entry) => [entry.Key, String(entry.Value)]))
  const openingTimes = Object.fromEntries(
    WEEKDAYS.map((day) => [day.toLowerCase(), (location.OpeningTimes?.[day] ?? []).map((slot) => ({ start: hhmm(slot.Start), end: hhmm(slot.End) }))])
  ) as PickupLocationView["opening_times"]
  return {
    shop_reference: location.ShopReference,
    name: location.Name,
    address: {
      address_1: address.AddressLine1 ?? "",
      address_2: address.AddressLine2 ?? "",
      address_3: address.AddressLine3 ?? "",
      city: address.Town ?? "",
      province: address.Region ?? "",
      postal_code: address.Postcode ?? "",
      country_code: (address.Country?.IsoCode?.TwoLetterCode ?? "").toLowerCase(),
    },
    distance_km: Math.round(Number(location.Distance ?? 0) * 100) / 100,
    opening_times: openingTimes,
    accessibility: { disabled_access: /^true$/i.test(info.DisabledAccess ?? "") },
    additional_information: info,
    reservation_required: Boolean(location.Reservation?.IsReservationRequired),
    options: toCheckoutOptions(location.DeliveryOptions ?? [], currencyCode, now),
  }
}
