import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ProApiError } from "../../../../../../lib/pro"
import { reviveProError, withConsignmentInPro } from "../../../helpers"

/**
 * `GET /admin/sorted-pro/consignments/:reference/customs-documents` — the consignment's customs documents
 * (docs/pro-api.md §3.10): CN22 or CN23 per package and a commercial invoice, for consignments leaving the UK.
 *
 * 200 `{ required: true, documents: [{ type: "CN22" | "CN23" | "CommercialInvoice", name, bytes, url }] }` where
 * `url` streams the PDF (admin only); 200 `{ required: false, documents: [], message }` when PRO has none (404:
 * domestic consignments need no customs documents). Errors: 400 names `reference`; 404 unknown consignment;
 * 409 when PRO refuses (e.g. not allocated yet); 502 unavailable (with CorrelationId).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await withConsignmentInPro(req, res, { what: "Customs documents of" }, async (_record, reference, service) => {
    try {
      const documents = await service.getClient().customsDocuments.get(reference)
      res.json({
        required: true,
        documents: documents.map((doc) => ({
          type: doc.type,
          name: doc.name,
          bytes: doc.bytes.length,
          url: `/admin/sorted-pro/consignments/${reference}/customs-documents/${encodeURIComponent(doc.name)}`,
        })),
      })
    } catch (error) {
      const revived = reviveProError(error)
      if (revived instanceof ProApiError && revived.status === 404) {
        return res.json({ required: false, documents: [], message: "None: domestic consignments need no customs documents" })
      }
      throw revived
    }
  })
}
