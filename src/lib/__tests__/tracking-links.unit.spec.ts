import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { ProClient } from "../pro"
import { fulfillmentResult, trackingUrl } from "../mapping/fulfillment"
import { carrierTrackingTemplates, trackingTemplateOf } from "../tracking-links"
import { validateSortedProOptions } from "../options-validation"
import { useSandbox } from "./sandbox"

const sandbox = useSandbox()
const clientFor = (baseUrl: string) => new ProClient({ baseUrl, apiKey: "tracking-links-test", retryBaseDelayMs: 5, maxRetries: 0 })
const consignment = { id: "spcon_1", reference: "EC-000-000-001", carrier_reference: "SWIFTPOST", tracking_numbers: ["SP000000001GB"] }

/** A PRO stand-in answering `GET /carriers` with `carriers` (status 200) or `status`. */
async function carriersServer(answer: { carriers?: unknown; status?: number }) {
  const server = createServer((_req, res) => {
    res.writeHead(answer.status ?? 200, { "content-type": "application/json" })
    res.end(JSON.stringify(answer.carriers ?? { Message: "unavailable" }))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) }
}

describe("tracking links on fulfillment labels", () => {
  it("builds the carrier's tracking page from its template, encoding the number", () => {
    expect(trackingUrl("https://swiftpost.example/track?parcel={TrackingNumber}", "SP 1/2")).toBe("https://swiftpost.example/track?parcel=SP%201%2F2")
    expect(trackingUrl(null, "SP1")).toBe("")
    expect(trackingUrl("https://no-placeholder.example/", "SP1")).toBe("")
  })

  it("fills tracking_url from the sandbox carrier's TrackingUrl", async () => {
    const client = clientFor(sandbox.url)
    const templates = await carrierTrackingTemplates(client)
    expect([...templates.keys()].sort()).toEqual(["CARRIER_X", "EVENLINE", "GLOBALEX", "PICKPOINT", "SWIFTPOST"])
    const result = fulfillmentResult(consignment, "https://shop.example/label", {}, await trackingTemplateOf(client, "SWIFTPOST"))
    expect(result.labels).toEqual([
      {
        tracking_number: "SP000000001GB",
        tracking_url: "https://swiftpost.example/track?parcel=SP000000001GB",
        label_url: "https://shop.example/label",
      },
    ])
  })

  it("leaves tracking_url empty when PRO's carriers have no TrackingUrl, or PRO does not answer", async () => {
    const bare = await carriersServer({ carriers: [{ Reference: "SWIFTPOST", Name: "SwiftPost" }] })
    const down = await carriersServer({ status: 503 })
    try {
      for (const url of [bare.url, down.url]) {
        const template = await trackingTemplateOf(clientFor(url), "SWIFTPOST")
        expect(template).toBeNull()
        expect(fulfillmentResult(consignment, "https://shop.example/label", {}, template).labels![0].tracking_url).toBe("")
      }
    } finally {
      await Promise.all([bare.close(), down.close()])
    }
  })

  it("prefers the merchant's trackingUrls option, which also serves a PRO without templates", async () => {
    const bare = await carriersServer({ carriers: [{ Reference: "SWIFTPOST", Name: "SwiftPost" }] })
    try {
      const own = { SWIFTPOST: "https://parcels.shop.example/{TrackingNumber}" }
      expect(await trackingTemplateOf(clientFor(bare.url), "SWIFTPOST", own)).toBe(own.SWIFTPOST)
      expect(await trackingTemplateOf(clientFor(sandbox.url), "SWIFTPOST", own)).toBe(own.SWIFTPOST)
      expect(await trackingTemplateOf(clientFor(sandbox.url), "EVENLINE", own)).toBe("https://evenline.example/parcels/{TrackingNumber}")
    } finally {
      await bare.close()
    }
  })

  it("validates the trackingUrls option, naming the carrier", () => {
    const dev = { NODE_ENV: "development" }
    expect(() => validateSortedProOptions({ trackingUrls: { SWIFTPOST: "https://t.example/{TrackingNumber}" } }, dev)).not.toThrow()
    expect(() => validateSortedProOptions({ trackingUrls: { SWIFTPOST: "https://t.example/" } }, dev)).toThrow(/trackingUrls\.SWIFTPOST/)
    expect(() => validateSortedProOptions({ trackingUrls: { SWIFTPOST: "t.example/{TrackingNumber}" } }, dev)).toThrow(/trackingUrls\.SWIFTPOST/)
  })

  it("gives no tracking page to a label without a tracking number (the EC- reference stands in)", () => {
    const result = fulfillmentResult({ ...consignment, tracking_numbers: [] }, "https://shop.example/label", {}, "https://t.example/{TrackingNumber}")
    expect(result.labels).toEqual([{ tracking_number: "EC-000-000-001", tracking_url: "", label_url: "https://shop.example/label" }])
  })
})
