/**
 * `npx tsx bench/labels.ts [count]` — merges `count` (default 500) SortedPRO labels into one PDF with the plugin's
 * `mergePdfs` (pdf-lib) and prints the time and peak memory (RSS and V8 heap, sampled every 5 ms).
 * Goal (issue 6): under 3 s and under 300 MB for 500 labels.
 *
 * The labels are real sandbox labels: one consignment per label is created and allocated in an in-process PRO
 * sandbox, and its 4×6 in PDF fetched (`GET /labels/{ref}/pdf`), so each file carries its own fonts and barcode like
 * PRO's. Fetching is not timed; only the merge is. Exits 1 when a goal is missed.
 */
import { startSandbox } from "../sandbox/server"
import { ProClient } from "../src/lib/pro"
import { mergePdfs } from "../src/lib/labels/merge"
import { PDFDocument } from "pdf-lib"

const COUNT = Number(process.argv[2] ?? 500)
const DISTINCT = Math.min(COUNT, 50)

async function main() {
  const { url, close } = await startSandbox({ port: 0 })
  const client = new ProClient({ baseUrl: url, apiKey: "bench" })
  const labels: Uint8Array[] = []
  for (let i = 0; i < DISTINCT; i++) {
    const reference = await client.consignments.create({
      ConsignmentReferenceProvidedByCustomer: `bench-${i}`,
      Direction: "Outbound",
      Packages: [
        {
          Weight: { Value: 0.5 + (i % 5), Unit: "Kg" },
          Dimensions: { Unit: "Cm", Width: 20, Length: 30, Height: 10 },
          Description: "Bench parcel",
          Value: { Amount: 20, Currency: { IsoCode: "GBP" } },
        },
      ],
      Addresses: [
        { AddressType: "Origin", ShippingLocationReference: "SL-MANCHESTER", IsCached: false },
        {
          AddressType: "Destination",
          Contact: { FirstName: "Ada", LastName: `Lovelace ${i}`, Email: "ada@example.com", Telephone: "07700900000" },
          AddressLine1: `${i + 1} King Street`,
          Town: "Manchester",
          Postcode: "M2 4WU",
          Country: { IsoCode: { TwoLetterCode: "GB" } },
        },
      ],
    })
    await client.allocation.withDefaultRules([reference])
    labels.push(new Uint8Array((await client.labels.get(reference, "pdf")).bytes))
  }
  await close()
  // 500 files: the distinct labels repeated, each a separate buffer (as the bulk job holds them)
  const files = Array.from({ length: COUNT }, (_, i) => new Uint8Array(labels[i % DISTINCT]))
  const inputBytes = files.reduce((sum, file) => sum + file.byteLength, 0)

  global.gc?.()
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakHeap = base.heapUsed
  const sampler = setInterval(() => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }, 5)
  const started = process.hrtime.bigint()
  const merged = await mergePdfs(files)
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  clearInterval(sampler)
  const end = process.memoryUsage()
  peakRss = Math.max(peakRss, end.rss)
  peakHeap = Math.max(peakHeap, end.heapUsed)
  const pages = (await PDFDocument.load(merged)).getPageCount()
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
  console.log(`labels merged:  ${COUNT} (${pages} pages), input ${mb(inputBytes)} MB → output ${mb(merged.byteLength)} MB`)
  console.log(`merge time:     ${(ms / 1000).toFixed(2)} s`)
  console.log(`peak RSS:       ${mb(peakRss)} MB (before merge ${mb(base.rss)} MB)`)
  console.log(`peak V8 heap:   ${mb(peakHeap)} MB (before merge ${mb(base.heapUsed)} MB)`)
  const ok = ms < 3000 && peakRss < 300 * 1024 * 1024 && pages === COUNT
  console.log(ok ? "goal met: < 3 s, < 300 MB" : "GOAL MISSED: < 3 s and < 300 MB")
  process.exit(ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
