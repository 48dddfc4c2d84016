/**
 * Prices by dimensions and zone (issue #3 "prices by weight, dimensions and zone with UK VAT"; sandbox/README.md
 * "Services"): net per package = zone base + £/kg × chargeable kg, chargeable = max(actual, L×W×H / 5000); Northern
 * Ireland base × 1.4; VAT 20 % on UK destinations. Figures for MPD_T48CX (base £3.95, £0.45/kg).
 */
import { destination, pkg, shipment, start, TestSandbox } from "./helpers"

describe("pricing", () => {
  let s: TestSandbox
  beforeEach(async () => (s = await start()))
  afterEach(() => s.close())

  const t48 = async (body: unknown) =>
    (await s.call("POST", "/deliveryoptions", body)).body.DeliveryOptions.find((o: any) => o.CarrierServiceReference === "MPD_T48CX").Price

  it("charges a light but bulky parcel by its volumetric weight", async () => {
    // 1 kg in 20×30×10 cm → 1.2 kg chargeable; 1 kg in 50×40×30 cm → 12 kg chargeable
    expect(await t48(shipment({}, destination(), [pkg(1, [20, 30, 10])]))).toMatchObject({ Net: 4.49, Gross: 5.39 })
    expect(await t48(shipment({}, destination(), [pkg(1, [50, 40, 30])]))).toMatchObject({ Net: 9.35, Gross: 11.22 })
    // the actual weight wins when it is the larger: 12 kg in 20×30×10 cm
    expect((await t48(shipment({}, destination(), [pkg(12, [20, 30, 10])]))).Net).toBe(9.35)
  })

  it("prices Northern Ireland at 1.4 × the zone base, with UK VAT", async () => {
    const price = await t48(shipment({}, destination("BT1 1AA")))
    expect(price).toEqual({
      Net: 6.07,
      Gross: 7.28,
      VatAmount: 1.21,
      TaxRate: { Reference: "GB-0.2000", CountryIsoCode: "GB", Type: "Standard", Rate: 0.2 },
      Currency: { Name: "Pound Sterling", IsoCode: "GBP" },
    })
    expect((await t48(shipment({}, destination("M1 1AA")))).Net).toBe(4.49)
  })
})
