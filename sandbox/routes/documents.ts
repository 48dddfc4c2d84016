/**
 * Labels (CONTRACT.md §3.9), customs documents (§3.10) and customer manifest files (§2).
 */
import { Router } from "express"
import { isoDateOnly, weekdayOf } from "../clock"
import { carrierOf, needsCustoms } from "../catalogue"
import { documentPdf, DocumentSpec, LabelContent, LabelFormat, renderLabels } from "../documents"
import { badRequest, notFound, ProError } from "../errors"
import { handle, ok, param, SandboxContext } from "../http"
import { WireAddress } from "../model"
import { Consignment, Store } from "../state"

const FORMATS: LabelFormat[] = ["PDF", "PNG", "ZPL", "ZPLII"]
/** CN22 limits (value ≤ £270 and weight ≤ 2 kg), otherwise CN23. */
export const CN22_MAX_VALUE_GBP = 270
export const CN22_MAX_WEIGHT_KG = 2

/** Routes under `/labels` and `/consignments/docs`, `/consignments/customer/manifest`. */
export function documentRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  const labels = handle(async (req) => {
    const c = store.get(param(req, "reference"))
    const format = parseFormat(param(req, "format"))
    assertLabelsAvailable(store, c, clock.now())
    const pkgRef = param(req, "packageReference")
    const packages = pkgRef ? [findPackage(c, pkgRef)] : c.packages
    const file = await renderLabels(
      packages.map((p) => labelContent(c, p.Reference)),
      format
    )
    store.recordLabels(c, packages.length, clock.now())
    return ok({ File: file.bytes.toString("base64"), ContentType: file.contentType })
  })
  r.get("/labels/package/:reference/:packageReference/:format", labels)
  r.get("/labels/package/:reference/:packageReference", labels)
  r.get("/labels/:reference/:format", labels)
  r.get("/labels/:reference", labels)

  r.get(
    "/consignments/docs/commercialinvoice/:reference",
    handle(async (req) => {
      const c = customsConsignment(store, param(req, "reference"), clock.now())
      return ok((await documentPdf(invoiceSpec(c))).toString("base64"))
    })
  )
  r.get(
    "/consignments/docs/:type(cn22|cn23)/:reference/:packageReference",
    handle(async (req) => {
      const c = customsConsignment(store, param(req, "reference"), clock.now())
      const p = findPackage(c, param(req, "packageReference"))
      const type = param(req, "type").toUpperCase()
      if (type !== customsFormOf(c)) {
        throw badRequest("WrongCustomsDocumentType", `Consignment ${c.Reference} needs a ${customsFormOf(c)}, not a ${type}`, "customsDocumentType")
      }
      return ok((await documentPdf(customsFormSpec(c, type, p.Reference))).toString("base64"))
    })
  )
  r.get(
    "/consignments/docs/:reference",
    handle(async (req) => {
      const c = customsConsignment(store, param(req, "reference"), clock.now())
      const form = customsFormOf(c)
      const forms = await Promise.all(
        c.packages.map(async (p) => ({
          Key: `${form}_${p.Reference}`,
          Value: (await documentPdf(customsFormSpec(c, form, p.Reference))).toString("base64"),
        }))
      )
      return ok({
        CommercialInvoiceDocuments: [{ Key: `INV_${c.Reference}`, Value: (await documentPdf(invoiceSpec(c))).toString("base64") }],
        [`${form}Documents`]: forms,
      })
    })
  )

  r.get(
    "/consignments/customer/manifest/:manifestReference",
    handle(async (req) => {
      const m = store.manifests.get(param(req, "manifestReference").toLowerCase())
      if (!m) {
        throw notFound("Manifest", param(req, "manifestReference"))
      }
      const rows = (m.ConsignmentReferences as string[]).map((ref) => {
        const c = store.get(ref)
        return [
          c.Reference,
          c.allocation?.service.Reference ?? "",
          String(c.packages.length),
          c.req.destination.Postcode,
          c.packages.map((p) => p.trackingReference).join(" "),
        ]
      })
      const pdf = await documentPdf({
        title: "Collection manifest",
        subtitle: `Manifest ${m.ManifestReference} created ${m.DateCreated}`,
        sections: [{ heading: "Consignments", table: { columns: ["Consignment", "Service", "Packages", "Postcode", "Tracking"], rows } }],
      })
      return ok(pdf.toString("base64"))
    })
  )

  return r
}

