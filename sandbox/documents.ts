/**
 * Shipping labels and customs documents.
 *
 * Labels (CONTRACT.md §3.9): one 4×6 in label per package, in PDF (pdf-lib, 288×432 pt pages, one
 * file for all packages), ZPL/ZPLII (one `^XA…^XZ` block per package, `^BC` Code 128 barcode) or PNG
 * (203 dpi, 812×1218 px, packages stacked vertically in one image). Every format shows carrier,
 * service, sender and recipient, consignment and package references and the tracking number as a
 * Code 128 barcode (bwip-js). All three renderers draw the same {@link LabelElement} layout.
 * Customs documents (§3.10): CN22, CN23 and commercial invoice PDFs.
 */
import bwipjs from "bwip-js"
import { PDFDocument, PDFFont, PDFPage, rgb, StandardFonts } from "pdf-lib"
import { crc32, deflateSync } from "node:zlib"

/** What a label shows. Address blocks are arrays of lines. */
export interface LabelContent {
  carrierName: string
  serviceName: string
  serviceReference: string
  trackingNumber: string
  consignmentReference: string
  packageReference: string
  packageIndex: number
  packageCount: number
  weightKg: number
  from: string[]
  to: string[]
  delivery: string
  customerReference: string
}

/** A label drawing primitive in 4×6 in label space (points, origin top-left, y down). */
export type LabelElement =
  | { kind: "text"; x: number; y: number; size: number; bold: boolean; text: string }
  | { kind: "rule"; x: number; y: number; width: number; height: number }
  | { kind: "barcode"; x: number; y: number; width: number; height: number; text: string }

/** Label formats the sandbox renders (§3.9 `LabelFormat`, case-insensitive on input). */
export type LabelFormat = "PDF" | "PNG" | "ZPL" | "ZPLII"

/** Rendered file: bytes plus the `ContentType` returned next to the base64 `File`. */
export interface RenderedFile {
  bytes: Buffer
  contentType: string
}

const LABEL_W = 288
const LABEL_H = 432
const DPI_SCALE = 203 / 72

/**
 * Layout of one package label in label space (288×432 pt). Pure; used by every renderer.
 */
export function labelLayout(c: LabelContent): LabelElement[] {
  const els: LabelElement[] = []
  const text = (x: number, y: number, size: number, t: string, bold = false) => els.push({ kind: "text", x, y, size, bold, text: t })
  const rule = (y: number, height = 1.5) => els.push({ kind: "rule", x: 8, y, width: LABEL_W - 16, height })
  text(12, 12, 18, c.carrierName, true)
  text(12, 34, 10, `${c.serviceName} (${c.serviceReference})`)
  text(200, 12, 10, `${c.packageIndex} of ${c.packageCount}`, true)
  text(200, 26, 9, `${c.weightKg.toFixed(2)} kg`)
  rule(50)
  text(12, 56, 7, "FROM", true)
  c.from.slice(0, 6).forEach((l, i) => text(12, 65 + i * 8, 7, l))
  rule(114, 1)
  text(12, 120, 8, "DELIVER TO", true)
  c.to.slice(0, 7).forEach((l, i) => text(12, 132 + i * 14, i === 0 ? 12 : 11, l, i === 0 || i === c.to.length - 2))
  rule(234)
  text(12, 240, 8, c.delivery)
  text(12, 252, 8, `Consignment: ${c.consignmentReference}`)
  text(12, 262, 8, `Package: ${c.packageReference}`)
  if (c.customerReference) {
    text(12, 272, 8, `Your ref: ${c.customerReference}`)
  }
  rule(286, 1)
  els.push({ kind: "barcode", x: 24, y: 296, width: 240, height: 80, text: c.trackingNumber })
  text(24, 382, 12, c.trackingNumber, true)
  rule(402, 1)
  text(12, 410, 7, "SORTED PRO SANDBOX - TEST LABEL - NOT FOR CARRIAGE")
  return els
}

/**
 * Renders all package labels of a consignment in one file of the given format.
 * PDF → `application/pdf`; PNG → `image/png`; ZPL/ZPLII → `text/plain` (README "Decisions").
 */
