import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { findRecord, sendAdminError, sortedProService } from "../../../../helpers"

/**
 * `GET /admin/sorted-pro/consignments/:reference/customs-documents/:name` — streams one customs document as
 * `application/pdf` (`:name` as listed by the customs-documents route, e.g. `CN23_EP-…` or `INV_EC-…`). Admin only.
 * Errors: 400 names `reference`; 404 when the consignment or the document does not exist (PRO's 404 for domestic
 * consignments included); 409/502 from PRO with its CorrelationId.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    const documents = record.reference ? await service.getClient().customsDocuments.get(record.reference) : []
    const doc = documents.find((candidate) => candidate.name === req.params.name)
    if (!doc) {
      return res.status(404).json({ type: "not_found", message: `name: ${record.reference ?? record.id} has no customs document ${req.params.name}` })
    }
    res.setHeader("content-type", "application/pdf")
    res.setHeader("content-disposition", `inline; filename="${doc.name.replace(/[^A-Za-z0-9_.-]/g, "_")}.pdf"`)
    res.setHeader("cache-control", "private, no-store")
    res.end(doc.bytes)
  } catch (error) {
    sendAdminError(res, error, `Customs document ${req.params.name} of ${req.params.reference}`)
  }
}
