import { resolveOptions } from "../../options"
import {
  buildConsignmentRequest,
  buildDeliveryOptionsRequest,
  CartForDelivery,
  CheckoutMappingError,
  crossesCustomsBorder,
  resolveShippingLocation,
  toCheckoutOptions,
  toKg,
  toCm,
  toView,
  proDateTime,
} from "../index"
import type { ProDeliveryOption } from "../../pro"

const options = resolveOptions({ defaultShippingLocation: "SL-MANCHESTER", shippingLocations: { sloc_london: "SL-LONDON" } })

const cart: CartForDelivery = {
  id: "cart_1",
  currency_code: "gbp",
  email: "a@b.c",
  items: [
    { id: "li_1", title: "Socks", quantity: 2, unit_price: 12, variant: { sku: "SOCK", weight: 200, length: 20, width: 15, height: 5 } },
    {
      id: "li_2",
      title: "Mug",
      quantity: { numeric: 1 },
      unit_price: "9.5",
      variant: { sku: "MUG", weight: 600, length: 12, width: 12, height: 10 },
    },
  ],
  shipping_address: { first_name: "P", last_name: "M", address_1: "13 Porter St", city: "Manchester", postal_code: "m1 5wg", country_code: "gb" },
}

const option = (overrides: Partial<ProDeliveryOption> = {}): ProDeliveryOption => ({
  Reference: "EDO-000-000-001",
  EstimatedDeliveryDate: { Date: "2026-11-24T00:00:00+00:00", Guaranteed: true, DayOfWeek: "Tuesday" },
  DeliveryWindow: { Start: "07:00:00", End: "12:00:00", UtcOffset: "+00:00" },
  Carrier: "SwiftPost",
  CarrierService: "Next Day AM",
  CarrierServiceReference: "SP_ND_AM",
  Price: { Net: 10, Gross: 12, VatAmount: 2, Currency: { IsoCode: "GBP" } },
  AllocationCutOff: "2099-01-01T15:00:00+00:00",
  ...overrides,
})

describe("unit conversion", () => {
  it("converts the store's weight and dimension units to kg and cm", () => {
    expect(toKg(200, "g")).toBe(0.2)
    expect(toKg(2, "lb")).toBe(0.907)
    expect(toKg(null, "kg")).toBe(0)
    expect(toCm(25, "mm")).toBe(2.5)
    expect(toCm(10, "in")).toBe(25.4)
  })
})

describe("buildDeliveryOptionsRequest", () => {
  it("packs the cart into one package with summed weight, stacked height and total value", () => {
    const request = buildDeliveryOptionsRequest(cart, "SL-MANCHESTER", options)
    expect(request.ConsignmentReferenceProvidedByCustomer).toBe("cart_1")
    const [pkg] = request.Packages
    expect(pkg.Weight).toEqual({ Value: 1, Unit: "Kg" })
    expect(pkg.Dimensions).toEqual({ Unit: "Cm", Width: 15, Length: 20, Height: 20 })
    expect(pkg.Value).toEqual({ Amount: 33.5, Currency: { IsoCode: "GBP" } })
    expect(pkg.Items?.map((item) => item.Sku)).toEqual(["SOCK", "MUG"])
    expect(request.Addresses[0]).toEqual({ AddressType: "Origin", ShippingLocationReference: "SL-MANCHESTER", IsCached: false })
    expect(request.Addresses[1]).toMatchObject({ AddressType: "Destination", Postcode: "M1 5WG", Country: { IsoCode: { TwoLetterCode: "GB" } } })
  })

  it("names the missing field", () => {
    const noAddress = { ...cart, shipping_address: { ...cart.shipping_address, postal_code: null } }
    expect(() => buildDeliveryOptionsRequest(noAddress, "SL", options)).toThrow(expect.objectContaining({ field: "shipping_address.postal_code" }))
    expect(() => buildDeliveryOptionsRequest({ ...cart, items: [] }, "SL", options)).toThrow(CheckoutMappingError)
  })
})

describe("resolveShippingLocation", () => {
  it("maps by id, then name, then the default", () => {
    expect(resolveShippingLocation(options, { id: "sloc_london" })).toBe("SL-LONDON")
    expect(resolveShippingLocation(options, { id: "sloc_other", name: "Other" })).toBe("SL-MANCHESTER")
  })

  it("prefers the admin settings, then the stock location's metadata, over the plugin options", () => {
    const mappings = { settings: { sloc_london: "SL-BRISTOL" }, metadata: { sloc_london: "SL-LEEDS", sloc_leeds: "SL-LEEDS" } }
    expect(resolveShippingLocation(options, { id: "sloc_london" }, mappings)).toBe("SL-BRISTOL")
    expect(resolveShippingLocation(options, { id: "sloc_leeds", name: "Leeds" }, mappings)).toBe("SL-LEEDS")
    expect(resolveShippingLocation(options, { id: "sloc_other" }, mappings)).toBe("SL-MANCHESTER")
  })

  it("names an unmapped location and every way to map it", () => {
    const strict = resolveOptions({})
    expect(() => resolveShippingLocation(strict, { id: "sloc_9", name: "Leeds" })).toThrow(/"Leeds" \(sloc_9\)/)
    expect(() => resolveShippingLocation(strict, { id: "sloc_9" })).toThrow(/metadata\.sorted_pro_shipping_location_reference/)
  })
})

