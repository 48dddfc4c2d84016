/**
 * The Delivery Options fast path: memoised option JSON must be byte-for-byte what serialising the option object gives,
 * for every kind of promise (domestic and export prices, TaxRate and VatRate, BST and GMT days).
 */
import { cheapestPromises, wireOption, wireOptionJson } from "../availability"
import { parseShipmentRequest } from "../model"
import { destination, shipment, start } from "./helpers"

describe("wireOptionJson", () => {
  it.each([
    ["GB summer", destination("SW1A 1AA", "GB"), "2025-06-16T10:00:00+01:00"],
    ["Highlands, across the October clock change", destination("IV1 1AA", "GB"), "2025-10-20T10:00:00+01:00"],
    ["France (zero-rated)", { ...destination("75004", "FR"), Town: "Paris" }, "2025-12-01T09:00:00+00:00"],
  ])("equals JSON.stringify(wireOption(…)) for %s", (_name, dest, now) => {
    const req = parseShipmentRequest(shipment({}, dest), "quote")
    const promises = [...cheapestPromises(req, new Date(now), "delivery"), ...cheapestPromises(req, new Date(now), "pickup")]
    expect(promises.length).toBeGreaterThan(5)
    for (const [i, p] of promises.entries()) {
      for (const taxKey of ["TaxRate", "VatRate"] as const) {
        const ref = `EDO-000-000-${i.toString(36).toUpperCase().padStart(3, "0")}`
        expect(wireOptionJson(ref, p, req.zone, taxKey)).toBe(JSON.stringify(wireOption(ref, p, req.zone, taxKey)))
        // second call comes from the memo and must still carry its own reference
        expect(JSON.parse(wireOptionJson(`${ref}X`, p, req.zone, taxKey)).Reference).toBe(`${ref}X`)
      }
    }
  })

  it("serves POST /deliveryoptions as application/json equal to the stored options' details", async () => {
    const s = await start()
    try {
      const res = await s.call("POST", "/deliveryoptions", shipment())
      expect(res.status).toBe(201)
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8")
      for (const option of res.body.DeliveryOptions.slice(0, 5)) {
        const { IsSelected, ConsignmentReference, Expired, ...details } = (await s.call("GET", `/deliveryoptions/details/${option.Reference}`)).body
        expect({ IsSelected, ConsignmentReference, Expired }).toEqual({ IsSelected: false, ConsignmentReference: null, Expired: false })
        expect(details).toEqual(option)
      }
    } finally {
      await s.close()
    }
  })
})