/** `pdf|png|zpl|zplii` in any case → format; empty → PDF; else 400 `InvalidLabelFormat`. */
function parseFormat(raw: string): LabelFormat {
  if (!raw) {
    return "PDF"
  }
  const f = FORMATS.find((x) => x.toLowerCase() === raw.toLowerCase())
  if (!f) {
    throw badRequest("InvalidLabelFormat", `Label format ${raw} is not supported; use one of PDF, PNG, ZPL, ZPLII`, "labelFormat")
  }
  return f
}

/** 400 `LabelsNotAvailable` unless allocated (or later) and not cancelled (§3.9 "only after allocation"). */
function assertLabelsAvailable(store: Store, c: Consignment, now: Date): void {
  const state = store.stateOf(c, now)
  if (!c.allocation || state === "Cancelled") {
    throw badRequest(
      "LabelsNotAvailable",
      `Labels are only available for allocated consignments; consignment ${c.Reference} is ${state}`,
      "consignmentReference"
    )
  }
}

function findPackage(c: Consignment, reference: string) {
  const p = c.packages.find((x) => x.Reference === reference.toUpperCase())
  if (!p) {
    throw notFound("Package", reference)
  }
  return p
}

/** Label content of one package of an allocated consignment. */
export function labelContent(c: Consignment, packageReference: string): LabelContent {
  const a = c.allocation!
  const index = c.packages.findIndex((p) => p.Reference === packageReference)
  const p = c.packages[index]
  const window = a.service.window.start === "00:00" ? "any time" : `${a.service.window.start}-${a.service.window.end}`
  return {
    carrierName: carrierOf(a.service).Name,
    serviceName: a.service.Name,
    serviceReference: a.service.Reference,
    trackingNumber: p.trackingReference!,
    consignmentReference: c.Reference,
    packageReference: p.Reference,
    packageIndex: index + 1,
    packageCount: c.packages.length,
    weightKg: p.input.Weight.Value,
    from: addressLines(c.req.origin),
    to: addressLines(c.req.destination),
    delivery: `Deliver ${weekdayOf(a.deliveryDay)} ${a.deliveryDay} ${window}`,
    customerReference: c.req.ConsignmentReferenceProvidedByCustomer,
  }
}

/** Printable lines of an address: name, company, street lines, town, postcode, country. */
export function addressLines(a: WireAddress): string[] {
  const name = a.Contact ? [a.Contact.Title, a.Contact.FirstName, a.Contact.LastName].filter(Boolean).join(" ") : ""
  return [name, a.CompanyName ?? "", a.AddressLine1, a.AddressLine2, a.AddressLine3, a.Town, a.Postcode, a.Country.Name].filter((l) => l && l.trim())
}

/**
 * Consignment eligible for customs documents: allocated (§3.10) and leaving the UK customs
 * territory (EU or rest of world). 404 `NotFound` for domestic consignments, 400 when not allocated.
 */
function customsConsignment(store: Store, reference: string, now: Date): Consignment {
  const c = store.get(reference)
  if (!needsCustoms(c.req.zone)) {
    throw new ProError(404, "NotFound", `Customs documents for consignment ${c.Reference} not found: domestic consignments need none`)
  }
  if (!c.allocation) {
    throw badRequest(
      "CustomsDocumentsNotAvailable",
      `Customs documents are only available for allocated consignments; consignment ${c.Reference} is ${store.stateOf(c, now)}`,
      "consignmentReference"
    )
  }
  return c
}

