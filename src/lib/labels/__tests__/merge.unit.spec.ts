import { PDFDocument } from "pdf-lib"
import { mergePdfs } from ".."

describe("mergePdfs", () => {
  it("merges every page of every file, in order, with or without a progress callback", async () => {
    const files = await Promise.all(
      [1, 2].map(async (pages) => {
        const doc = await PDFDocument.create()
        for (let i = 0; i < pages; i++) {
          doc.addPage([100 + pages, 100])
        }
        return doc.save()
      })
    )
    const widths = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).getPages().map((page) => page.getWidth())
    expect(await widths(await mergePdfs(files))).toEqual([101, 102, 102])
    const added: number[] = []
    expect(await widths(await mergePdfs(files, (_index, pages) => added.push(pages)))).toEqual([101, 102, 102])
    expect(added).toEqual([1, 2])
  })
})
