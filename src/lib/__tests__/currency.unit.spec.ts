import { minorUnitDigits, roundToMinorUnit } from "../currency"

describe("currency minor units (one definition: Intl's digits per ISO 4217 code)", () => {
  it("knows JPY 0, EUR/GBP 2, KWD 3 decimals, whatever the case, and 2 for a code Intl refuses", () => {
    expect(["jpy", "EUR", "gbp", "kwd", "x"].map(minorUnitDigits)).toEqual([0, 2, 2, 3, 2])
  })
  it("rounds half away from zero in the minor unit, without binary floating point surprises", () => {
    expect(roundToMinorUnit(1.005, "gbp")).toBe(1.01)
    expect(roundToMinorUnit(1357.5, "jpy")).toBe(1358)
    expect(roundToMinorUnit(1.2345, "kwd")).toBe(1.235)
    expect(roundToMinorUnit(-2.675, "eur")).toBe(-2.68)
  })
})
