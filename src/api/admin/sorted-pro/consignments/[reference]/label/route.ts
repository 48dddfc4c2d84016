import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SORTED_PRO_MODULE } from "../../../../../../modules/sorted-pro"
import type SortedProModuleService from "../../../../../../modules/sorted-pro/service"
import { sendProError } from "../../../../../utils/pro-errors"
import type { AdminLabelQuery } from "../../../middlewares"

const EXTENSIONS = { pdf: "pdf", png: "png", zpl: "zpl", zplii: "zpl" } as const

/**
 * `GET /admin/sorted-pro/consignments/:reference/label?format=pdf|zpl|zplii|png` — streams the label of an
 * allocated consignment (`EC-…`), every package in one file, fetched from PRO (Get Labels in Format,
 * CONTRACT.md §3.9). Default format: the settings' label format (the `labelFormat` option unless staff changed it). Admin only (session, bearer or secret key).
 *
 * Errors: 400 naming `format`; 404 when PRO does not know the consignment; 409 when PRO refuses
 * (e.g. not allocated yet); 502 when PRO is unavailable. Error bodies carry PRO's CorrelationId.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminLabelQuery>, res: MedusaResponse) {
  const reference = req.params.reference
  const sortedPro = req.scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const format = (req.validatedQuery as AdminLabelQuery).format ?? (await sortedPro.cachedSettings()).label_format
  let label: { contentType: string; bytes: Buffer }
  try {
    label = await sortedPro.getClient().labels.get(reference, format)
  } catch (error) {
    return sendProError(res, error, `Label of ${reference}`)
  }
  const [record] = await sortedPro.listSortedProConsignments({ reference })
  if (record && !record.labels_printed_at) {
    await sortedPro.updateSortedProConsignments({ id: record.id, labels_printed_at: new Date() })
  }
  res.setHeader("content-type", label.contentType || "application/octet-stream")
  res.setHeader("content-disposition", `inline; filename="${reference}.${EXTENSIONS[format]}"`)
  res.setHeader("cache-control", "private, no-store")
  res.end(label.bytes)
}
