import { createServer, Server } from "node:http"
import type { AddressInfo } from "node:net"
import { ProApiError, ProClient } from ".."

/**
 * #16 item 6: Select Option's body carries its own `StatusCode` (docs/pro-api.md §3.4). A PRO that answers HTTP 200 with
 * a non-2xx `StatusCode` inside has not selected the option, whatever the transport said.
 */
let server: Server
let body: unknown
let received: string
let url: string

beforeAll(async () => {
  server = createServer((request, response) => {
    received = ""
    request.on("data", (chunk) => (received += chunk))
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const select = () => new ProClient({ baseUrl: url, apiKey: "status-test", retryBaseDelayMs: 1 }).deliveryOptions.select("DO-1")

describe("Select Option's StatusCode", () => {
  it("is read: a 2xx StatusCode is the selection's summary", async () => {
    body = { StatusCode: 200, Description: "allocated", CarrierServiceReference: "CX_NDS" }
    await expect(select()).resolves.toMatchObject({ StatusCode: 200, CarrierServiceReference: "CX_NDS" })
  })

  it("turns a non-2xx StatusCode inside a 200 into a failure carrying that status and PRO's description", async () => {
    body = { StatusCode: 400, Description: "Delivery option has expired", CorrelationId: "corr-1" }
    const error = await select().catch((e) => e)
    expect(error).toBeInstanceOf(ProApiError)
    expect(error).toMatchObject({ status: 400, code: "SelectOptionFailed", message: "Delivery option has expired", correlationId: "corr-1" })
  })

  it("reads the StatusCode of a list answer too", async () => {
    body = [{ StatusCode: 500, Description: "Carrier unavailable" }]
    await expect(select()).rejects.toMatchObject({ status: 500, code: "SelectOptionFailed", ambiguous: true })
  })
})

describe("dates on the wire", () => {
  it("sends the events window in the ISO date-time form with offset the examples use (docs/pro-api.md §1)", async () => {
    body = []
    await new ProClient({ baseUrl: url, apiKey: "dates-test" }).tracking.stateEvents(
      ["Allocated"],
      new Date("2025-06-16T09:00:00.250Z"),
      new Date("2025-06-16T10:00:00Z")
    )
    expect(JSON.parse(received)).toMatchObject({ Start: "2025-06-16T09:00:00.250+00:00", End: "2025-06-16T10:00:00.000+00:00" })
  })
})
