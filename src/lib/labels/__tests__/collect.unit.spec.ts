import { PDFDocument } from "pdf-lib"
import { collectLabels, LABEL_FETCH_CONCURRENCY, LABEL_WINDOW, LabelProgress } from ".."
import { ProApiError } from "../../pro"

/** A one-page PDF (pdf-lib), standing in for one consignment's label. */
async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.addPage([288, 432])
  return doc.save()
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))

describe("collectLabels (issue 15: bulk labels in bounded memory)", () => {
  it("fetches at most LABEL_FETCH_CONCURRENCY at a time and holds at most LABEL_WINDOW labels before merging them", async () => {
    const label = await onePagePdf()
    const references = Array.from({ length: 120 }, (_, i) => `EC-A-B-${i}`)
    let inFlight = 0
    let maxInFlight = 0
    let maxHeld = 0
    const held = (p: LabelProgress) => p.fetched + p.failed.length - p.merged
    const result = await collectLabels(
      references,
      async (reference) => {
        inFlight += 1
        maxInFlight = Math.max(maxInFlight, inFlight)
        // the first label is slow: the others must not pile up behind it
        await tick(reference === "EC-A-B-0" ? 50 : 0)
        inFlight -= 1
        return new Uint8Array(label)
      },
      (progress) => {
        maxHeld = Math.max(maxHeld, held(progress))
      }
    )
    expect(result.pages).toBe(120)
    expect((await PDFDocument.load(result.pdf)).getPageCount()).toBe(120)
    expect(maxInFlight).toBe(LABEL_FETCH_CONCURRENCY)
    expect(maxHeld).toBeGreaterThan(1)
    expect(maxHeld).toBeLessThanOrEqual(LABEL_WINDOW)
  })

  it("merges in the order given while fetching, and lists refused labels with PRO's CorrelationId", async () => {
    const pdfs = await Promise.all(
      [1, 2, 3].map(async (pages) => {
        const doc = await PDFDocument.create()
        for (let i = 0; i < pages; i++) {
          doc.addPage([100 + pages, 100])
        }
        return doc.save()
      })
    )
    const merged: number[] = []
    const result = await collectLabels(
      ["EC-1", "EC-REFUSED", "EC-2", "EC-3"],
      async (reference) => {
        if (reference === "EC-REFUSED") {
          throw new ProApiError({
            status: 400,
            code: "LabelsNotAvailable",
            message: "not allocated",
            correlationId: "c-1",
            method: "GET",
            path: "/labels",
          })
        }
        const pages = Number(reference.slice(3))
        await tick(10 * (4 - pages)) // later labels arrive first
        return pdfs[pages - 1]
      },
      (progress) => merged.push(progress.merged)
    )
    expect(result.pages).toBe(6)
    const widths = (await PDFDocument.load(result.pdf)).getPages().map((page) => page.getWidth())
    expect(widths).toEqual([101, 102, 102, 103, 103, 103])
    expect(result.failed).toEqual([
      { reference: "EC-REFUSED", status: 400, code: "LabelsNotAvailable", message: "not allocated", correlation_id: "c-1" },
    ])
    expect(Math.max(...merged)).toBe(3)
  })

  it("fails when no label could be fetched, and names a file that is not a PDF", async () => {
    await expect(collectLabels(["EC-1"], async () => Promise.reject(new Error("down")))).rejects.toThrow("no label could be fetched (1 failed)")
    await expect(collectLabels(["EC-1"], async () => new Uint8Array([1, 2, 3]))).rejects.toThrow("file 0 is not a readable PDF")
  })
})
