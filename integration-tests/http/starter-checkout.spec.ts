import { failed, injectFault, newCart as makeCart, payAndComplete, waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * Medusa's official Next.js starter (`nextjs-starter-medusa`) checks out unmodified: it lists the cart's shipping
 * options, prices a calculated one with `POST /store/shipping-options/:id/calculate {cart_id}` and adds it with
 * `POST /store/carts/:id/shipping-methods {option_id}`, never sending `data`. Each SortedPRO option must then be
 * chargeable at the price calculate showed, and the order must reach PRO (EC- consignment or EO- order).
 */
sortedProSuite({ clearFaultsAfterEach: true }, ({ api, seed, store, sortedPro, sandbox }) => {
  const newCart = () => makeCart(api, seed, store)

  /** The starter's calls: list, calculate (calculated options only), add without data. Resolves with the shown price and the method. */
  async function starterChooses(cartId: string, optionId: string) {
    const { data: listing } = await api.get(`/store/shipping-options?cart_id=${cartId}`, store)
    const listed = listing.shipping_options.find((option: any) => option.id === optionId)
    expect(listed).toBeDefined()
    let shown: number = listed.amount
    if (listed.price_type === "calculated") {
      const { data } = await api.post(`/store/shipping-options/${optionId}/calculate`, { cart_id: cartId }, store)
      shown = data.shipping_option.amount
    }
    const { data } = await api.post(`/store/carts/${cartId}/shipping-methods?fields=+shipping_methods.data`, { option_id: optionId }, store)
    return { shown, method: data.cart.shipping_methods[0] }
  }

  /** Pays and completes the cart, expects an order charged `shown` for shipping, and resolves with its synced EC- consignment record. */
  async function chargedAndSynced(cartId: string, shown: number, what: string) {
    const { data: completed } = await payAndComplete(api, cartId, store)
    expect(completed.type).toBe("order")
    expect(completed.order.shipping_total).toBe(shown)
    const record = await waitFor(what, async () => {
      const [found] = await sortedPro().listSortedProConsignments({ order_id: completed.order.id })
      return found?.sync_status === "synced" ? found : undefined
    })
    expect(record.reference).toMatch(/^EC-/)
    return record
  }

  it("delivery day without a choice: the earliest day's cheapest option (its 'from' price) is charged, recorded and selected in PRO", async () => {
    const cart = await newCart()
    const { data: listing } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    const { shown, method } = await starterChooses(cart.id, seed.shipping_options.delivery)
    const earliestDay = listing.options.map((option: any) => option.date).sort()[0]
    const expected = listing.options
      .filter((option: any) => option.date === earliestDay)
      .sort((a: any, b: any) => a.price.amount - b.price.amount || (a.window?.start ?? "99:99").localeCompare(b.window?.start ?? "99:99"))[0]
    expect(shown).toBe(expected.price.amount)
    expect(method.amount).toBe(shown)
    expect(method.data).toMatchObject({
      flow: "consumer_options",
      delivery_option_reference: expected.reference,
      carrier: expected.carrier,
      carrier_service: expected.carrier_service,
      delivery_date: expected.date,
    })
    expect(method.data).toHaveProperty("window")

    const record = await chargedAndSynced(cart.id, shown, "the consignment")
    expect(record.delivery_option_reference).toBe(expected.reference)
  })

  it("pickup without a choice: the nearest point to the shipping postcode, its earliest option, priced the same", async () => {
    const cart = await newCart()
    const { data: search } = await api.get(`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1 5WG`, store)
    const nearest = search.locations[0]
    const { shown, method } = await starterChooses(cart.id, seed.shipping_options.pickup)
    expect(method.amount).toBe(shown)
    expect(method.data).toMatchObject({
      flow: "consumer_options_pickup",
      pickup_location: expect.objectContaining({ shop_reference: nearest.shop_reference, name: nearest.name, address: expect.any(Object) }),
    })
    const earliest = [...nearest.options].sort((a: any, b: any) => a.date.localeCompare(b.date))[0]
    expect(method.data.delivery_date).toBe(earliest.date)
    expect(shown).toBe(method.data.price.amount)

    const record = await chargedAndSynced(cart.id, shown, "the pickup consignment")
    expect(record.flow).toBe("consumer_options_pickup")
  })

  it("pickup without a choice and no point near the address: 400 the shopper can act on", async () => {
    const cart = await newCart()
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/pickupoptions", method: "POST", status: 200, body: { Locations: [] } })
    const error = await failed(api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_options.pickup }, store))
    expect(error.status).toBe(400)
    expect(error.data.message).toMatch(/pickup point/i)
  })

  it("standard: the flat price is charged and the order reaches PRO as an EO- order", async () => {
    const cart = await newCart()
    const { shown, method } = await starterChooses(cart.id, seed.shipping_options.standard)
    expect(method.amount).toBe(shown)
    const { data: completed } = await payAndComplete(api, cart.id, store)
    expect(completed.type).toBe("order")
    expect(completed.order.shipping_total).toBe(shown)
    const proOrder = await waitFor("the PRO order", async () => {
      const [found] = await sortedPro().listSortedProOrders({ order_id: completed.order.id })
      return found?.reference ? found : undefined
    })
    expect(proOrder.reference).toMatch(/^EO-/)
  })

  it("an explicit reference still wins, and an unknown one is refused naming the field", async () => {
    const cart = await newCart()
    const { data: listing } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    const dearest = [...listing.options].sort((a: any, b: any) => b.price.amount - a.price.amount)[0]
    const { data } = await api.post(
      `/store/carts/${cart.id}/shipping-methods?fields=+shipping_methods.data`,
      { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: dearest.reference } },
      store
    )
    expect(data.cart.shipping_methods[0].data.delivery_option_reference).toBe(dearest.reference)
    expect(data.cart.shipping_methods[0].amount).toBe(dearest.price.amount)
    const error = await failed(
      api.post(
        `/store/carts/${cart.id}/shipping-methods`,
        { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: "EDO-000-000-000" } },
        store
      )
    )
    expect(error.status).toBe(400)
    expect(error.data.message).toContain("data.delivery_option_reference")
  })
})
