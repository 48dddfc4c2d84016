import { PDFDocument } from "pdf-lib"

/**
 * One PDF being built from others, file by file, in order (pdf-lib `copyPages`). Used for bulk label printing: PRO
 * returns one PDF per consignment with one 4×6 in page per package (docs/pro-api.md §3.9). Each added file is parsed,
 * its pages copied, and the parsed file dropped, so a caller that adds files as they arrive holds only the merged one.
 */
export interface PdfMerger {
  /**
   * Appends every page of `file` (PDF bytes, `Uint8Array`/`Buffer`); `index` names the file in the error.
   * Answers the pages it added. @throws Error naming `index` when the file is not a readable PDF.
   */
  add(file: Uint8Array, index: number): Promise<number>
  /** The merged PDF bytes (object streams on, so the file stays small). */
  save(): Promise<Uint8Array>
}

/** A new, empty {@link PdfMerger} titled "SortedPRO labels". */
export async function createPdfMerger(): Promise<PdfMerger> {
  const merged = await PDFDocument.create()
  merged.setTitle("SortedPRO labels")
  merged.setCreator("medusa-plugin-sorted-pro")
  return {
    async add(file, index) {
      let source: PDFDocument
      try {
        source = await PDFDocument.load(file, { updateMetadata: false })
      } catch (error) {
        // the ES2021 target's Error constructor takes no `cause` option: set it after
        throw Object.assign(new Error(`file ${index} is not a readable PDF: ${(error as Error).message}`), { cause: error })
      }
      const pages = await merged.copyPages(source, source.getPageIndices())
      for (const page of pages) {
        merged.addPage(page)
      }
      return pages.length
    },
    save: () => merged.save({ useObjectStreams: true }),
  }
}

/**
 * Merges PDF files into one, in order, every page of each ({@link createPdfMerger}).
 * - `files`: PDF bytes (`Uint8Array`/`Buffer`); each is parsed once and dropped after its pages are copied.
 * - `onFile(index, pages)`: optional progress callback after each file is merged, with the pages it added.
 * Returns the merged PDF bytes. @throws Error naming the file's index when a file is not a PDF.
 */
export async function mergePdfs(files: Uint8Array[], onFile?: (index: number, pages: number) => void): Promise<Uint8Array> {
  const merger = await createPdfMerger()
  for (let index = 0; index < files.length; index++) {
    const pages = await merger.add(files[index], index)
    onFile?.(index, pages)
  }
  return merger.save()
}
