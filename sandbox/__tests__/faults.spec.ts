/**
 * Fault phases (`phase: "before" | "after"`, sandbox/README.md "Control API"): a "before" fault strikes instead of
 * processing, so PRO did nothing; an "after" fault lets PRO process the request (the write is committed) and then
 * replaces the answer, so the client cannot tell whether anything happened (an ambiguous failure).
 */
import { destination, shipment, start, TestSandbox } from "./helpers"

describe("fault phases", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const addFault = async (body: unknown) => {
    const res = await fetch(`${s.url}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }
  const consignmentCount = () => s.sandbox.store.consignments.size
  const orderCount = () => s.sandbox.store.orders.size
  const order = (ref: string) => ({
    ...shipment({ ConsignmentReferenceProvidedByCustomer: undefined }, destination()),
    OrderReferenceProvidedByCustomer: ref,
  })

  it("defaults to before: nothing is processed", async () => {
    const added = await addFault({ pathPattern: "/consignments", method: "POST", status: 503, times: 1 })
    expect(added.status).toBe(201)
    expect(added.body.phase).toBe("before")
    const failed = await s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "before-1" }))
    expect(failed.status).toBe(503)
    expect(failed.body.Code).toBe("InjectedFault")
    expect(consignmentCount()).toBe(0)
    expect((await s.call("GET", "/consignments/clientReference/before-1")).status).toBe(404)
  })

  it("after + status: the write is committed, the answer is replaced (no Location/links of the real one)", async () => {
    await addFault({ pathPattern: "/consignments", method: "POST", status: 500, phase: "after", times: 1 })
    const failed = await s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "after-500" }))
    expect(failed.status).toBe(500)
    expect(failed.body).toMatchObject({ Code: "InjectedFault", CorrelationId: failed.headers.get("x-correlation-id") })
    expect(JSON.stringify(failed.body)).not.toContain("EC-")
    expect(consignmentCount()).toBe(1)
    const found = await s.call("GET", "/consignments/clientReference/after-500")
    expect(found.status).toBe(200)
    expect(found.body).toHaveLength(1)
    // the fault fired once: the next write is answered normally
    expect((await s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "after-ok" }))).status).toBe(201)
  })

  it("after + custom body, and after + 429 with Retry-After", async () => {
    await addFault({ pathPattern: "/orders", method: "POST", status: 502, body: { Code: "BadGateway" }, phase: "after", times: 1 })
    const gateway = await s.call("POST", "/orders", order("MO-1"))
    expect(gateway.status).toBe(502)
    expect(gateway.body).toEqual({ Code: "BadGateway" })
    expect(orderCount()).toBe(1)

    await addFault({ pathPattern: "/orders", method: "POST", retryAfterSeconds: 3, phase: "after", times: 1 })
    const limited = await s.call("POST", "/orders", order("MO-2"))
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("3")
    expect(limited.body.Code).toBe("TooManyRequests")
    expect(orderCount()).toBe(2)
  })

  it("after + reset: the socket is destroyed once the write is done", async () => {
    await addFault({ pathPattern: "/deliveryoptions/select/*", reset: true, phase: "after", times: 1 })
    const options = await s.call("POST", "/deliveryoptions", shipment({ ConsignmentReferenceProvidedByCustomer: "cart-reset" }))
    const reference = options.body.DeliveryOptions[0].Reference
    await expect(s.call("POST", `/deliveryoptions/select/${reference}`)).rejects.toThrow()
    const found = await s.call("GET", "/consignments/clientReference/cart-reset")
    expect(found.status).toBe(200)
    expect(found.body[0].ConsignmentState).toBe("Allocated")
    // selecting again is refused and names the consignment the lost answer would have named
    const again = await s.call("POST", `/deliveryoptions/select/${reference}`)
    expect(again.status).toBe(400)
    expect(again.body.Code).toBe("DeliveryOptionAlreadySelected")
    expect(again.body.Message).toContain(found.body[0].Reference)
  })

  it("after + hang: the write is done and the answer never comes", async () => {
    await addFault({ pathPattern: "/consignments", method: "POST", hang: true, phase: "after", times: 1 })
    await expect(
      fetch(`${s.url}/consignments`, {
        method: "POST",
        headers: { "ocp-apim-subscription-key": "k", "content-type": "application/json" },
        body: JSON.stringify(shipment({ ConsignmentReferenceProvidedByCustomer: "after-hang" })),
        signal: AbortSignal.timeout(300),
      })
    ).rejects.toThrow()
    expect(consignmentCount()).toBe(1)
    expect((await s.call("GET", "/consignments/clientReference/after-hang")).status).toBe(200)
  })

  it("after + latency only: the real answer arrives late", async () => {
    await addFault({ pathPattern: "/consignments", method: "POST", latencyMs: 150, phase: "after", times: 1 })
    const t = performance.now()
    const created = await s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "after-late" }))
    expect(performance.now() - t).toBeGreaterThanOrEqual(140)
    expect(created.status).toBe(201)
    expect(created.body[0].Href).toMatch(/EC-/)
  })

  it("logs the fault's status and id for both phases", async () => {
    await addFault({ pathPattern: "/carriers", status: 503, phase: "after", times: 1 })
    await addFault({ pathPattern: "/carriers", reset: true, phase: "after", times: 1 })
    expect((await s.call("GET", "/carriers")).status).toBe(503)
    await expect(s.call("GET", "/carriers")).rejects.toThrow()
    expect((await s.call("GET", "/carriers")).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const log = (await (await fetch(`${s.url}/_sandbox/requests`)).json()) as any
    expect(log.requests.map((r: any) => [r.status, r.fault])).toEqual([
      [503, 1],
      [0, 2],
      [200, null],
    ])
  })

  it("counts the writes PRO did per endpoint: done, refused, and done with the answer lost", async () => {
    await addFault({ pathPattern: "/consignments", method: "POST", status: 503, times: 1 })
    await addFault({ pathPattern: "/consignments", method: "POST", reset: true, phase: "after", times: 1 })
    expect((await s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "w-before" }))).status).toBe(503)
    await expect(s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "w-lost" }))).rejects.toThrow()
    expect((await s.call("POST", "/consignments", shipment({ ConsignmentReferenceProvidedByCustomer: "w-ok" }))).status).toBe(201)
    expect((await s.call("POST", "/consignments", { Packages: "no" })).status).toBe(400)
    expect((await s.call("GET", "/carriers")).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const log = (await (await fetch(`${s.url}/_sandbox/requests`)).json()) as any
    expect(log.writes).toEqual({ "POST /consignments": { done: 2, refused: 1, answer_lost: 1 } })
    expect(consignmentCount()).toBe(2)
  })

  it("refuses a bad phase by name", async () => {
    for (const phase of ["during", 1, null]) {
      const refused = await addFault({ pathPattern: "/carriers", status: 500, phase })
      expect(refused.status).toBe(400)
      expect(refused.body.Message).toContain("phase")
      expect(refused.body.Details[0].Target).toBe("phase")
    }
    expect(await (await fetch(`${s.url}/_sandbox/faults`)).json()).toEqual([])
  })
})