/** `CN22` when total value ≤ £270 and weight ≤ 2 kg, else `CN23`. */
export function customsFormOf(c: Consignment): "CN22" | "CN23" {
  const value = c.req.Packages.reduce((s, p) => s + p.Value.Amount, 0)
  const weight = c.req.Packages.reduce((s, p) => s + p.Weight.Value, 0)
  return value <= CN22_MAX_VALUE_GBP && weight <= CN22_MAX_WEIGHT_KG ? "CN22" : "CN23"
}

function itemRows(c: Consignment, packageReference?: string): string[][] {
  return c.packages
    .filter((p) => !packageReference || p.Reference === packageReference)
    .flatMap((p) =>
      p.items.length ? p.items : [{ Description: p.input.Description || "Goods", Quantity: 1, Weight: p.input.Weight, Value: p.input.Value }]
    )
    .map((i) => [
      String(i.Description ?? i.Sku ?? "Item"),
      String(i.Quantity ?? 1),
      `${Number(i.Weight?.Value ?? 0).toFixed(3)} kg`,
      `${Number(i.Value?.Amount ?? 0).toFixed(2)} ${i.Value?.Currency?.IsoCode ?? "GBP"}`,
      String(i.HarmonisationCode ?? ""),
      String(i.CountryOfOrigin?.IsoCode?.TwoLetterCode ?? "GB"),
    ])
}

const ITEM_COLUMNS = ["Description", "Qty", "Weight", "Value", "HS code", "Origin"]

function customsFormSpec(c: Consignment, form: string, packageReference: string): DocumentSpec {
  const doc = c.req.CustomsDocumentation ?? {}
  return {
    title: `${form} Customs declaration`,
    subtitle: `Consignment ${c.Reference} / package ${packageReference} / tracking ${c.packages.find((p) => p.Reference === packageReference)?.trackingReference ?? ""}`,
    sections: [
      { heading: "From", lines: addressLines(c.req.origin) },
      { heading: "To", lines: addressLines(c.req.destination) },
      { heading: "Contents", table: { columns: ITEM_COLUMNS, rows: itemRows(c, packageReference) } },
      {
        heading: "Declaration",
        lines: [
          `Category: ${doc.CategoryType ?? "Other"}`,
          `Reason for export: ${doc.ReasonForExport ?? "Sale"}`,
          `Shipping terms: ${doc.ShippingTerms ?? "DAP"}`,
          `Shipper VAT: ${doc.ShippersVatNumber ?? ""}`,
          `Importer VAT: ${doc.ImportersVatNumber ?? ""}`,
          `Date: ${isoDateOnly(c.allocation!.shipDay)}`,
        ],
      },
    ],
  }
}

function invoiceSpec(c: Consignment): DocumentSpec {
  const doc = c.req.CustomsDocumentation ?? {}
  const total = c.req.Packages.reduce((s, p) => s + p.Value.Amount, 0)
  return {
    title: "Commercial invoice",
    subtitle: `Consignment ${c.Reference}  Invoice ${doc.ReferencesOfAttachedInvoices?.[0] ?? c.Reference}  Date ${doc.InvoiceDate ?? isoDateOnly(c.allocation!.shipDay)}`,
    sections: [
      { heading: "Exporter", lines: addressLines(c.req.origin) },
      { heading: "Consignee", lines: addressLines(c.req.destination) },
      { heading: "Goods", table: { columns: ITEM_COLUMNS, rows: itemRows(c) } },
      {
        heading: "Totals",
        lines: [
          `Total value: ${total.toFixed(2)} ${c.req.Packages[0].Value.Currency.IsoCode}`,
          `Packages: ${c.packages.length}`,
          `Shipping terms: ${doc.ShippingTerms ?? "DAP"}`,
          `Reason for export: ${doc.ReasonForExport ?? "Sale"}`,
        ],
      },
    ],
  }
}
