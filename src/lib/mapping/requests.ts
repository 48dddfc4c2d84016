import type { CreateConsignmentRequest, DeliveryOptionsRequest } from "../pro"
import type { ResolvedOptions } from "../options"
import { CartForDelivery, CheckoutMappingError, PackLine } from "./cart"
import { crossesCustomsBorder, customsDocumentation, utcDay } from "./customs"
import { toDestination, toPackage } from "./package"

/**
 * Builds the Delivery Options request (docs/pro-api.md §3.2) for a cart: one package ({@link toPackage}) from
 * the mapped shipping location to the cart's shipping address, with {@link customsDocumentation} when it crosses a
 * customs border (Select Option makes the consignment from this request). `ConsignmentReferenceProvidedByCustomer`
 * is the cart id, so the consignment Select Option creates can be found by it.
 * @throws CheckoutMappingError when the cart has no items or no usable address.
 */
export function buildDeliveryOptionsRequest(
  cart: CartForDelivery,
  shippingLocationReference: string,
  options: ResolvedOptions
): DeliveryOptionsRequest {
  if (!cart.items?.length) {
    throw new CheckoutMappingError("items", "The cart has no items")
  }
  const destination = toDestination(cart)
  const international = crossesCustomsBorder(options.customs.originCountry, destination.Country?.IsoCode.TwoLetterCode)
  return {
    ConsignmentReferenceProvidedByCustomer: cart.id,
    Direction: "Outbound",
    Packages: [toPackage(`${cart.id}-1`, cart.items, cart.currency_code, options)],
    Addresses: [{ AddressType: "Origin", ShippingLocationReference: shippingLocationReference, IsCached: false }, destination],
    // no e-mail here: it is not part of the cart state the options are cached by (see delivery-options.ts)
    ...(international
      ? {
          CustomsDocumentation: customsDocumentation({
            reference: cart.id,
            date: utcDay(),
            importer: { telephone: cart.shipping_address?.phone },
            options,
          }),
        }
      : {}),
  }
}

/**
 * The Create Consignment request (docs/pro-api.md §3.1) for the lines of one fulfillment: one package
 * ({@link toPackage}) from `shippingLocationReference` to `address`, with our `reference` as
 * `ConsignmentReferenceProvidedByCustomer` so that it can be looked up after an ambiguous failure, and
 * {@link customsDocumentation} when the shipment crosses a customs border.
 * @throws CheckoutMappingError when there are no lines or the address lacks a postal code or country.
 */
export function buildConsignmentRequest(args: {
  reference: string
  lines: PackLine[]
  currencyCode: string
  address: CartForDelivery["shipping_address"]
  email?: string | null
  shippingLocationReference: string
  options: ResolvedOptions
  /** `Inbound` (a return): from `address` back to the shipping location. Default `Outbound`. */
  direction?: "Outbound" | "Inbound"
}): CreateConsignmentRequest {
  if (!args.lines.length) {
    throw new CheckoutMappingError("items", "The fulfillment has no items")
  }
  const warehouse = { ShippingLocationReference: args.shippingLocationReference, IsCached: false }
  const customer = toDestination({ shipping_address: args.address, email: args.email })
  const inbound = args.direction === "Inbound"
  const direction = inbound ? "Inbound" : "Outbound"
  const international = crossesCustomsBorder(args.options.customs.originCountry, customer.Country?.IsoCode.TwoLetterCode)
  return {
    ConsignmentReferenceProvidedByCustomer: args.reference,
    Source: "Api",
    Direction: direction,
    Packages: [toPackage(`${args.reference}-1`, args.lines, args.currencyCode, args.options)],
    Addresses: inbound
      ? [
          { ...customer, AddressType: "Origin" },
          { AddressType: "Destination", ...warehouse },
        ]
      : [{ AddressType: "Origin", ...warehouse }, customer],
    ...(international
      ? {
          CustomsDocumentation: customsDocumentation({
            reference: args.reference,
            date: utcDay(),
            direction,
            importer: { email: args.email, telephone: args.address?.phone },
            options: args.options,
          }),
        }
      : {}),
  }
}
