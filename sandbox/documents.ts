/**
 * Shipping labels and customs documents.
 *
 * Labels (docs/pro-api.md §3.9): one 4×6 in label per package, in PDF (pdf-lib, 288×432 pt pages, one
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
export function labelLayout(content: LabelContent): LabelElement[] {
  const els: LabelElement[] = []
  const text = (x: number, y: number, size: number, content: string, bold = false) => els.push({ kind: "text", x, y, size, bold, text: content })
  const rule = (y: number, height = 1.5) => els.push({ kind: "rule", x: 8, y, width: LABEL_W - 16, height })
  text(12, 12, 18, content.carrierName, true)
  text(12, 34, 10, `${content.serviceName} (${content.serviceReference})`)
  text(200, 12, 10, `${content.packageIndex} of ${content.packageCount}`, true)
  text(200, 26, 9, `${content.weightKg.toFixed(2)} kg`)
  rule(50)
  text(12, 56, 7, "FROM", true)
  content.from.slice(0, 6).forEach((line, i) => text(12, 65 + i * 8, 7, line))
  rule(114, 1)
  text(12, 120, 8, "DELIVER TO", true)
  content.to.slice(0, 7).forEach((line, i) => text(12, 132 + i * 14, i === 0 ? 12 : 11, line, i === 0 || i === content.to.length - 2))
  rule(234)
  text(12, 240, 8, content.delivery)
  text(12, 252, 8, `Consignment: ${content.consignmentReference}`)
  text(12, 262, 8, `Package: ${content.packageReference}`)
  if (content.customerReference) {
    text(12, 272, 8, `Your ref: ${content.customerReference}`)
  }
  rule(286, 1)
  els.push({ kind: "barcode", x: 24, y: 296, width: 240, height: 80, text: content.trackingNumber })
  text(24, 382, 12, content.trackingNumber, true)
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
    for (const element of labelLayout(label)) {
      await drawPdfElement(doc, page, fonts, element)
    }
  }
  return Buffer.from(await doc.save())
}

async function drawPdfElement(doc: PDFDocument, page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont }, element: LabelElement): Promise<void> {
  if (element.kind === "text") {
    page.drawText(winAnsi(element.text), {
      x: element.x,
      y: LABEL_H - element.y - element.size,
      size: element.size,
      font: element.bold ? fonts.bold : fonts.regular,
      color: rgb(0, 0, 0),
    })
  } else if (element.kind === "rule") {
    page.drawRectangle({ x: element.x, y: LABEL_H - element.y - element.height, width: element.width, height: element.height, color: rgb(0, 0, 0) })
  } else {
    const png = await doc.embedPng(await code128Png(element.text))
    page.drawImage(png, { x: element.x, y: LABEL_H - element.y - element.height, width: element.width, height: element.height })
  }
}

/** One ZPL II label (`^XA…^XZ`) at 203 dpi with a `^BC` Code 128 barcode. */
export function labelZpl(label: LabelContent): string {
  const dots = (points: number) => Math.round(points * DPI_SCALE)
  const lines = ["^XA", "^CI28", `^PW${dots(LABEL_W)}`, `^LL${dots(LABEL_H)}`]
  for (const element of labelLayout(label)) {
    if (element.kind === "text") {
      lines.push(`^FO${dots(element.x)},${dots(element.y)}^A0N,${dots(element.size)},${dots(element.size)}^FD${zplEscape(element.text)}^FS`)
    } else if (element.kind === "rule") {
      lines.push(
        `^FO${dots(element.x)},${dots(element.y)}^GB${dots(element.width)},${Math.max(1, dots(element.height))},${Math.max(1, dots(element.height))}^FS`
      )
    } else {
      lines.push(`^FO${dots(element.x)},${dots(element.y)}^BY3^BCN,${dots(element.height)},N,N,N^FD${zplEscape(element.text)}^FS`)
    }
  }
  lines.push("^XZ")
  return lines.join("\n")
}

function zplEscape(text: string): string {
  return text.replace(/[\^~]/g, " ")
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

  fill(x: number, y: number, width: number, height: number): void {
    for (let row = Math.max(0, Math.round(y)); row < Math.min(this.height, Math.round(y + height)); row++) {
      this.pixels.fill(0, row * this.width + Math.max(0, Math.round(x)), row * this.width + Math.min(this.width, Math.round(x + width)))
    }
  }

  /** Draws text with bwip-js's built-in OCR-B font; `top` is the top of the text line, `px` the font size. */
  text(x: number, top: number, px: number, content: string): void {
    const baseline = Math.round(top + px * 0.8)
    let pen = Math.round(x)
    for (const character of content) {
      const glyph = bwipjs.FontLib.getglyph(OCR_B, character.charCodeAt(0), px, px)
      for (let r = 0; r < glyph.height; r++) {
        for (let col = 0; col < glyph.width; col++) {
          const intensity = glyph.bytes[glyph.offset + r * glyph.width + col]
          const px2 = pen + glyph.left + col
          const py = baseline - glyph.top + r
          if (intensity > 0 && px2 >= 0 && px2 < this.width && py >= 0 && py < this.height) {
            const i = py * this.width + px2
            this.pixels[i] = Math.min(this.pixels[i], 255 - intensity)
          }
        }
      }
      pen += glyph.advance
    }
  }

  /** Draws a Code 128 symbol scaled to `width`, using bwip-js's raw space/bar widths. */
  barcode(x: number, y: number, width: number, height: number, text: string): void {
    const sbs: number[] = (bwipjs.raw({ bcid: "code128", text }) as unknown as Array<{ sbs: number[] }>)[0].sbs
    const modules = sbs.reduce((total, moduleWidth) => total + moduleWidth, 0)
    const unit = Math.max(1, Math.floor(width / modules))
    let pen = x
    sbs.forEach((moduleWidth, i) => {
      if (i % 2 === 0) {
        this.fill(pen, y, moduleWidth * unit, height)
      }
      pen += moduleWidth * unit
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
  const widthPx = Math.round(LABEL_W * DPI_SCALE)
  const heightPx = Math.round(LABEL_H * DPI_SCALE)
  const raster = new Raster(widthPx, heightPx * labels.length)
  labels.forEach((label, i) => {
    const dots = (points: number) => points * DPI_SCALE
    for (const element of labelLayout(label)) {
      if (element.kind === "text") {
        raster.text(dots(element.x), i * heightPx + dots(element.y), Math.round(dots(element.size)), element.text)
      } else if (element.kind === "rule") {
        raster.fill(dots(element.x), i * heightPx + dots(element.y), dots(element.width), Math.max(1, dots(element.height)))
      } else {
        raster.barcode(dots(element.x), i * heightPx + dots(element.y), dots(element.width), dots(element.height), element.text)
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
  const write = (line: string, size = 9, font = regular, x = 40) => {
    if (y < 50) {
      page = doc.addPage([595, 842])
      y = 800
    }
    page.drawText(winAnsi(line).slice(0, 110), { x, y, size, font })
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
      section.table.columns.forEach((column, i) => write(column, 8, bold, 40 + i * colW))
      y -= 12
      for (const row of section.table.rows) {
        row.forEach((cell, i) => write(cell.slice(0, Math.floor(colW / 4.5)), 8, regular, 40 + i * colW))
        y -= 11
      }
    }
    y -= 10
  }
  write("SORTED PRO SANDBOX - TEST DOCUMENT - NOT FOR CUSTOMS USE", 7)
  return Buffer.from(await doc.save())
}

/** Replaces characters Helvetica's WinAnsi encoding cannot show. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?")
}
