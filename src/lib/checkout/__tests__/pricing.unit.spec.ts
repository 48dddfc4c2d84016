import { applyPriceRules, groupByDay, priceView } from "../pricing"
import type { DeliveryOptionView } from "../../../types"

const view = (reference: string, date: string, amount: number, service = "SP_ND_AM"): DeliveryOptionView => ({
  reference,
  carrier: "SwiftPost",
  carrier_service: "Next Day",
  carrier_service_reference: service,
  service_types: [],
  date,
  day_of_week: "Tuesday",
  window: null,
  guaranteed: true,
  price: { amount, currency_code: "gbp", tax_inclusive: true },
  allocation_cut_off: null,
  operational_cut_off: null,
})

describe("applyPriceRules", () => {
  it("adds the percentage, then the fixed markup", () => {
    expect(applyPriceRules(10, { markupPercent: 10, markupFixed: 0.5 }, "X", 0, "gbp")).toBe(11.5)
  })
  it("rounds in the currency's own minor unit: 0 decimals for JPY, 3 for KWD, 2 for EUR", () => {
    expect(applyPriceRules(1234, { markupPercent: 10 }, "X", 0, "jpy")).toBe(1357)
    expect(applyPriceRules(1.111, { markupPercent: 10 }, "X", 0, "kwd")).toBe(1.222)
    expect(applyPriceRules(10, { markupPercent: 16.54 }, "X", 0, "eur")).toBe(11.65)
    expect(applyPriceRules(1.5, { markupFixed: 0.0004 }, "X", 0, "KWD")).toBe(1.5)
  })
  it("rounds up to .99 or whole units in the currency's minor unit (JPY has no .99: whole yen)", () => {
    expect(applyPriceRules(11.2, { rounding: "0.99" }, "X", 0, "kwd")).toBe(11.99)
    expect(applyPriceRules(11.995, { rounding: "0.99" }, "X", 0, "kwd")).toBe(12.99)
    expect(applyPriceRules(11.0004, { rounding: "whole" }, "X", 0, "kwd")).toBe(11)
    expect(applyPriceRules(11.001, { rounding: "whole" }, "X", 0, "kwd")).toBe(12)
    expect(applyPriceRules(1234, { markupPercent: 10, rounding: "0.99" }, "X", 0, "jpy")).toBe(1357)
    expect(applyPriceRules(1234, { markupPercent: 10, rounding: "whole" }, "X", 0, "jpy")).toBe(1357)
    expect(applyPriceRules(11.65, { rounding: "0.99" }, "X", 0, "eur")).toBe(11.99)
  })
  it("prices a JPY view in whole yen", () => {
    const yen = { ...view("A", "2026-11-24", 800), price: { amount: 800, currency_code: "jpy", tax_inclusive: true as const } }
    expect(priceView(yen, { markupPercent: 12.5 }, 0).price).toEqual({ amount: 900, currency_code: "jpy", tax_inclusive: true })
    expect(priceView(yen, { markupPercent: 12.3 }, 0).price.amount).toBe(898)
  })
  it("is free at or above the cart subtotal threshold", () => {
    expect(applyPriceRules(10, { freeAbove: 50, markupFixed: 2 }, "X", 50, "gbp")).toBe(0)
    expect(applyPriceRules(10, { freeAbove: 50 }, "X", 49.99, "gbp")).toBe(10)
  })
  it("rounds up to .99 or whole units", () => {
    expect(applyPriceRules(11.65, { rounding: "0.99" }, "X", 0, "gbp")).toBe(11.99)
    expect(applyPriceRules(11.99, { rounding: "0.99" }, "X", 0, "gbp")).toBe(11.99)
    expect(applyPriceRules(12, { rounding: "0.99" }, "X", 0, "gbp")).toBe(12.99)
    expect(applyPriceRules(11.01, { rounding: "whole" }, "X", 0, "gbp")).toBe(12)
  })
  it("lets a service override the price or the markup", () => {
    const rules = { markupPercent: 50, services: { EV_EVE: { price: 6 }, SP_SAT: { markupFixed: 1 } } }
    expect(applyPriceRules(10, rules, "EV_EVE", 0, "gbp")).toBe(6)
    expect(applyPriceRules(10, rules, "SP_SAT", 0, "gbp")).toBe(11)
    expect(applyPriceRules(10, rules, "OTHER", 0, "gbp")).toBe(15)
  })
  it("gives the shopper's price only, never PRO's", () => {
    expect(priceView(view("A", "2026-11-24", 10), { markupFixed: 1 }, 0).price).toEqual({ amount: 11, currency_code: "gbp", tax_inclusive: true })
  })
})

describe("groupByDay", () => {
  it("groups by date with the cheapest price of the day", () => {
    const days = groupByDay([view("A", "2026-11-24", 9), view("B", "2026-11-24", 7), view("C", "2026-11-25", 12)])
    expect(days.map((day) => [day.date, day.from_price.amount, day.windows.map((w) => w.reference)])).toEqual([
      ["2026-11-24", 7, ["A", "B"]],
      ["2026-11-25", 12, ["C"]],
    ])
  })
})
