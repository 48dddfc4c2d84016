import SortedProFulfillmentService from "../service"
import type SortedProModuleService from "../../../modules/sorted-pro/service"
import { MANCHESTER_ADDRESS } from "../../../lib/mapping/__tests__/addresses"

/** The provider at checkout: a failure that is not the shopper's (a look-up, a database) is a fallback, never a 500. */
class BrokenLookups extends SortedProFulfillmentService {
  protected module_(): SortedProModuleService {
    const down = async () => {
      throw new Error("database is down")
    }
    return { resolveShippingLocation: down, variantCustoms: down, fallbackPriceFor: down } as unknown as SortedProModuleService
  }
}

const logger = { warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined }
const cart = {
  id: "cart_broken",
  currency_code: "gbp",
  items: [{ id: "li_1", quantity: 1, unit_price: 9.5, variant: { weight: 600, length: 12, width: 12, height: 10 } }],
  shipping_address: MANCHESTER_ADDRESS,
}

/** A module whose every look-up hangs (a stuck database). */
class StuckLookups extends SortedProFulfillmentService {
  protected module_(): SortedProModuleService {
    const stuck = () => new Promise<never>(() => undefined)
    return { resolveShippingLocation: stuck, variantCustoms: stuck, fallbackPriceFor: stuck } as unknown as SortedProModuleService
  }
}

describe("the provider when a look-up fails", () => {
  const provider = new BrokenLookups({ logger } as never, { baseUrl: "http://127.0.0.1:9", apiKey: "x", checkoutTimeoutMs: 400 })

  it("validateFulfillmentData accepts the method at the fallback (Order Flex) instead of throwing", async () => {
    const data = await provider.validateFulfillmentData({ id: "sorted-pro-delivery" }, { delivery_option_reference: "EDO-1" }, cart)
    expect(data).toMatchObject({ flow: "order_flex", fallback: true, requested_delivery_option_reference: "EDO-1", cart_id: "cart_broken" })
  })

  it("calculatePrice answers the fallback price", async () => {
    const price = await provider.calculatePrice({ id: "sorted-pro-delivery" }, {}, cart as never)
    expect(price).toEqual({ calculated_amount: 4.99, is_calculated_price_tax_inclusive: true })
  })
})

describe("the provider when a look-up hangs", () => {
  const provider = new StuckLookups({ logger } as never, { baseUrl: "http://127.0.0.1:9", apiKey: "x", checkoutTimeoutMs: 500 })

  it("calculatePrice answers the fallback price within the budget + 150 ms", async () => {
    const started = Date.now()
    const price = await provider.calculatePrice({ id: "sorted-pro-delivery" }, {}, cart as never)
    expect(price).toEqual({ calculated_amount: 4.99, is_calculated_price_tax_inclusive: true })
    expect(Date.now() - started).toBeLessThanOrEqual(650)
  })

  it("validateFulfillmentData falls back within the budget + 150 ms", async () => {
    const started = Date.now()
    const data = await provider.validateFulfillmentData({ id: "sorted-pro-delivery" }, { delivery_option_reference: "EDO-1" }, cart)
    expect(data).toMatchObject({ flow: "order_flex", fallback: true })
    expect(Date.now() - started).toBeLessThanOrEqual(650)
  })
})
