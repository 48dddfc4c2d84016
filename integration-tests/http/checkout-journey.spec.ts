import { seedDemo } from "../../scripts/seed-demo"
import { newCart as makeCart, payAndComplete, waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"
import { SORTED_PRO_MODULE } from "../../src/modules/sorted-pro"
import type SortedProModuleService from "../../src/modules/sorted-pro/service"

/**
 * The Consumer Options journey over HTTP, against the local PRO sandbox: cart → delivery options →
 * calculate → shipping method → complete → consignment Allocated → fulfillment with label → manifest.
 */
sortedProSuite({}, ({ api, getContainer, sandbox, seed, admin, store }) => {
  async function proConsignment(reference: string) {
    const response = await sandbox.pro(`/consignments/${reference}`)
    expect(response.status).toBe(200)
    return response.json()
  }

  const newCart = () => makeCart(api, seed, store)

  it("seeds idempotently", async () => {
    const again = await seedDemo(getContainer())
    expect(again).toEqual(seed)
    expect(seed.variant_ids).toHaveLength(4)
  })

  it("refuses a delivery option reference that is not one of the cart's options, naming the field", async () => {
    const cart = await newCart()
    const error = await api
      .post(
        `/store/carts/${cart.id}/shipping-methods`,
        { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: "EDO-000-000-000" } },
        store
      )
      .catch((e: any) => e.response)
    expect(error.status).toBe(400)
    expect(error.data.message).toContain("delivery_option_reference")
    const missing = await api.get(`/store/sorted-pro/delivery-options`, store).catch((e: any) => e.response)
    expect(missing.status).toBe(400)
    expect(JSON.stringify(missing.data)).toContain("cart_id")
  })

  it("admin routes reject unauthenticated calls", async () => {
    const label = await api.get(`/admin/sorted-pro/consignments/EC-000-000-001/label`).catch((e: any) => e.response)
    expect(label.status).toBe(401)
    const manifest = await api.post(`/admin/sorted-pro/manifests`, {}).catch((e: any) => e.response)
    expect(manifest.status).toBe(401)
  })

  it("runs a delivery-day checkout from cart to manifested consignment", async () => {
    const cart = await newCart()

    // 2. the cart's delivery options, normalised for a storefront
    const { data: listing } = await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)
    expect(listing.fallback).toBe(false)
    expect(listing.days.length).toBeGreaterThan(1)
    for (const day of listing.days) {
      expect(day.from_price.amount).toBe(Math.min(...day.windows.map((window: any) => window.price.amount)))
      expect(day.windows.every((window: any) => window.date === day.date)).toBe(true)
    }
    expect(listing.shipping_option_id).toBe(seed.shipping_options.delivery)
    expect(listing.options.length).toBeGreaterThan(3)
    for (const option of listing.options) {
      expect(option.reference).toMatch(/^EDO-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/)
      expect(option.price.currency_code).toBe("gbp")
      expect(option.price.tax_inclusive).toBe(true)
      expect(option.price.amount).toBeGreaterThan(0)
      expect(option.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(Date.parse(option.allocation_cut_off)).toBeGreaterThan(Date.now())
    }
    const chosen = listing.options.find((option: any) => option.window) ?? listing.options[listing.options.length - 1]

    // 3. price of the chosen option through Medusa's own calculate route
    const { data: calculated } = await api.post(
      `/store/shipping-options/${seed.shipping_options.delivery}/calculate`,
      { cart_id: cart.id, data: { delivery_option_reference: chosen.reference } },
      store
    )
    expect(calculated.shipping_option.amount).toBe(chosen.price.amount)
    const { data: from } = await api.post(`/store/shipping-options/${seed.shipping_options.delivery}/calculate`, { cart_id: cart.id }, store)
    // without a choice: the earliest day's cheapest option, that day's "from" price
    expect(from.shipping_option.amount).toBe([...listing.days].sort((a: any, b: any) => a.date.localeCompare(b.date))[0].from_price.amount)

    // 4. the shipping method holds the normalised choice
    const { data: withMethod } = await api.post(
      `/store/carts/${cart.id}/shipping-methods?fields=+shipping_methods.data`,
      { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: chosen.reference } },
      store
    )
    const method = withMethod.cart.shipping_methods[0]
    expect(method.amount).toBe(chosen.price.amount)
    expect(method.data).toMatchObject({
      flow: "consumer_options",
      delivery_option_reference: chosen.reference,
      carrier: chosen.carrier,
      delivery_date: chosen.date,
      shipping_location_reference: "SL-MANCHESTER",
    })

    // 5. pay and complete
    const { data: completed } = await payAndComplete(api, cart.id, store)
    expect(completed.type).toBe("order")
    const order = completed.order

    // 6. order.placed → Select Option → consignment Allocated in PRO, recorded and linked
    const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const record = await waitFor("the consignment record", async () => {
      const [found] = await sortedPro.listSortedProConsignments({ order_id: order.id })
      return found?.sync_status === "synced" ? found : undefined
    })
    expect(record.reference).toMatch(/^EC-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/)
    expect(record.state).toBe("Allocated")
    expect(record.tracking_numbers.length).toBeGreaterThan(0)
    expect(record.carrier_name).toBe(chosen.carrier)
    expect((await proConsignment(record.reference!)).ConsignmentState).toBe("Allocated")
    // the link is the workflow's step after the record is synced: wait for it rather than race it
    const linked = await waitFor("the order's link to its consignment", async () => {
      const { data } = await getContainer()
        .resolve("query")
        .graph({ entity: "order", fields: ["id", "sorted_pro_consignments.reference"], filters: { id: order.id } })
      const references = ((data[0] as any)?.sorted_pro_consignments ?? []).map((c: any) => c.reference)
      return references.length ? references : undefined
    })
    expect(linked).toEqual([record.reference])

    // 7. admin creates the fulfillment: tracking numbers and a label URL that streams a PDF
    const { data: adminOrder } = await api.get(`/admin/orders/${order.id}?fields=id,*items`, admin)
    const created = await api
      .post(
        `/admin/orders/${order.id}/fulfillments`,
        { items: adminOrder.order.items.map((item: any) => ({ id: item.id, quantity: item.quantity })), location_id: seed.stock_location_id },
        admin
      )
      .catch((e: any) => e.response)
    expect(created.data).toEqual(expect.objectContaining({ order: expect.any(Object) }))
    const { data: fulfilled } = await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.id,fulfillments.labels.*,fulfillments.data`, admin)
    const fulfillment = fulfilled.order.fulfillments[0]
    expect(fulfillment.data.consignment_reference).toBe(record.reference)
    expect(fulfillment.labels.map((label: any) => label.tracking_number).sort()).toEqual([...record.tracking_numbers].sort())
    const labelUrl: string = fulfillment.labels[0].label_url
    expect(labelUrl).toContain(`/admin/sorted-pro/consignments/${record.reference}/label`)
    const label = await api.get(labelUrl, { ...admin, responseType: "arraybuffer" })
    expect(label.headers["content-type"]).toContain("application/pdf")
    expect(Buffer.from(label.data).subarray(0, 4).toString()).toBe("%PDF")
    const badFormat = await api.get(`/admin/sorted-pro/consignments/${record.reference}/label?format=docx`, admin).catch((e: any) => e.response)
    expect(badFormat.status).toBe(400)
    expect(JSON.stringify(badFormat.data)).toContain("format")

    // 8. manifest: the consignment is Manifested in PRO and in our record
    const { data: manifest } = await api.post(`/admin/sorted-pro/manifests`, {}, admin)
    expect(manifest.manifest.message).toMatch(/1 successfully/)
    expect(manifest.manifest.consignments).toEqual([expect.objectContaining({ reference: record.reference, state: "Manifested" })])
    expect((await proConsignment(record.reference!)).ConsignmentState).toBe("Manifested")
  })
})
