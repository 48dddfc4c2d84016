/**
 * Labels (docs/pro-api.md §3.9), customs documents (§3.10) and customer manifest files (§2).
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

/** Labels rendered lately, by their content and format (most recent {@link RENDERED_MAX}), so a label fetched again is not drawn again. */
const renderedLabels = new Map<string, ReturnType<typeof renderLabels>>()
const RENDERED_MAX = 2_000

/**
 * The labels of `contents` in `format`, drawn once per identical content (the sandbox's own shortcut: drawing takes
 * about 0.2 s of this process's CPU per label, which PRO spends on its own servers; benches fetch labels twice to time
 * the plugin rather than the drawing).
 */
function rendered(contents: LabelContent[], format: LabelFormat): ReturnType<typeof renderLabels> {
  const key = `${format}|${JSON.stringify(contents)}`
  let file = renderedLabels.get(key)
  if (!file) {
    file = renderLabels(contents, format)
    file.catch(() => renderedLabels.delete(key))
    renderedLabels.set(key, file)
    if (renderedLabels.size > RENDERED_MAX) {
      renderedLabels.delete(renderedLabels.keys().next().value as string)
    }
  }
  return file
}

/** Routes under `/labels` and `/consignments/docs`, `/consignments/customer/manifest`. */
export function documentRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  const labels = handle(async (req) => {
    const consignment = store.get(param(req, "reference"))
    const format = parseFormat(param(req, "format"))
    assertLabelsAvailable(store, consignment, clock.now())
    const pkgRef = param(req, "packageReference")
    const packages = pkgRef ? [findPackage(consignment, pkgRef)] : consignment.packages
    const contents = packages.map((storedPackage) => labelContent(consignment, storedPackage.Reference))
    const file = await rendered(contents, format)
    store.recordLabels(consignment, packages.length, clock.now())
    return ok({ File: file.bytes.toString("base64"), ContentType: file.contentType })
  })
  r.get("/labels/package/:reference/:packageReference/:format", labels)
  r.get("/labels/package/:reference/:packageReference", labels)
  r.get("/labels/:reference/:format", labels)
  r.get("/labels/:reference", labels)

  r.get(
    "/consignments/docs/commercialinvoice/:reference",
    handle(async (req) => {
      const consignment = customsConsignment(store, param(req, "reference"), clock.now())
      return ok((await documentPdf(invoiceSpec(consignment))).toString("base64"))
    })
  )
  r.get(
    "/consignments/docs/:type(cn22|cn23)/:reference/:packageReference",
    handle(async (req) => {
      const consignment = customsConsignment(store, param(req, "reference"), clock.now())
      const storedPackage = findPackage(consignment, param(req, "packageReference"))
      const type = param(req, "type").toUpperCase()
      if (type !== customsFormOf(consignment)) {
        throw badRequest(
          "WrongCustomsDocumentType",
          `Consignment ${consignment.Reference} needs a ${customsFormOf(consignment)}, not a ${type}`,
          "customsDocumentType"
        )
      }
      return ok((await documentPdf(customsFormSpec(consignment, type, storedPackage.Reference))).toString("base64"))
    })
  )
  r.get(
    "/consignments/docs/:reference",
    handle(async (req) => {
      const consignment = customsConsignment(store, param(req, "reference"), clock.now())
      const form = customsFormOf(consignment)
      const forms = await Promise.all(
        consignment.packages.map(async (storedPackage) => ({
          Key: `${form}_${storedPackage.Reference}`,
          Value: (await documentPdf(customsFormSpec(consignment, form, storedPackage.Reference))).toString("base64"),
        }))
      )
      return ok({
        CommercialInvoiceDocuments: [
          { Key: `INV_${consignment.Reference}`, Value: (await documentPdf(invoiceSpec(consignment))).toString("base64") },
        ],
        [`${form}Documents`]: forms,
      })
    })
  )

  r.get(
    "/consignments/customer/manifest/:manifestReference",
    handle(async (req) => {
      const record = store.manifests.get(param(req, "manifestReference").toLowerCase())
      if (!record) {
        throw notFound("Manifest", param(req, "manifestReference"))
      }
      const rows = (record.ConsignmentReferences as string[]).map((ref) => {
        const consignment = store.get(ref)
        return [
          consignment.Reference,
          consignment.allocation?.service.Reference ?? "",
          String(consignment.packages.length),
          consignment.req.destination.Postcode,
          consignment.packages.map((storedPackage) => storedPackage.trackingReference).join(" "),
        ]
      })
      const pdf = await documentPdf({
        title: "Collection manifest",
        subtitle: `Manifest ${record.ManifestReference} created ${record.DateCreated}`,
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
  const requested = FORMATS.find((x) => x.toLowerCase() === raw.toLowerCase())
  if (!requested) {
    throw badRequest("InvalidLabelFormat", `Label format ${raw} is not supported; use one of PDF, PNG, ZPL, ZPLII`, "labelFormat")
  }
  return requested
}

/** 400 `LabelsNotAvailable` unless allocated (or later) and not cancelled (§3.9 "only after allocation"). */
function assertLabelsAvailable(store: Store, target: Consignment, now: Date): void {
  const state = store.stateOf(target, now)
  if (!target.allocation || state === "Cancelled") {
    throw badRequest(
      "LabelsNotAvailable",
      `Labels are only available for allocated consignments; consignment ${target.Reference} is ${state}`,
      "consignmentReference"
    )
  }
}

function findPackage(consignment: Consignment, reference: string) {
  const storedPackage = consignment.packages.find((x) => x.Reference === reference.toUpperCase())
  if (!storedPackage) {
    throw notFound("Package", reference)
  }
  return storedPackage
}

/** Label content of one package of an allocated consignment. */
export function labelContent(consignment: Consignment, packageReference: string): LabelContent {
  const allocation = consignment.allocation!
  const index = consignment.packages.findIndex((storedPackage) => storedPackage.Reference === packageReference)
  const storedPackage = consignment.packages[index]
  const window = allocation.service.window.start === "00:00" ? "any time" : `${allocation.service.window.start}-${allocation.service.window.end}`
  return {
    carrierName: carrierOf(allocation.service).Name,
    serviceName: allocation.service.Name,
    serviceReference: allocation.service.Reference,
    trackingNumber: storedPackage.trackingReference!,
    consignmentReference: consignment.Reference,
    packageReference: storedPackage.Reference,
    packageIndex: index + 1,
    packageCount: consignment.packages.length,
    weightKg: storedPackage.input.Weight.Value,
    from: addressLines(consignment.req.origin),
    to: addressLines(consignment.req.destination),
    delivery: `Deliver ${weekdayOf(allocation.deliveryDay)} ${allocation.deliveryDay} ${window}`,
    customerReference: consignment.req.ConsignmentReferenceProvidedByCustomer,
  }
}

/** Printable lines of an address: name, company, street lines, town, postcode, country. */
export function addressLines(address: WireAddress): string[] {
  const name = address.Contact ? [address.Contact.Title, address.Contact.FirstName, address.Contact.LastName].filter(Boolean).join(" ") : ""
  return [
    name,
    address.CompanyName ?? "",
    address.AddressLine1,
    address.AddressLine2,
    address.AddressLine3,
    address.Town,
    address.Postcode,
    address.Country.Name,
  ].filter((line) => line && line.trim())
}

/**
 * Consignment eligible for customs documents: allocated (§3.10) and leaving the UK customs
 * territory (EU or rest of world). 404 `NotFound` for domestic consignments, 400 when not allocated.
 */
function customsConsignment(store: Store, reference: string, now: Date): Consignment {
  const target = store.get(reference)
  if (!needsCustoms(target.req.zone)) {
    throw new ProError(404, "NotFound", `Customs documents for consignment ${target.Reference} not found: domestic consignments need none`)
  }
  if (!target.allocation) {
    throw badRequest(
      "CustomsDocumentsNotAvailable",
      `Customs documents are only available for allocated consignments; consignment ${target.Reference} is ${store.stateOf(target, now)}`,
      "consignmentReference"
    )
  }
  return target
}

/** `CN22` when total value ≤ £270 and weight ≤ 2 kg, else `CN23`. */
export function customsFormOf(consignment: Consignment): "CN22" | "CN23" {
  const value = consignment.req.Packages.reduce((sum, packageInput) => sum + packageInput.Value.Amount, 0)
  const weight = consignment.req.Packages.reduce((sum, packageInput) => sum + packageInput.Weight.Value, 0)
  return value <= CN22_MAX_VALUE_GBP && weight <= CN22_MAX_WEIGHT_KG ? "CN22" : "CN23"
}

function itemRows(consignment: Consignment, packageReference?: string): string[][] {
  return consignment.packages
    .filter((storedPackage) => !packageReference || storedPackage.Reference === packageReference)
    .flatMap((storedPackage) =>
      storedPackage.items.length
        ? storedPackage.items
        : [
            {
              Description: storedPackage.input.Description || "Goods",
              Quantity: 1,
              Weight: storedPackage.input.Weight,
              Value: storedPackage.input.Value,
            },
          ]
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

function customsFormSpec(consignment: Consignment, form: string, packageReference: string): DocumentSpec {
  const doc = consignment.req.CustomsDocumentation ?? {}
  return {
    title: `${form} Customs declaration`,
    subtitle: `Consignment ${consignment.Reference} / package ${packageReference} / tracking ${consignment.packages.find((storedPackage) => storedPackage.Reference === packageReference)?.trackingReference ?? ""}`,
    sections: [
      { heading: "From", lines: addressLines(consignment.req.origin) },
      { heading: "To", lines: addressLines(consignment.req.destination) },
      { heading: "Contents", table: { columns: ITEM_COLUMNS, rows: itemRows(consignment, packageReference) } },
      {
        heading: "Declaration",
        lines: [
          `Category: ${doc.CategoryType ?? "Other"}`,
          `Reason for export: ${doc.ReasonForExport ?? "Sale"}`,
          `Shipping terms: ${doc.ShippingTerms ?? "DAP"}`,
          `Shipper VAT: ${doc.ShippersVatNumber ?? ""}`,
          `Importer VAT: ${doc.ImportersVatNumber ?? ""}`,
          `Date: ${isoDateOnly(consignment.allocation!.shipDay)}`,
        ],
      },
    ],
  }
}

function invoiceSpec(consignment: Consignment): DocumentSpec {
  const doc = consignment.req.CustomsDocumentation ?? {}
  const total = consignment.req.Packages.reduce((sum, packageInput) => sum + packageInput.Value.Amount, 0)
  return {
    title: "Commercial invoice",
    subtitle: `Consignment ${consignment.Reference}  Invoice ${doc.ReferencesOfAttachedInvoices?.[0] ?? consignment.Reference}  Date ${doc.InvoiceDate ?? isoDateOnly(consignment.allocation!.shipDay)}`,
    sections: [
      { heading: "Exporter", lines: addressLines(consignment.req.origin) },
      { heading: "Consignee", lines: addressLines(consignment.req.destination) },
      { heading: "Goods", table: { columns: ITEM_COLUMNS, rows: itemRows(consignment) } },
      {
        heading: "Totals",
        lines: [
          `Total value: ${total.toFixed(2)} ${consignment.req.Packages[0].Value.Currency.IsoCode}`,
          `Packages: ${consignment.packages.length}`,
          `Shipping terms: ${doc.ShippingTerms ?? "DAP"}`,
          `Reason for export: ${doc.ReasonForExport ?? "Sale"}`,
        ],
      },
    ],
  }
}
