import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordLabelsPrintedWorkflow } from "../../../../../../workflows/record-labels-printed"
import { sendProError } from "../../../../../utils/pro-errors"
import { sortedProService } from "../../../helpers"
import type { AdminLabelQuery } from "../../../middlewares"

const EXTENSIONS = { pdf: "pdf", png: "png", zpl: "zpl", zplii: "zpl" } as const

/**
 * `GET /admin/sorted-pro/consignments/:reference/label?format=pdf|zpl|zplii|png` — streams the label of an
 * allocated consignment (`EC-…`), every package in one file, fetched from PRO (Get Labels in Format,
 * docs/pro-api.md §3.9). Default format: the settings' label format (the `labelFormat` option unless staff changed
 * it). Read-only: this is the `label_url` Medusa's fulfillment carries. Admin only (session, bearer or secret key).
 *
 * Errors: 400 naming `format`; 404 when PRO does not know the consignment; 409 when PRO refuses
 * (e.g. not allocated yet); 502 when PRO is unavailable. Error bodies carry PRO's CorrelationId.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminLabelQuery>, res: MedusaResponse) {
  await sendLabel(req, res, false)
}

/**
 * `POST /admin/sorted-pro/consignments/:reference/label?format=…` — prints: the same file as GET, and our record
 * notes when its labels were first printed (`labels_printed_at`, shown in the admin). Same errors as GET; nothing is
 * recorded when PRO refuses.
 */
export async function POST(req: AuthenticatedMedusaRequest<unknown, AdminLabelQuery>, res: MedusaResponse) {
  await sendLabel(req, res, true)
}

async function sendLabel(req: AuthenticatedMedusaRequest<unknown, AdminLabelQuery>, res: MedusaResponse, printed: boolean) {
  const reference = req.params.reference
  const service = sortedProService(req)
  const format = (req.validatedQuery as AdminLabelQuery).format ?? (await service.cachedSettings()).label_format
  let label: { contentType: string; bytes: Buffer }
  try {
    label = await service.getClient().labels.get(reference, format)
  } catch (error) {
    return sendProError(res, error, `Label of ${reference}`)
  }
  if (printed) {
    await recordLabelsPrintedWorkflow(req.scope).run({ input: { references: [reference] } })
  }
  res.setHeader("content-type", label.contentType || "application/octet-stream")
  res.setHeader("content-disposition", `inline; filename="${reference}.${EXTENSIONS[format]}"`)
  res.setHeader("cache-control", "private, no-store")
  res.end(label.bytes)
}
