import { applyPriceRules } from "../../src/lib/checkout/pricing"
import { chooseFirstDeliveryOption, injectFault, newCart, payAndComplete, waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/** Merchant price rules applied identically by the store route and `calculatePrice`; options in another currency never offered. */
const RULES = { markupPercent: 10, markupFixed: 0.5, rounding: "0.99" as const, freeAbove: 150, services: { EV_EVE: { price: 5 } } }

sortedProSuite({ env: { SORTED_PRO_PRICE_RULES: JSON.stringify(RULES) }, clearFaultsAfterEach: true }, ({ api, sandbox, seed, store, sortedPro }) => {
  /** A PRO delivery option in GBP with PRO's gross price `gross` (net and VAT at 20%). */
  const proOption = (reference: string, gross: number, service: string, day: string) => ({
    Reference: reference,
    EstimatedDeliveryDate: { Date: `${day}T00:00:00+00:00`, Guaranteed: true, DayOfWeek: "Friday" },
    DeliveryWindow: { Start: "00:00:00", End: "23:59:00", UtcOffset: "+00:00" },
    Carrier: "Carrier X",
    CarrierService: "Tracked",
    CarrierServiceReference: service,
    Price: {
      Net: Math.round((gross / 1.2) * 100) / 100,
      Gross: gross,
      VatAmount: Math.round((gross - gross / 1.2) * 100) / 100,
      Currency: { Name: "Pound", IsoCode: "GBP" },
    },
    AllocationCutOff: "2099-01-01T15:00:00+00:00",
  })
  const PRO_OPTIONS = [
    proOption("EDO-A", 4.1, "MPD_A", "2099-01-02"),
    proOption("EDO-B", 7.37, "MPD_B", "2099-01-03"),
    proOption("EDO-C", 9, "EV_EVE", "2099-01-04"),
  ]

  it("applies the price rules to PRO's price in the listing and in calculate, identically", async () => {
    const cart = await newCart(api, seed, store)
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions", status: 201, body: { DeliveryOptions: PRO_OPTIONS } })
    const { data } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    expect(data.options.map((option: any) => option.reference)).toEqual(["EDO-A", "EDO-B", "EDO-C"])
    for (const [index, option] of data.options.entries()) {
      const pro = PRO_OPTIONS[index]
      expect(option.price).toEqual({
        amount: applyPriceRules(pro.Price.Gross, RULES, pro.CarrierServiceReference, 33.5, "gbp"),
        currency_code: "gbp",
        tax_inclusive: true,
      })
      expect(option.price.amount.toFixed(2)).toMatch(/\.99$|^5\.00$/)
      const { data: priced } = await api.post(
        `/store/shipping-options/${seed.shipping_options.delivery}/calculate`,
        { cart_id: cart.id, data: { delivery_option_reference: option.reference } },
        store
      )
      expect(priced.shipping_option.amount).toBe(option.price.amount)
    }
  })

  it("no store response carries PRO's cost: listings, pickup points and the shipping method data", async () => {
    const cart = await newCart(api, seed, store)
    const listing = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    const pickup = await api.get(`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1 5WG&max_results=5`, store)
    expect(listing.data.options.length).toBeGreaterThan(0)
    expect(pickup.data.locations.length).toBeGreaterThan(0)
    const delivery = await api.post(
      `/store/carts/${cart.id}/shipping-methods?fields=+shipping_methods.data`,
      { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: listing.data.options[0].reference } },
      store
    )
    const location = pickup.data.locations.find((candidate: any) => candidate.options.length)
    const collected = await api.post(
      `/store/carts/${cart.id}/shipping-methods?fields=+shipping_methods.data`,
      {
        option_id: seed.shipping_options.pickup,
        data: { delivery_option_reference: location.options[0].reference, pickup_location_shop_reference: location.shop_reference },
      },
      store
    )
    const read = await api.get(`/store/carts/${cart.id}?fields=+shipping_methods.data`, store)
    for (const body of [listing.data, pickup.data, delivery.data, collected.data, read.data]) {
      expect(proCostFields(body)).toEqual([])
    }
    expect(collected.data.cart.shipping_methods[0].data.price).toEqual({ amount: expect.any(Number), currency_code: "gbp", tax_inclusive: true })
  })

  it("keeps PRO's price (the carrier cost) on our consignment record only, beside what the shopper paid", async () => {
    const cart = await newCart(api, seed, store)
    const chosen = await chooseFirstDeliveryOption(api, seed, store, cart.id)
    const { data: completed } = await payAndComplete(api, cart.id, store)
    expect(completed.type).toBe("order")
    const record = await waitFor(
      "the consignment record",
      async () => (await sortedPro().listSortedProConsignments({ order_id: completed.order.id }))[0]
    )
    const promise = record.delivery_promise as any
    expect(promise.price).toEqual(chosen.price)
    expect(promise.carrier_cost).toEqual({ gross: expect.any(Number), net: expect.any(Number), vat: expect.any(Number), currency_code: "gbp" })
    expect(chosen.price.amount).toBe(applyPriceRules(promise.carrier_cost.gross, RULES, chosen.carrier_service_reference, 33.5, "gbp"))
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

/** The paths of every field in `body` named like a PRO cost (PRO's gross, net or VAT, or our old `pro_amount`). */
function proCostFields(body: unknown, path = "$"): string[] {
  if (!body || typeof body !== "object") {
    return []
  }
  return Object.entries(body).flatMap(([key, value]) => [
    ...(/^(pro_amount|pro_price|net|tax|vat|vat_amount|gross|price_net|price_gross)$/i.test(key) ? [`${path}.${key}`] : []),
    ...proCostFields(value, `${path}.${key}`),
  ])
}
