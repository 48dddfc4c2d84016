import { dailyManifestWorkflow } from "../../src/workflows/manifest-consignments"
import { failed, injectFault, newCart, payAndComplete, waitFor, chooseFirstDeliveryOption, UK_ADDRESS } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * Issue 5/6: what staff save in the SortedPRO settings takes effect (stock location mapping, per-shipping-option
 * allocation, label format, fallback price per currency, daily manifest), customs documentation reaches PRO for
 * international orders, and a PRO failure while fulfilling leaves neither a lost consignment nor a second one.
 */
const PARIS = {
  first_name: "Marie",
  last_name: "Curie",
  address_1: "1 Rue de Rivoli",
  city: "Paris",
  postal_code: "75001",
  country_code: "fr",
  phone: "+33 1 23 45 67 89",
}

sortedProSuite({ timeoutMs: 300_000, clearFaultsAfterEach: true }, ({ api, getContainer, sandbox, seed, admin, store, sortedPro }) => {
  const pro = async (path: string) => (await sandbox.pro(path)).json()
  const originOf = (consignment: any) => consignment.Addresses.find((address: any) => address.AddressType === "Origin").ShippingLocationReference

  afterEach(async () => {
    await sortedPro().saveSettings({
      shipping_locations: {},
      shipping_option_strategies: {},
      label_format: "pdf",
      fallback_prices: {},
      manifest_time: null,
      manifest_time_zone: "Europe/London",
    })
  })

  /** A flat-option (Order Flex) order, by default in the UK region; resolves once its PRO order exists. */
  async function standardOrder(region = seed.region_id, option = seed.shipping_options.standard, address: object = {}) {
    const { data: created } = await api.post(
      "/store/carts",
      {
        region_id: region,
        email: "shopper@example.com",
        items: [{ variant_id: seed.variant_ids[0], quantity: 2 }],
        shipping_address: { ...UK_ADDRESS, ...address },
      },
      store
    )
    await api.post(`/store/carts/${created.cart.id}/shipping-methods`, { option_id: option }, store)
    const { data } = await payAndComplete(api, created.cart.id, store)
    expect(data.type).toBe("order")
    const proOrder = await waitFor("the PRO order", async () => {
      const [found] = await sortedPro().listSortedProOrders({ order_id: data.order.id })
      return found?.sync_status === "synced" ? found : undefined
    })
    return { order: data.order, proOrder }
  }

  /** Creates one fulfillment of every line from the seed's stock location; returns the HTTP response. */
  async function fulfill(orderId: string) {
    const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, admin)
    return failed(
      api.post(
        `/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id,fulfillments.data,fulfillments.labels.*`,
        { items: data.order.items.map((item: any) => ({ id: item.id, quantity: item.quantity })), location_id: seed.stock_location_id },
        admin
      )
    )
  }

  it("ships from the shipping location, with the allocation and label format, that the settings say", async () => {
    const { data: saved } = await api.post(
      "/admin/sorted-pro/settings",
      {
        shipping_locations: { [seed.stock_location_id]: "SL-LONDON" },
        shipping_option_strategies: { [seed.shipping_options.standard]: { type: "carrier_service", reference: "CX_NDS" } },
        label_format: "zpl",
      },
      admin
    )
    expect(saved.settings.shipping_option_strategies[seed.shipping_options.standard]).toEqual({ type: "carrier_service", reference: "CX_NDS" })
    // a map saved replaces the stored one: an option left out goes back to the store default
    const { data: other } = await api.post(
      "/admin/sorted-pro/settings",
      { shipping_option_strategies: { [seed.shipping_options.pickup]: { type: "default_rules" } } },
      admin
    )
    expect(other.settings.shipping_option_strategies).toEqual({ [seed.shipping_options.pickup]: { type: "default_rules" } })
    await api.post(
      "/admin/sorted-pro/settings",
      { shipping_option_strategies: { [seed.shipping_options.standard]: { type: "carrier_service", reference: "CX_NDS" } } },
      admin
    )
    expect(saved.shipping_options.map((option: any) => option.id)).toEqual(
      expect.arrayContaining([seed.shipping_options.standard, seed.shipping_options.delivery])
    )
    const unknown = await failed(
      api.post("/admin/sorted-pro/settings", { shipping_option_strategies: { so_notours: { type: "default_rules" } } }, admin)
    )
    expect({ status: unknown.status, message: unknown.data.message }).toEqual({
      status: 400,
      message: expect.stringContaining("shipping_option_strategies.so_notours"),
    })

    const { order, proOrder } = await standardOrder()
    expect(originOf(await pro(`/orders/${proOrder.reference}`))).toBe("SL-LONDON")
    const response = await fulfill(order.id)
    expect(response.status).toBe(200)
    const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(record).toMatchObject({
      sync_status: "synced",
      state: "Allocated",
      carrier_service_reference: "CX_NDS",
      allocation_strategy: "carrier_service:CX_NDS",
      shipping_location_reference: "SL-LONDON",
    })
    expect(originOf(await pro(`/consignments/${record.reference}`))).toBe("SL-LONDON")
    expect(record.packages?.items).toEqual([
      expect.objectContaining({
        package_reference: expect.stringMatching(/^EP-/),
        customer_reference: `${record.fulfillment_id}-1`,
        weight_kg: expect.any(Number),
      }),
    ])
    const labelUrl = response.data.order.fulfillments[0].labels[0].label_url
    expect(labelUrl).toContain(`/admin/sorted-pro/consignments/${record.reference}/label?format=zpl`)
    const label = await api.get(`/admin/sorted-pro/consignments/${record.reference}/label`, { ...admin, responseType: "text" })
    expect(label.headers["content-type"]).toContain("text/plain")
    expect(label.data.startsWith("^XA")).toBe(true)
  })

  it("charges the settings' fallback price for the cart currency when PRO cannot answer", async () => {
    await api.post("/admin/sorted-pro/settings", { fallback_prices: { gbp: 6.5 } }, admin)
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions", method: "POST", status: 503 })
    const cart = await newCart(api, seed, store)
    const { data: listing } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    expect(listing).toMatchObject({ fallback: true, fallback_price: { amount: 6.5, currency_code: "gbp" } })
    const { data: priced } = await api.post(
      `/store/shipping-options/${seed.shipping_options.delivery}/calculate`,
      { cart_id: cart.id, data: {} },
      store
    )
    expect(priced.shipping_option.calculated_price.calculated_amount).toBe(6.5)
  })

  it("sends customs documentation for an order to France: on Select Option with HS codes, on Create Order with the importer", async () => {
    // Consumer Options: the options request carries the customs documentation and the items' HS codes
    const { data: created } = await api.post(
      "/store/carts",
      {
        region_id: seed.international_region_id,
        email: "marie@example.fr",
        items: [{ variant_id: seed.variant_ids[0], quantity: 1 }],
        shipping_address: PARIS,
      },
      store
    )
    const cart = created.cart
    const { data: listing } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    expect(listing.shipping_option_id).toBe(seed.shipping_options.international_delivery)
    const option = listing.options[0]
    expect(option.service_types).toContain("International")
    await api.post(
      `/store/carts/${cart.id}/shipping-methods`,
      { option_id: listing.shipping_option_id, data: { delivery_option_reference: option.reference } },
      store
    )
    const { data: placed } = await payAndComplete(api, cart.id, store)
    expect(placed.type).toBe("order")
    const record = await waitFor("the consignment", async () => {
      const [found] = await sortedPro().listSortedProConsignments({ order_id: placed.order.id })
      return found?.sync_status === "synced" ? found : undefined
    })
    const selected = await pro(`/consignments/${record.reference}`)
    expect(selected.CustomsDocumentation).toMatchObject({
      CategoryType: "Other",
      ReasonForExport: "Sale",
      ShippingTerms: "DAP",
      ReferencesOfAttachedInvoices: [cart.id],
    })
    expect(selected.Packages[0].Items[0]).toMatchObject({ HarmonisationCode: "611595", CountryOfOrigin: { IsoCode: { TwoLetterCode: "GB" } } })
    const { data: customs } = await api.get(`/admin/sorted-pro/consignments/${record.reference}/customs-documents`, admin)
    expect(customs.required).toBe(true)
    expect(customs.documents.map((doc: any) => doc.type).sort()).toEqual(["CN22", "CommercialInvoice"])

    // Order Flex: Create Order carries it with the importer's e-mail, and the packed consignment inherits it
    const { order, proOrder } = await standardOrder(seed.international_region_id, seed.shipping_options.international_standard, PARIS)
    const proOrderJson = await pro(`/orders/${proOrder.reference}`)
    expect(proOrderJson.CustomsDocumentation).toMatchObject({
      CategoryType: "Other",
      ImportersEmail: "shopper@example.com",
      ReferencesOfAttachedInvoices: [order.id],
    })
    expect((await fulfill(order.id)).status).toBe(200)
    const [packed] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(packed).toMatchObject({ sync_status: "synced", state: "Allocated" })
    expect((await pro(`/consignments/${packed.reference}`)).CustomsDocumentation).toMatchObject({ ImportersEmail: "shopper@example.com" })
  })

  it("manifests once a day after the manifest time, for this store's shipping locations", async () => {
    const { order } = await standardOrder()
    expect((await fulfill(order.id)).status).toBe(200)
    const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    const day = String((await pro(`/consignments/${record.reference}`)).ShippingDate).slice(0, 10)
    const run = async (now: string) => (await dailyManifestWorkflow(getContainer()).run({ input: { now } })).result

    expect(await run(`${day}T20:00:00Z`)).toMatchObject({ skipped: "no_manifest_time" })
    await api.post("/admin/sorted-pro/settings", { manifest_time: "17:00" }, admin)
    expect(await run(`${day}T12:00:00Z`)).toMatchObject({ skipped: "before_manifest_time", day })
    const sent = await run(`${day}T20:00:00Z`)
    expect(sent.skipped).toBeUndefined()
    expect(sent.manifest?.consignments).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference: record.reference, state: "Manifested" })])
    )
    expect((await pro(`/consignments/${record.reference}`)).ConsignmentState).toBe("Manifested")
    expect(await run(`${day}T21:00:00Z`)).toMatchObject({ skipped: "already_manifested_today" })
    expect((await sortedPro().getSettings()).last_manifest_at).toBeTruthy()
  })

  it("manifests the day of the manifest time zone, where the date differs from London's (issue 18 item 5)", async () => {
    const { order } = await standardOrder()
    expect((await fulfill(order.id)).status).toBe(200)
    const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    const day = String((await pro(`/consignments/${record.reference}`)).ShippingDate).slice(0, 10)
    // 13:30 UTC the day before: still that day in London, already the shipping day in Auckland (01:30 or 02:30)
    const now = new Date(Date.parse(`${day}T13:30:00Z`) - 86_400_000).toISOString()
    const { data } = await api.post("/admin/sorted-pro/settings", { manifest_time: "00:30", manifest_time_zone: "pacific/auckland" }, admin)
    expect(data.settings).toMatchObject({ manifest_time: "00:30", manifest_time_zone: "Pacific/Auckland" })

    const sent = (await dailyManifestWorkflow(getContainer()).run({ input: { now } })).result
    expect(sent).toMatchObject({ day })
    expect(now.slice(0, 10)).not.toBe(day)
    expect(sent.manifest?.consignments).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference: record.reference, state: "Manifested" })])
    )
    expect((await pro(`/consignments/${record.reference}`)).ConsignmentState).toBe("Manifested")
  })

  it("keeps a packed consignment whose allocation failed and finishes it once PRO answers, without a second one", async () => {
    const { order, proOrder } = await standardOrder()
    await injectFault(sandbox.url, { pathPattern: "/allocation/**", method: "PUT", status: 503 })
    const response = await fulfill(order.id)
    expect(response.status).toBe(200)
    const [pending] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(pending).toMatchObject({
      sync_status: "pending",
      reference: expect.stringMatching(/^EC-/),
      last_error: expect.objectContaining({ status: 503, correlation_id: expect.any(String) }),
    })
    expect(response.data.order.fulfillments[0].data).toMatchObject({ consignment_reference: pending.reference, sync_status: "pending" })

    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "DELETE" })
    const { data } = await api.post("/admin/sorted-pro/reconcile", {}, admin)
    expect(data.result.fulfillments_retried).toBeGreaterThanOrEqual(1)
    const [after] = await sortedPro().listSortedProConsignments({ id: pending.id })
    expect(after).toMatchObject({ sync_status: "synced", state: "Allocated", reference: pending.reference, last_error: null })
    expect((await pro(`/orders/${proOrder.reference}`)).ConsignmentReferences).toEqual([pending.reference])
  })

  it("still ships an order whose delivery choice PRO can no longer select: Order Flex with the chosen carrier service", async () => {
    const cart = await newCart(api, seed, store)
    const option = await chooseFirstDeliveryOption(api, seed, store, cart.id)
    await injectFault(sandbox.url, {
      pathPattern: "/deliveryoptions/select/*",
      status: 400,
      times: 1,
      body: { Code: "DeliveryOptionExpired", Message: `Delivery option ${option.reference} has expired`, CorrelationId: "corr-expired" },
    })
    const { data: placed } = await payAndComplete(api, cart.id, store)
    const order = placed.order
    const refused = await waitFor("the refused choice", async () => {
      const [found] = await sortedPro().listSortedProConsignments({ order_id: order.id })
      return found?.sync_status === "failed" ? found : undefined
    })
    expect(refused.last_error).toMatchObject({ status: 400, code: "DeliveryOptionExpired", correlation_id: "corr-expired" })

    const retry = await failed(api.post(`/admin/sorted-pro/consignments/${refused.id}/retry`, {}, admin))
    expect(retry.status).toBe(409)
    expect(retry.data.message).toContain("chosen carrier service")
    const [proOrder] = await sortedPro().listSortedProOrders({ order_id: order.id })
    expect(proOrder).toMatchObject({ flow: "order_flex", sync_status: "synced", reference: expect.stringMatching(/^EO-/) })
    const [replaced] = await sortedPro().listSortedProConsignments({ id: refused.id })
    expect(replaced).toMatchObject({ sync_status: "replaced", last_error: expect.objectContaining({ code: "DeliveryOptionExpired" }) })
    const { data: reconciled } = await api.post("/admin/sorted-pro/reconcile", {}, admin)
    expect(reconciled.result).toMatchObject({ orders_retried: 0, still_open: 0 })

    expect((await fulfill(order.id)).status).toBe(200)
    const packed = (await sortedPro().listSortedProConsignments({ order_id: order.id })).find((record) => record.pro_order_reference)
    expect(packed).toMatchObject({
      sync_status: "synced",
      state: "Allocated",
      carrier_service_reference: option.carrier_service_reference,
      allocation_strategy: `carrier_service:${option.carrier_service_reference}`,
    })
  })

  it("rolls the fulfillment back, with PRO's reason, when PRO refuses the pack; creating it again starts afresh", async () => {
    const { order, proOrder } = await standardOrder()
    await injectFault(sandbox.url, {
      pathPattern: "/orders/*/pack",
      method: "POST",
      status: 400,
      times: 1,
      body: { Code: "ValidationFailed", Message: "Packages[0].Weight.Value is too heavy", CorrelationId: "corr-refused" },
    })
    const refused = await fulfill(order.id)
    expect(refused.status).toBe(400)
    expect(refused.data.message).toContain("too heavy")
    expect(refused.data.message).toContain("corr-refused")
    expect(await sortedPro().listSortedProConsignments({ order_id: order.id })).toHaveLength(0)
    const { data: unfulfilled } = await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.id`, admin)
    expect(unfulfilled.order.fulfillments).toHaveLength(0)

    expect((await fulfill(order.id)).status).toBe(200)
    const records = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ sync_status: "synced", state: "Allocated" })
    expect((await pro(`/orders/${proOrder.reference}`)).ConsignmentReferences).toEqual([records[0].reference])
  })
})