export async function renderLabels(labels: LabelContent[], format: LabelFormat): Promise<RenderedFile> {
  if (format === "PDF") {
    return { bytes: await labelsPdf(labels), contentType: "application/pdf" }
  }
  if (format === "PNG") {
    return { bytes: labelsPng(labels), contentType: "image/png" }
  }
  return { bytes: Buffer.from(labels.map(labelZpl).join("\n"), "utf8"), contentType: "text/plain" }
}

/** Code 128 barcode PNG of `text` (bwip-js), for embedding in PDFs. */
export function code128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: "code128", text, scale: 3, height: 14, includetext: false, paddingwidth: 0 })
}

async function labelsPdf(labels: LabelContent[]): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.setTitle(`Labels ${labels[0]?.consignmentReference ?? ""}`)
  doc.setProducer("SortedPRO sandbox")
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) }
  for (const label of labels) {
    const page = doc.addPage([LABEL_W, LABEL_H])
    for (const el of labelLayout(label)) {
      await drawPdfElement(doc, page, fonts, el)
    }
  }
  return Buffer.from(await doc.save())
}

async function drawPdfElement(doc: PDFDocument, page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont }, el: LabelElement): Promise<void> {
  if (el.kind === "text") {
    page.drawText(winAnsi(el.text), {
      x: el.x,
      y: LABEL_H - el.y - el.size,
      size: el.size,
      font: el.bold ? fonts.bold : fonts.regular,
      color: rgb(0, 0, 0),
    })
  } else if (el.kind === "rule") {
    page.drawRectangle({ x: el.x, y: LABEL_H - el.y - el.height, width: el.width, height: el.height, color: rgb(0, 0, 0) })
  } else {
    const png = await doc.embedPng(await code128Png(el.text))
    page.drawImage(png, { x: el.x, y: LABEL_H - el.y - el.height, width: el.width, height: el.height })
  }
}

/** One ZPL II label (`^XA…^XZ`) at 203 dpi with a `^BC` Code 128 barcode. */
export function labelZpl(label: LabelContent): string {
  const d = (n: number) => Math.round(n * DPI_SCALE)
  const lines = ["^XA", "^CI28", `^PW${d(LABEL_W)}`, `^LL${d(LABEL_H)}`]
  for (const el of labelLayout(label)) {
    if (el.kind === "text") {
      lines.push(`^FO${d(el.x)},${d(el.y)}^A0N,${d(el.size)},${d(el.size)}^FD${zplEscape(el.text)}^FS`)
    } else if (el.kind === "rule") {
      lines.push(`^FO${d(el.x)},${d(el.y)}^GB${d(el.width)},${Math.max(1, d(el.height))},${Math.max(1, d(el.height))}^FS`)
    } else {
      lines.push(`^FO${d(el.x)},${d(el.y)}^BY3^BCN,${d(el.height)},N,N,N^FD${zplEscape(el.text)}^FS`)
    }
  }
  lines.push("^XZ")
  return lines.join("\n")
}

function zplEscape(s: string): string {
  return s.replace(/[\^~]/g, " ")
}

