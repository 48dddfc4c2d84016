import { PDFDocument } from "pdf-lib"

/**
 * Merges PDF files into one, in order, every page of each (pdf-lib `copyPages`). Used for bulk label printing:
 * PRO returns one PDF per consignment with one 4×6 in page per package (docs/pro-api.md §3.9).
 *
 * - `files`: PDF bytes (`Uint8Array`/`Buffer`); each is parsed once and dropped after its pages are copied.
 * - `onFile(index, pages)`: optional progress callback after each file is merged, with the pages it added.
 * Returns the merged PDF bytes (object streams on, so the file stays small).
 * @throws Error naming the file's index when a file is not a PDF.
 */
export async function mergePdfs(files: Uint8Array[], onFile?: (index: number, pages: number) => void): Promise<Uint8Array> {
  const merged = await PDFDocument.create()
  merged.setTitle("SortedPRO labels")
  merged.setCreator("medusa-plugin-sorted-pro")
  for (let index = 0; index < files.length; index++) {
    let source: PDFDocument
    try {
      source = await PDFDocument.load(files[index], { updateMetadata: false })
    } catch (error) {
      // the ES2021 target's Error constructor takes no `cause` option: set it after
      throw Object.assign(new Error(`file ${index} is not a readable PDF: ${(error as Error).message}`), { cause: error })
    }
    const pages = await merged.copyPages(source, source.getPageIndices())
    for (const page of pages) {
      merged.addPage(page)
    }
    onFile?.(index, pages.length)
  }
  return merged.save({ useObjectStreams: true })
}
