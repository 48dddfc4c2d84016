import { applyPriceRules } from "../../src/lib/checkout/pricing"
import { injectFault, newCart } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/** Merchant price rules applied identically by the store route and `calculatePrice`; options in another currency never offered. */
const RULES = { markupPercent: 10, markupFixed: 0.5, rounding: "0.99" as const, freeAbove: 150, services: { EV_EVE: { price: 5 } } }

sortedProSuite({ env: { SORTED_PRO_PRICE_RULES: JSON.stringify(RULES) }, clearFaultsAfterEach: true }, ({ api, sandbox, seed, store }) => {
  it("applies the price rules in the listing and in calculate, identically", async () => {
    const cart = await newCart(api, seed, store)
    const { data } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    expect(data.options.length).toBeGreaterThan(3)
    for (const option of data.options.slice(0, 6)) {
      expect(option.price.amount).toBe(applyPriceRules(option.price.pro_amount, RULES, option.carrier_service_reference, 33.5))
      expect(option.price.amount.toFixed(2)).toMatch(/\.99$|^5\.00$/)
      const { data: priced } = await api.post(
        `/store/shipping-options/${seed.shipping_options.delivery}/calculate`,
        { cart_id: cart.id, data: { delivery_option_reference: option.reference } },
        store
      )
      expect(priced.shipping_option.amount).toBe(option.price.amount)
    }
  })

  it("is free above the subtotal threshold", async () => {
    const { data: created } = await api.post(
      "/store/carts",
      {
        region_id: seed.region_id,
        items: [{ variant_id: seed.variant_ids[3], quantity: 2 }],
        shipping_address: { first_name: "A", last_name: "B", address_1: "1 St", city: "Leeds", postal_code: "LS1 4AP", country_code: "gb" },
      },
      store
    )
    const { data } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${created.cart.id}`, store)
    expect(data.options.length).toBeGreaterThan(0)
    expect(data.options.every((option: any) => option.price.amount === 0)).toBe(true)
  })

  it("never offers an option priced in another currency", async () => {
    const cart = await newCart(api, seed, store, {
      first_name: "C",
      last_name: "D",
      address_1: "2 St",
      city: "York",
      postal_code: "YO1 7HH",
      country_code: "gb",
    })
    const euroOption = {
      Reference: "EDO-EUR-000-001",
      EstimatedDeliveryDate: { Date: "2099-01-02T00:00:00+00:00", Guaranteed: true, DayOfWeek: "Friday" },
      DeliveryWindow: { Start: "00:00:00", End: "23:59:00", UtcOffset: "+00:00" },
      Carrier: "Carrier X",
      CarrierService: "Tracked 48",
      CarrierServiceReference: "MPD_T48CX",
      Price: { Net: 5, Gross: 6, VatAmount: 1, Currency: { Name: "Euro", IsoCode: "EUR" } },
      AllocationCutOff: "2099-01-01T15:00:00+00:00",
    }
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions", status: 201, body: { DeliveryOptions: [euroOption] } })
    const { data } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    expect(data).toMatchObject({ fallback: false, options: [], currency_code: "gbp" })
    const { data: priced } = await api.post(`/store/shipping-options/${seed.shipping_options.delivery}/calculate`, { cart_id: cart.id }, store)
    expect(priced.shipping_option.amount).toBe(4.99)
    const refused = await api
      .post(
        `/store/carts/${cart.id}/shipping-methods`,
        { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: euroOption.Reference } },
        store
      )
      .catch((e: any) => e.response)
    expect(refused.status).toBe(400)
  })
})