/** 8-bit greyscale raster used for PNG labels. */
class Raster {
  readonly pixels: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number
  ) {
    this.pixels = new Uint8Array(width * height).fill(255)
  }

  fill(x: number, y: number, w: number, h: number): void {
    for (let yy = Math.max(0, Math.round(y)); yy < Math.min(this.height, Math.round(y + h)); yy++) {
      this.pixels.fill(0, yy * this.width + Math.max(0, Math.round(x)), yy * this.width + Math.min(this.width, Math.round(x + w)))
    }
  }

  /** Draws text with bwip-js's built-in OCR-B font; `top` is the top of the text line, `px` the font size. */
  text(x: number, top: number, px: number, s: string): void {
    const baseline = Math.round(top + px * 0.8)
    let pen = Math.round(x)
    for (const ch of s) {
      const g = bwipjs.FontLib.getglyph(OCR_B, ch.charCodeAt(0), px, px)
      for (let r = 0; r < g.height; r++) {
        for (let col = 0; col < g.width; col++) {
          const v = g.bytes[g.offset + r * g.width + col]
          const px2 = pen + g.left + col
          const py = baseline - g.top + r
          if (v > 0 && px2 >= 0 && px2 < this.width && py >= 0 && py < this.height) {
            const i = py * this.width + px2
            this.pixels[i] = Math.min(this.pixels[i], 255 - v)
          }
        }
      }
      pen += g.advance
    }
  }

  /** Draws a Code 128 symbol scaled to `width`, using bwip-js's raw space/bar widths. */
  barcode(x: number, y: number, width: number, height: number, text: string): void {
    const sbs: number[] = (bwipjs.raw({ bcid: "code128", text }) as unknown as Array<{ sbs: number[] }>)[0].sbs
    const modules = sbs.reduce((a, b) => a + b, 0)
    const unit = Math.max(1, Math.floor(width / modules))
    let pen = x
    sbs.forEach((w, i) => {
      if (i % 2 === 0) {
        this.fill(pen, y, w * unit, height)
      }
      pen += w * unit
    })
  }

  png(): Buffer {
    const raw = Buffer.alloc((this.width + 1) * this.height)
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width + 1)] = 0
      raw.set(this.pixels.subarray(y * this.width, (y + 1) * this.width), y * (this.width + 1) + 1)
    }
    const ihdr = Buffer.alloc(13)
    ihdr.writeUInt32BE(this.width, 0)
    ihdr.writeUInt32BE(this.height, 4)
    ihdr.set([8, 0, 0, 0, 0], 8)
    return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", deflateSync(raw)), pngChunk("IEND", Buffer.alloc(0))])
  }
}

const OCR_B = bwipjs.FontLib.lookup("OCR-B")
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([len, body, crc])
}

function labelsPng(labels: LabelContent[]): Buffer {
  const w = Math.round(LABEL_W * DPI_SCALE)
  const h = Math.round(LABEL_H * DPI_SCALE)
  const raster = new Raster(w, h * labels.length)
  labels.forEach((label, i) => {
    const d = (n: number) => n * DPI_SCALE
    for (const el of labelLayout(label)) {
      if (el.kind === "text") {
        raster.text(d(el.x), i * h + d(el.y), Math.round(d(el.size)), el.text)
      } else if (el.kind === "rule") {
        raster.fill(d(el.x), i * h + d(el.y), d(el.width), Math.max(1, d(el.height)))
      } else {
        raster.barcode(d(el.x), i * h + d(el.y), d(el.width), d(el.height), el.text)
      }
    }
  })
  return raster.png()
}

/** A plain A4 text document: title, then sections of `label: value` lines and optional tables. */
export interface DocumentSpec {
  title: string
  subtitle: string
  sections: { heading: string; lines?: string[]; table?: { columns: string[]; rows: string[][] } }[]
}

/**
 * Renders a customs document (CN22, CN23, commercial invoice) as an A4 PDF. Tables are laid out in
 * equal-width columns; long content flows onto further pages.
 */
export async function documentPdf(spec: DocumentSpec): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.setTitle(spec.title)
  doc.setProducer("SortedPRO sandbox")
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  let page = doc.addPage([595, 842])
  let y = 800
  const write = (s: string, size = 9, font = regular, x = 40) => {
    if (y < 50) {
      page = doc.addPage([595, 842])
      y = 800
    }
    page.drawText(winAnsi(s).slice(0, 110), { x, y, size, font })
  }
  write(spec.title, 18, bold)
  y -= 20
  write(spec.subtitle, 9)
  y -= 22
  for (const section of spec.sections) {
    write(section.heading, 11, bold)
    y -= 15
    for (const line of section.lines ?? []) {
      write(line)
      y -= 12
    }
    if (section.table) {
      const colW = 515 / section.table.columns.length
      section.table.columns.forEach((c, i) => write(c, 8, bold, 40 + i * colW))
      y -= 12
      for (const row of section.table.rows) {
        row.forEach((c, i) => write(c.slice(0, Math.floor(colW / 4.5)), 8, regular, 40 + i * colW))
        y -= 11
      }
    }
    y -= 10
  }
  write("SORTED PRO SANDBOX - TEST DOCUMENT - NOT FOR CUSTOMS USE", 7)
  return Buffer.from(await doc.save())
}

/** Replaces characters Helvetica's WinAnsi encoding cannot show. */
function winAnsi(s: string): string {
  return s.replace(/[^\x20-\x7e\xa0-\xff]/g, "?")
}
