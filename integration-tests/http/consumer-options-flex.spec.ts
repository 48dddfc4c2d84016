import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import { SORTED_PRO_MODULE } from "../../src/modules/sorted-pro"
import type SortedProModuleService from "../../src/modules/sorted-pro/service"
import { PROVIDER_ID } from "../../src/lib/fulfillment-options"
import { injectFault, payAndComplete, UK_ADDRESS, waitFor, chooseFirstDeliveryOption } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * Consumer Options Flex: a delivery-day order whose stock sits in two warehouses becomes one PRO order (Select
 * Delivery Option as an Order) and, per Medusa fulfillment, one packed consignment allocated to the shopper's promise.
 */
sortedProSuite({ timeoutMs: 300_000 }, ({ api, getContainer, sandbox, seed, admin, store }) => {
  let london: { id: string }
  let umbrellaVariantId: string
  let ponchoVariantId: string

  beforeAll(async () => {
    const container = getContainer()
    const { result: locations } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: "London warehouse",
            address: { address_1: "1 Dock Road", city: "London", postal_code: "E16 2EZ", country_code: "GB" },
            // mapped through its metadata (the plugin options map only the default location)
            metadata: { sorted_pro_shipping_location_reference: "SL-LONDON" },
          },
        ],
      },
    })
    london = locations[0]
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.STOCK_LOCATION]: { stock_location_id: london.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: PROVIDER_ID },
    })
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: london.id, add: [seed.sales_channel_id] } })
    const profile = (await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ type: "default" }))[0]
    // neither variant has a SKU: the packs can only name their lines by the references Select as Order sent
    const product = (title: string, handle: string, weight: number) => ({
      title,
      handle,
      status: ProductStatus.PUBLISHED,
      shipping_profile_id: profile.id,
      options: [{ title: "Size", values: ["One size"] }],
      variants: [
        {
          title: "One size",
          options: { Size: "One size" },
          manage_inventory: true,
          weight,
          length: 40, // fits a locker (which needs a reservation)
          width: 10,
          height: 10,
          prices: [{ currency_code: "gbp", amount: 25 }],
        },
      ],
      sales_channels: [{ id: seed.sales_channel_id }],
    })
    const { result: products } = await createProductsWorkflow(container).run({
      input: { products: [product("Storm Umbrella", "storm-umbrella", 700), product("Rain Poncho", "rain-poncho", 300)] },
    })
    const { data: variants } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "variant",
      fields: ["id", "sku", "product_id", "inventory_items.inventory_item_id"],
      filters: { product_id: products.map((created) => created.id) },
    })
    const umbrella = (variants as any[]).find((variant) => variant.product_id === products[0].id)
    const poncho = (variants as any[]).find((variant) => variant.product_id === products[1].id)
    expect([umbrella.sku, poncho.sku]).toEqual([null, null])
    umbrellaVariantId = umbrella.id
    ponchoVariantId = poncho.id
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: [
          { location_id: london.id, inventory_item_id: umbrella.inventory_items[0].inventory_item_id, stocked_quantity: 20 },
          { location_id: seed.stock_location_id, inventory_item_id: poncho.inventory_items[0].inventory_item_id, stocked_quantity: 20 },
        ],
      },
    })
  })

  /** A cart of one poncho (stocked in the seed's warehouse) and one umbrella (in London), shipped to UK_ADDRESS. */
  async function twoWarehouseCart(email: string) {
    const items = [
      { variant_id: ponchoVariantId, quantity: 1 },
      { variant_id: umbrellaVariantId, quantity: 1 },
    ]
    const { data } = await api.post("/store/carts", { region_id: seed.region_id, email, items, shipping_address: UK_ADDRESS }, store)
    return data.cart
  }

  /** Waits for the order's PRO order to sync down Consumer Options Flex on `optionReference`, before any consignment. */
  async function syncedFlexOrder(orderId: string, optionReference: string) {
    const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const proOrder = await waitFor("the PRO order", async () => {
      const [found] = await sortedPro.listSortedProOrders({ order_id: orderId })
      return found?.sync_status === "synced" ? found : undefined
    })
    expect(proOrder).toMatchObject({ flow: "consumer_options_flex", delivery_option_reference: optionReference })
    expect(await sortedPro.listSortedProConsignments({ order_id: orderId })).toHaveLength(0)
    return proOrder
  }

  /**
   * Creates one Medusa fulfillment per warehouse (the poncho from the seed's, the umbrella from London) and returns the
   * order's two consignment records, each expected synced, Allocated and in the PRO order `proOrderReference`.
   */
  async function fulfilFromEachWarehouse(orderId: string, proOrderReference: string | null) {
    const { data: full } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, admin)
    for (const [variantId, locationId] of [
      [ponchoVariantId, seed.stock_location_id],
      [umbrellaVariantId, london.id],
    ]) {
      const item = full.order.items.find((line: any) => line.variant_id === variantId)
      await api.post(`/admin/orders/${orderId}/fulfillments`, { items: [{ id: item.id, quantity: 1 }], location_id: locationId }, admin)
    }
    const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const records = await sortedPro.listSortedProConsignments({ order_id: orderId })
    expect(records).toHaveLength(2)
    for (const record of records) {
      expect(record).toMatchObject({
        flow: "consumer_options_flex",
        sync_status: "synced",
        state: "Allocated",
        pro_order_reference: proOrderReference,
      })
    }
    return records
  }

  it("splits one delivery-day order of SKU-less variants across two warehouses into two packs it allocates itself on the chosen promise", async () => {
    const cart = await twoWarehouseCart("shopper@example.com")
    const option = await chooseFirstDeliveryOption(api, seed, store, cart.id)
    const { data } = await payAndComplete(api, cart.id, store)
    expect(data.type).toBe("order")
    const order = data.order

    const proOrder = await syncedFlexOrder(order.id, option.reference)

    const allocations = () => sandbox.sandbox.requests.entries.filter((entry) => entry.path.startsWith("/allocation"))
    const before = allocations().length
    const records = await fulfilFromEachWarehouse(order.id, proOrder.reference)

    // the guide's step 4: packs start Unallocated and the plugin allocates each one to the selected carrier service
    expect(
      allocations()
        .slice(before)
        .map((entry) => `${entry.method} ${entry.path} ${entry.status}`)
    ).toEqual(Array(2).fill("PUT /allocation/allocatewithcarrierservice 200"))
    const origins: Record<string, string> = {}
    for (const record of records) {
      expect(record.allocation_strategy).toBe("delivery_option")
      expect(record.delivery_promise).toMatchObject({ date: option.date, carrier_service_reference: option.carrier_service_reference })
      const pro = await (await sandbox.pro(`/consignments/${record.reference}`)).json()
      // each parcel ships from its own warehouse, on the service and day the shopper chose
      expect(pro.Allocation.MpdCarrierServiceReference).toBe(option.carrier_service_reference)
      expect(pro.RequestedDeliveryDate.slice(0, 10)).toBe(option.date)
      const origin = pro.Addresses.find((address: any) => address.AddressType === "Origin").ShippingLocationReference
      expect(record.shipping_location_reference).toBe(origin)
      origins[record.fulfillment_id!] = origin
    }
    expect(Object.values(origins).sort()).toEqual(["SL-LONDON", "SL-MANCHESTER"])
    const proOrderJson = await (await sandbox.pro(`/orders/${proOrder.reference}`)).json()
    expect([...proOrderJson.ConsignmentReferences].sort()).toEqual(records.map((record) => record.reference).sort())

    await api.post(`/admin/sorted-pro/manifests`, {}, admin)
    for (const record of records) {
      expect((await (await sandbox.pro(`/consignments/${record.reference}`)).json()).ConsignmentState).toBe("Manifested")
    }
  })

  it("sends a two-warehouse order fulfilled before its order.placed is handled down Consumer Options Flex, not one Select Option", async () => {
    // with Redis, order.placed waits in a queue: staff may fulfil first. Hold the event back, as a busy worker would.
    const emitter = (getContainer().resolve(Modules.EVENT_BUS) as unknown as { eventEmitter_: NodeJS.EventEmitter }).eventEmitter_
    const listeners = emitter.listeners("order.placed") as Array<(event: unknown) => Promise<unknown>>
    const held: unknown[] = []
    emitter.removeAllListeners("order.placed")
    emitter.on("order.placed", (event: unknown) => held.push(event))
    let order: { id: string }
    let option: { reference: string; date: string; carrier_service_reference: string }
    try {
      const cart = await twoWarehouseCart("early-fulfilment@example.com")
      option = await chooseFirstDeliveryOption(api, seed, store, cart.id)
      const { data } = await payAndComplete(api, cart.id, store)
      order = data.order
      await waitFor("order.placed, held", async () => held.length > 0 || undefined)
      const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
      expect(await sortedPro.listSortedProOrders({ order_id: order.id })).toHaveLength(0)
    } finally {
      emitter.removeAllListeners("order.placed")
      for (const listener of listeners) {
        emitter.on("order.placed", listener)
      }
    }
    const records = await fulfilFromEachWarehouse(order.id, expect.stringMatching(/^EO-/) as unknown as string)
    for (const record of records) {
      expect(record.delivery_promise).toMatchObject({ date: option.date, carrier_service_reference: option.carrier_service_reference })
    }
    // the late order.placed finds the PRO order made for the fulfillments and writes nothing more
    const writesBefore = sandbox.sandbox.requests.entries.filter((entry) => entry.method !== "GET").length
    await Promise.all(listeners.map((listener) => listener(held[0])))
    const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const [proOrder] = await sortedPro.listSortedProOrders({ order_id: order.id })
    expect(proOrder).toMatchObject({ flow: "consumer_options_flex", sync_status: "synced", delivery_option_reference: option.reference })
    expect(await sortedPro.listSortedProConsignments({ order_id: order.id })).toHaveLength(2)
    expect(sandbox.sandbox.requests.entries.filter((entry) => entry.method !== "GET").length).toBe(writesBefore)
  })

  it("fulfils a two-warehouse order whose Select as Order answer was lost into the one PRO order PRO made, not a second", async () => {
    // PRO makes the order, then the connection drops: our PRO order record stays pending, its reference unknown
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/selectorder", reset: true, phase: "after", times: 1 })
    const cart = await twoWarehouseCart("lost-select-order@example.com")
    const option = await chooseFirstDeliveryOption(api, seed, store, cart.id)
    const { data } = await payAndComplete(api, cart.id, store)
    const order = data.order
    const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const pending = await waitFor("the pending PRO order record", async () => {
      const [found] = await sortedPro.listSortedProOrders({ order_id: order.id })
      return found?.sync_status === "pending" ? found : undefined
    })
    expect(pending).toMatchObject({ flow: "consumer_options_flex", reference: null, delivery_option_reference: option.reference })
    // staff fulfil before reconcile runs: the fulfillments finish the Select as Order (adopting PRO's order), never
    // send Create Order (a second PRO order for the same Medusa order)
    const ordersInPro = () => [...sandbox.sandbox.store.orders.values()].filter((pro) => pro.OrderReferenceProvidedByCustomer === order.id)
    // the record is written before the call: wait for PRO to have made the order
    await waitFor("the PRO order PRO made", async () => ordersInPro().length > 0 || undefined)
    expect(ordersInPro()).toHaveLength(1)
    const [made] = ordersInPro()
    await fulfilFromEachWarehouse(order.id, made.Reference)
    expect(ordersInPro()).toHaveLength(1)
    const [proOrder] = await sortedPro.listSortedProOrders({ order_id: order.id })
    expect(proOrder).toMatchObject({ flow: "consumer_options_flex", sync_status: "synced", reference: made.Reference })
  })

  it("sends a pickup order whose stock sits in two warehouses down Consumer Options Flex: reserved, shipped to the shop from each warehouse", async () => {
    const cart = await twoWarehouseCart("collector@example.com")
    const { data: found } = await api.get(`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1 5WG&max_results=12&radius_km=10`, store)
    const location = found.locations.find((candidate: any) => candidate.reservation_required && candidate.options.length)
    expect(location).toBeDefined()
    const option = location.options[0]
    const reserves = () => sandbox.sandbox.requests.entries.filter((entry) => /\/reserve\//.test(entry.path)).length
    const reservedBefore = reserves()
    await api.post(
      `/store/carts/${cart.id}/shipping-methods`,
      {
        option_id: seed.shipping_options.pickup,
        data: { delivery_option_reference: option.reference, pickup_location_shop_reference: location.shop_reference },
      },
      store
    )
    // the guide's reservation comes before the order is selected (sandbox/README.md: Select as Order needs it too)
    expect(reserves() - reservedBefore).toBe(1)
    const { data } = await payAndComplete(api, cart.id, store)
    expect(data.type).toBe("order")
    const order = data.order

    const proOrder = await syncedFlexOrder(order.id, option.reference)

    const records = await fulfilFromEachWarehouse(order.id, proOrder.reference)
    const origins: string[] = []
    for (const record of records) {
      const pro = await (await sandbox.pro(`/consignments/${record.reference}`)).json()
      // each parcel goes to the chosen shop, reserved, on the option's service and day, from its own warehouse
      expect(pro.Addresses.find((address: any) => address.AddressType === "Destination")).toMatchObject({
        ShopLocationReference: location.shop_reference,
      })
      expect(pro.LocationInformation).toMatchObject({ ShopReference: location.shop_reference, ReservationReference: expect.any(String) })
      expect(pro.Allocation.MpdCarrierServiceReference).toBe(option.carrier_service_reference)
      expect(pro.RequestedDeliveryDate.slice(0, 10)).toBe(option.date)
      origins.push(pro.Addresses.find((address: any) => address.AddressType === "Origin").ShippingLocationReference)
    }
    expect(origins.sort()).toEqual(["SL-LONDON", "SL-MANCHESTER"])
  })
})
