import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withConsignmentInPro } from "../../../helpers"

/**
 * `GET /admin/sorted-pro/consignments/:reference/quotes` — PRO's quotes for the consignment (Get Quotes by
 * Consignment Reference, docs/pro-api.md §3.8), cheapest first, for the "allocate with a quote" table.
 *
 * 200 `{ quotes: [{ quote_reference, carrier_reference, carrier_service_reference, carrier_service_name,
 * price: { net, gross, currency_code } (major units, gross tax-inclusive), collection_date, earliest_delivery_date,
 * latest_delivery_date, expiry_date }], unqualified_services: number, message: string | null }`.
 * Errors: 400 names `reference`; 404 unknown consignment; 409 when PRO refuses; 502 unavailable (with CorrelationId).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await withConsignmentInPro(req, res, { what: "Quotes for" }, async (_record, reference, service) => {
    const result = await service.getClient().quotes.forConsignment(reference)
    const quotes = (result?.Quotes ?? [])
      .map((quote) => ({
        quote_reference: quote.QuoteReference,
        carrier_reference: quote.CarrierReference,
        carrier_service_reference: quote.MpdCarrierServiceReference,
        carrier_service_name: quote.MpdCarrierService,
        price: {
          net: quote.Price?.Net ?? null,
          gross: quote.Price?.Gross ?? null,
          currency_code: (quote.Price?.Currency?.IsoCode ?? "").toLowerCase(),
        },
        collection_date: quote.CollectionDate ?? null,
        earliest_delivery_date: quote.EarliestDeliveryDate ?? null,
        latest_delivery_date: quote.LatestDeliveryDate ?? null,
        expiry_date: quote.ExpiryDate ?? null,
      }))
      .sort((a, b) => (a.price.gross ?? Infinity) - (b.price.gross ?? Infinity))
    res.json({ quotes, unqualified_services: result?.UnqualifiedServices?.length ?? 0, message: result?.Message ?? null })
  })
}
