import { logProHostOnce, validateSortedProOptions } from "../../../lib/options-validation"
import SortedProFulfillmentService from "../service"
import SortedProModuleService from "../../../modules/sorted-pro/service"

describe("plugin options are validated at load", () => {
  const dev = { NODE_ENV: "development" }

  it("accepts the README's options and none at all", () => {
    expect(() => validateSortedProOptions({}, dev)).not.toThrow()
    expect(() =>
      validateSortedProOptions(
        {
          apiKey: "key",
          baseUrl: "https://api.electioapp.com",
          shippingLocations: { sloc_1: "SL-MANCHESTER" },
          weightUnit: "kg",
          priceRules: { markupPercent: 10, rounding: "0.99", services: { SP_ND: { price: 3 } } },
          allocationStrategy: { type: "service_group", reference: "NEXT_DAY" },
          manifestTime: "17:30",
          manifestTimeZone: "America/New_York",
          customs: { originCountry: "GB", shippingTerms: "DDP" },
        },
        { NODE_ENV: "production" }
      )
    ).not.toThrow()
  })

  it.each([
    [{ weightUnit: "stone" }, "weightUnit"],
    [{ checkoutTimeoutMs: -1 }, "checkoutTimeoutMs"],
    [{ fallbackPrice: "4.99" }, "fallbackPrice"],
    [{ baseUrl: "api.electioapp.com" }, "baseUrl"],
    [{ labelFormat: "docx" }, "labelFormat"],
    [{ manifestTime: "5pm" }, "manifestTime"],
    [{ manifestTimeZone: "Europe/Londres" }, "manifestTimeZone"],
    [{ priceRules: { rounding: "up" } }, "priceRules.rounding"],
    [{ allocationStrategy: { type: "fastest" } }, "allocationStrategy.type"],
    [{ shippingLocations: { sloc_1: 7 } }, "shippingLocations.sloc_1"],
    [{ defaultPackage: { weight: 0, length: 1, width: 1, height: 1 } }, "defaultPackage.weight"],
  ])("refuses %j naming %s", (options, name) => {
    expect(() => validateSortedProOptions(options as never, dev)).toThrow(new RegExp(`SortedPRO option ${name.replace(".", "\\.")}`))
  })

  it("refuses a production start without apiKey unless sandboxUrl is set explicitly, saying why", () => {
    expect(() => validateSortedProOptions({}, { NODE_ENV: "production" })).toThrow(/apiKey.*SORTED_PRO_API_KEY.*sandboxUrl/s)
    expect(() => validateSortedProOptions({ sandboxUrl: "http://sandbox.internal:4010" }, { NODE_ENV: "production" })).not.toThrow()
    expect(() => validateSortedProOptions({}, { NODE_ENV: "production", SORTED_PRO_SANDBOX_URL: "http://127.0.0.1:4010" })).not.toThrow()
    expect(() => validateSortedProOptions({}, { NODE_ENV: "production", SORTED_PRO_API_KEY: "key" })).not.toThrow()
  })

  it("logs once which PRO host a production start with a key and no baseUrl talks to", () => {
    const info = jest.fn()
    const logger = { info, warn: info }
    logProHostOnce({ apiKey: "key" }, logger, { NODE_ENV: "production" })
    logProHostOnce({ apiKey: "key" }, logger, { NODE_ENV: "production" })
    expect(info).toHaveBeenCalledTimes(1)
    expect(info.mock.calls[0][0]).toContain("https://apisandbox.electioapp.com")
    expect(info.mock.calls[0][0]).toContain("baseUrl")
  })

  it("the provider and the module validate through Medusa's static validateOptions", () => {
    const previous = process.env.NODE_ENV
    process.env.NODE_ENV = "development"
    try {
      expect(() => SortedProFulfillmentService.validateOptions({ weightUnit: "stone" })).toThrow(/weightUnit/)
      expect(() => SortedProModuleService.validateOptions({ weightUnit: "stone" })).toThrow(/weightUnit/)
      expect(() => SortedProFulfillmentService.validateOptions({})).not.toThrow()
    } finally {
      process.env.NODE_ENV = previous
    }
  })
})