describe("customs documentation", () => {
  it("is needed across a customs border: another country, unless both are in the EU customs union", () => {
    expect(crossesCustomsBorder("GB", "GB")).toBe(false)
    expect(crossesCustomsBorder("GB", "FR")).toBe(true)
    expect(crossesCustomsBorder("gb", "us")).toBe(true)
    expect(crossesCustomsBorder("FR", "DE")).toBe(false)
    expect(crossesCustomsBorder("DE", "GB")).toBe(true)
    expect(crossesCustomsBorder("GB", null)).toBe(false)
  })

  const french = {
    ...cart,
    shipping_address: { ...cart.shipping_address, city: "Paris", postal_code: "75001", country_code: "fr", phone: "+33 1 23 45 67 89" },
  }
  const customsOptions = resolveOptions({
    defaultShippingLocation: "SL-MANCHESTER",
    customs: { shippersVatNumber: "GB123456789", officeOfPosting: "Manchester" },
  })

  it("goes on the Delivery Options request of a cart to France, without the shopper's e-mail, and not on a domestic one", () => {
    const request = buildDeliveryOptionsRequest(french, "SL-MANCHESTER", customsOptions)
    expect(request.CustomsDocumentation).toMatchObject({
      CategoryType: "Other",
      CategoryTypeExplanation: "Sale of goods",
      ReasonForExport: "Sale",
      ShippingTerms: "DAP",
      ShipperCustomsReference: "cart_1",
      ReferencesOfAttachedInvoices: ["cart_1"],
      ShippersVatNumber: "GB123456789",
      OfficeOfPosting: "Manchester",
      ImportersTelephone: "+33 1 23 45 67 89",
      InvoiceDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00\+00:00$/),
    })
    expect(request.CustomsDocumentation).not.toHaveProperty("ImportersEmail")
    expect(buildDeliveryOptionsRequest(cart, "SL-MANCHESTER", customsOptions)).not.toHaveProperty("CustomsDocumentation")
  })

  it("goes on a consignment with the importer's e-mail, and a return is returned goods", () => {
    const args = {
      reference: "ful_1",
      lines: french.items,
      currencyCode: "gbp",
      address: french.shipping_address,
      email: "a@b.c",
      shippingLocationReference: "SL-MANCHESTER",
      options: customsOptions,
    }
    const outbound = buildConsignmentRequest(args)
    expect(outbound.CustomsDocumentation).toMatchObject({ CategoryType: "Other", ImportersEmail: "a@b.c", ReferencesOfAttachedInvoices: ["ful_1"] })
    const inbound = buildConsignmentRequest({ ...args, direction: "Inbound" })
    expect(inbound.CustomsDocumentation).toMatchObject({ CategoryType: "ReturnedGoods", ReasonForExport: "Return" })
    expect(inbound.CustomsDocumentation).not.toHaveProperty("ImportersEmail")
    expect(buildConsignmentRequest({ ...args, address: cart.shipping_address })).not.toHaveProperty("CustomsDocumentation")
  })
})

describe("toCheckoutOptions", () => {
  it("keeps only the cart's currency and options before their cut-off, sorted by day, window, price", () => {
    const now = Date.parse("2026-11-23T12:00:00Z")
    const views = toCheckoutOptions(
      [
        option({ Reference: "EDO-B", EstimatedDeliveryDate: { Date: "2026-11-25T00:00:00+00:00", Guaranteed: false } }),
        option({ Reference: "EDO-A" }),
        option({ Reference: "EDO-EUR", Price: { Net: 1, Gross: 1, Currency: { IsoCode: "EUR" } } }),
        option({ Reference: "EDO-LATE", AllocationCutOff: "2026-11-23T11:59:00+00:00" }),
      ],
      "gbp",
      now
    )
    expect(views.map((view) => view.reference)).toEqual(["EDO-A", "EDO-B"])
    expect(views[1].day_of_week).toBe("Wednesday")
  })

  it("normalises price and window, dropping all-day windows", () => {
    const view = toView(option())
    expect(view.price).toEqual({ amount: 12, currency_code: "gbp", tax_inclusive: true })
    expect(view.window).toEqual({ start: "07:00", end: "12:00", utc_offset: "+00:00" })
    expect(toView(option({ DeliveryWindow: { Start: "00:00:00", End: "23:59:00" } })).window).toBeNull()
  })
})

describe("proDateTime", () => {
  it("writes a calendar day as the examples' ISO date-time (docs/pro-api.md §3.6) and keeps a date-time as it is", () => {
    expect(proDateTime("2026-12-04")).toBe("2026-12-04T00:00:00+00:00")
    expect(proDateTime("2026-12-04T09:30:00Z")).toBe("2026-12-04T09:30:00Z")
  })
})
