import type { CreateOrderRequest, PackOrderRequest } from "../pro"
import type { ResolvedOptions } from "../options"
import { CartForDelivery, CheckoutMappingError, PackLine } from "./cart"
import { lineReferences } from "./line-references"
import { toPackage } from "./package"
import { buildConsignmentRequest } from "./requests"

/** The parts of a Medusa order the PRO order mapping reads (weights and sizes in the store's units, money in major units). */
export interface OrderForPro {
  id: string
  email?: string | null
  currency_code: string
  items: Array<PackLine & { id: string }>
  shipping_address?: CartForDelivery["shipping_address"]
}

/**
 * Create Order request (docs/pro-api.md §3.6) for a Medusa order: every line in one package description (PRO matches
 * packed items by `ItemReferenceProvidedByCustomer`, {@link lineReferences} over the order's lines), `OrderReferenceProvidedByCustomer` =
 * the Medusa order id, origin `shippingLocationReference`.
 * @throws CheckoutMappingError naming the field when the order has no items or no usable address.
 */
export function buildOrderRequest(order: OrderForPro, shippingLocationReference: string, options: ResolvedOptions): CreateOrderRequest {
  const { ConsignmentReferenceProvidedByCustomer: _unused, ...request } = buildConsignmentRequest({
    reference: order.id,
    lines: order.items,
    currencyCode: order.currency_code,
    address: order.shipping_address,
    email: order.email,
    shippingLocationReference,
    options,
  })
  return { ...request, OrderReferenceProvidedByCustomer: order.id }
}

/**
 * Pack Order request (docs/pro-api.md §3.6) for the lines of one fulfillment (`lines`: order lines, by their `id`, with
 * the fulfilled quantities): one package whose `PackageReferenceProvidedByCustomer` is `packageReference` (how we find
 * the consignment again), each item naming its order line by the `ItemReferenceProvidedByCustomer` the PRO order holds
 * ({@link lineReferences} over `orderLines`, every line of the order: the same reference Select as Order sent from
 * the cart and Create Order from the order), plus its SKU when it has one; weight and size as {@link toPackage}
 * computes them.
 * @throws CheckoutMappingError (`items`) when a line is not one of `orderLines`.
 */
export function buildPackRequest(args: {
  orderReference: string
  orderId: string
  packageReference: string
  lines: PackLine[]
  orderLines: PackLine[]
  currencyCode: string
  options: ResolvedOptions
}): PackOrderRequest {
  const references = lineReferences(args.orderLines)
  const referenceOf = (line: PackLine) => {
    const index = args.orderLines.findIndex((candidate) => candidate.id !== undefined && candidate.id === line.id)
    if (index < 0) {
      throw new CheckoutMappingError("items", `Line ${line.id ?? "without id"} is not a line of order ${args.orderId}`)
    }
    return references[index]
  }
  const pkg = toPackage(args.packageReference, args.lines, args.currencyCode, args.options)
  return {
    OrderReference: args.orderReference,
    OrderReferenceProvidedByCustomer: args.orderId,
    GenerateReturn: false,
    Packages: [
      {
        PackageReferenceProvidedByCustomer: args.packageReference,
        Description: pkg.Description,
        Weight: pkg.Weight,
        Dimensions: pkg.Dimensions,
        Value: pkg.Value,
        Items: (pkg.Items ?? []).map((item, index) => ({
          ItemReferenceProvidedByCustomer: referenceOf(args.lines[index]),
          Sku: item.Sku,
          Quantity: item.Quantity ?? 1,
        })),
      },
    ],
  }
}

/** The Medusa order fields the PRO mappings read (docs/medusa.md §1.3: variant weight/dims, SKU, HS code, origin). */
export const ORDER_FIELDS = [
  "id",
  "email",
  "currency_code",
  "shipping_address.*",
  "items.*",
  "items.variant.id",
  "items.variant.sku",
  "items.variant.weight",
  "items.variant.length",
  "items.variant.height",
  "items.variant.width",
  "items.variant.hs_code",
  "items.variant.origin_country",
  "shipping_methods.id",
  "shipping_methods.data",
]

/** An order as {@link ORDER_FIELDS} reads it through Query: what the PRO order mapping needs, and the shipping methods' `data` (the shopper's choice). */
export type PlacedOrder = OrderForPro & { shipping_methods?: Array<{ data?: Record<string, unknown> | null } | null> }

/**
 * A fulfillment as the workflows read it through Query (each asks for the fields it uses, so all but `id` and `items`
 * are optional): stock location, shipping option, lifecycle dates, delivery address, the fulfilled lines (quantities
 * as fulfilled) and the labels.
 */
export interface FulfillmentForPro {
  id: string
  location_id?: string | null
  shipping_option_id?: string | null
  canceled_at?: Date | string | null
  shipped_at?: Date | string | null
  delivered_at?: Date | string | null
  delivery_address?: CartForDelivery["shipping_address"]
  items: Array<{ line_item_id: string; quantity: number; title?: string | null; sku?: string | null }>
  labels?: Array<{ tracking_number: string; tracking_url?: string | null; label_url?: string | null }>
}
