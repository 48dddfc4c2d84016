import type { ResolvedOptions } from "../options"
import { proDateTime } from "./units"

/** EU member states: one customs union, which GB left on 1 January 2021. */
const EU_CUSTOMS_UNION = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "))

/**
 * True when goods from `origin` to `destination` (ISO two-letter country codes) cross a customs border: different
 * countries, unless both are in the EU customs union. A missing country is treated as domestic.
 */
export function crossesCustomsBorder(origin?: string | null, destination?: string | null): boolean {
  const from = origin?.toUpperCase()
  const to = destination?.toUpperCase()
  if (!from || !to || from === to) {
    return false
  }
  return !(EU_CUSTOMS_UNION.has(from) && EU_CUSTOMS_UNION.has(to))
}

/**
 * PRO `CustomsDocumentation` (docs/pro-api.md §3.1, enums §5) of a shipment that crosses a customs border, from the
 * `customs` plugin options: a sale (`CategoryType` from the options, default `Other` explained as "Sale of goods",
 * `ReasonForExport` Sale) or, `Inbound`, returned goods; `reference` (our order, cart or fulfillment id) is the
 * invoice reference and, unless the options set one, the shipper's customs reference; `date` (`YYYY-MM-DD`) is the
 * invoice and declaration date; `importer` is the receiver's e-mail and telephone when known. The items' HS codes,
 * countries of origin and values travel on the packages' items (`toPackage`).
 */
export function customsDocumentation(args: {
  reference: string
  date: string
  direction?: "Outbound" | "Inbound"
  importer?: { email?: string | null; telephone?: string | null }
  options: ResolvedOptions
}): Record<string, unknown> {
  const customs = args.options.customs
  const inbound = args.direction === "Inbound"
  const at = proDateTime(args.date)
  const optional = (key: string, value?: string | null) => (value ? { [key]: value } : {})
  return {
    CategoryType: inbound ? "ReturnedGoods" : customs.categoryType,
    ...(!inbound && customs.categoryType === "Other" ? { CategoryTypeExplanation: "Sale of goods" } : {}),
    ReasonForExport: inbound ? "Return" : "Sale",
    ShippingTerms: customs.shippingTerms,
    ShipperCustomsReference: customs.shipperCustomsReference ?? args.reference,
    ReferencesOfAttachedInvoices: [args.reference],
    InvoiceDate: at,
    DeclarationDate: at,
    ...optional("ShippersVatNumber", customs.shippersVatNumber),
    ...optional("DesignatedPersonResponsible", customs.designatedPersonResponsible),
    ...optional("OfficeOfPosting", customs.officeOfPosting),
    ...(inbound ? {} : { ...optional("ImportersEmail", args.importer?.email), ...optional("ImportersTelephone", args.importer?.telephone) }),
  }
}

/** Today's UTC calendar day, `YYYY-MM-DD`. */
export const utcDay = (now = new Date()) => now.toISOString().slice(0, 10)
