import { cancelOrderConsignmentsWorkflow } from "../../src/workflows/cancel-consignment"
import { syncTrackingWorkflow } from "../../src/workflows/sync-tracking"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { EnsureProOrderInput } from "../../src/lib/consignments"
import { ensureProOrderStep } from "../../src/workflows/steps/ensure-pro-order"
import { injectFault, newCart, payAndComplete, waitFor, chooseFirstDeliveryOption } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/** Orders to PRO: Order Flex with each allocation strategy, and cancellation. */
/** Runs the PRO-order step alone (as `order.placed`, reconcile and fulfillment do inside their workflows). */
const ensureProOrderWorkflow = createWorkflow(
  "test-ensure-pro-order",
  (input: EnsureProOrderInput) => new WorkflowResponse(ensureProOrderStep(input))
)

sortedProSuite({ timeoutMs: 300_000 }, ({ api, getContainer, sandbox, seed, admin, store, sortedPro }) => {
  const proConsignment = async (reference: string) => (await sandbox.pro(`/consignments/${reference}`)).json()

  /** Places an order on the flat "standard" option; returns it once its PRO order (EO-) exists. */
  const placeStandardOrder = async () => {
    const cart = await newCart(api, seed, store)
    await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_options.standard }, store)
    const { data } = await payAndComplete(api, cart.id, store)
    expect(data.type).toBe("order")
    const proOrder = await waitFor("the PRO order", async () => {
      const [found] = await sortedPro().listSortedProOrders({ order_id: data.order.id })
      return found?.sync_status === "synced" ? found : undefined
    })
    expect(proOrder.reference).toMatch(/^EO-/)
    return { order: data.order, proOrder }
  }

  const fulfill = async (orderId: string) => {
    const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, admin)
    await api.post(
      `/admin/orders/${orderId}/fulfillments`,
      { items: data.order.items.map((item: any) => ({ id: item.id, quantity: item.quantity })), location_id: seed.stock_location_id },
      admin
    )
    const [record] = await sortedPro().listSortedProConsignments({ order_id: orderId })
    return record
  }

  it.each([
    [{ type: "default_rules" }, "default_rules"],
    [{ type: "service_group", reference: "SG_NEXTDAY" }, "service_group:SG_NEXTDAY"],
    [{ type: "carrier_service", reference: "CX_NDS" }, "carrier_service:CX_NDS"],
    [{ type: "cheapest_quote" }, "cheapest_quote"],
  ] as const)("Order Flex: Create Order at order.placed, Pack + allocate (%j) per fulfillment, label, manifest", async (strategy, label) => {
    await sortedPro().saveSettings({ allocation_strategy: strategy as any })
    const { order, proOrder } = await placeStandardOrder()
    const record = await fulfill(order.id)
    expect(record).toMatchObject({
      flow: "order_flex",
      sync_status: "synced",
      state: "Allocated",
      allocation_strategy: label,
      pro_order_reference: proOrder.reference,
    })
    expect(record.tracking_numbers.length).toBeGreaterThan(0)
    if (strategy.type === "carrier_service") {
      expect(record.carrier_service_reference).toBe("CX_NDS")
    }
    const pro = await proConsignment(record.reference!)
    expect(pro.ConsignmentState).toBe("Allocated")
    expect(pro.Packages[0].PackageReferenceProvidedByCustomer).toBe(`${record.fulfillment_id}-1`)
    const proOrderJson = await (await sandbox.pro(`/orders/${proOrder.reference}`)).json()
    expect(proOrderJson.ConsignmentReferences).toEqual([record.reference])
    const pdf = await api.get(`/admin/sorted-pro/consignments/${record.reference}/label`, { ...admin, responseType: "arraybuffer" })
    expect(Buffer.from(pdf.data).subarray(0, 4).toString()).toBe("%PDF")
    await api.post(`/admin/sorted-pro/manifests`, {}, admin)
    expect((await proConsignment(record.reference!)).ConsignmentState).toBe("Manifested")
  })

  it("tracking sync moves Medusa forward only: manifested → shipment with tracking numbers, delivered → delivery", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const { order } = await placeStandardOrder()
    const record = await fulfill(order.id)
    await api.post(`/admin/sorted-pro/manifests`, {}, admin)
    const shippedPass = (await syncTrackingWorkflow(getContainer()).run({ input: {} })).result
    expect(shippedPass.failed).toBe(0)
    const fulfillmentOf = async () =>
      (await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.shipped_at,fulfillments.delivered_at,fulfillments.labels.*`, admin)).data.order
        .fulfillments[0]
    let fulfillment = await fulfillmentOf()
    expect(fulfillment.shipped_at).toBeTruthy()
    expect(fulfillment.delivered_at).toBeFalsy()
    expect(fulfillment.labels.map((label: any) => label.tracking_number).sort()).toEqual([...record.tracking_numbers].sort())
    expect(fulfillment.labels[0].label_url).toContain(`/admin/sorted-pro/consignments/${record.reference}/label`)

    await fetch(`${sandbox.url}/_sandbox/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceDays: 10 }),
    })
    expect((await proConsignment(record.reference!)).ConsignmentState).toBe("Delivered")
    // ten days pass for us too: PRO's events are in its future, so the pass reads the consignment no event named since
    await sortedPro().updateSortedProConsignments({ id: record.id, tracked_at: new Date(Date.now() - 10 * 86_400_000) })
    await syncTrackingWorkflow(getContainer()).run({ input: {} })
    fulfillment = await fulfillmentOf()
    expect(fulfillment.delivered_at).toBeTruthy()
    const [after] = await sortedPro().listSortedProConsignments({ id: record.id })
    expect(after.state).toBe("Delivered")
    expect((await sortedPro().getSettings()).last_tracking_sync_at).toBeTruthy()
    const again = (await syncTrackingWorkflow(getContainer()).run({ input: {} })).result
    expect(again.delivered).toBe(0)
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST" })
  })

  it("reconciles after a PRO outage: every order placed during it reaches PRO exactly once", async () => {
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/select/*", status: 500 })
    const flat = await newCart(api, seed, store)
    await api.post(`/store/carts/${flat.id}/shipping-methods`, { option_id: seed.shipping_options.standard }, store)
    const flatOrder = (await payAndComplete(api, flat.id, store)).data.order
    const day = await newCart(api, seed, store)
    await chooseFirstDeliveryOption(api, seed, store, day.id)
    const dayOrder = (await payAndComplete(api, day.id, store)).data.order
    const proOrderRecord = await waitFor(
      "the failed PRO order record",
      async () => (await sortedPro().listSortedProOrders({ order_id: flatOrder.id }))[0]
    )
    const consignmentRecord = await waitFor(
      "the failed consignment record",
      async () => (await sortedPro().listSortedProConsignments({ order_id: dayOrder.id }))[0]
    )
    await waitFor("both attempts", async () => {
      const [o] = await sortedPro().listSortedProOrders({ id: proOrderRecord.id })
      const [c] = await sortedPro().listSortedProConsignments({ id: consignmentRecord.id })
      return o.last_error && c.last_error ? true : undefined
    })
    const [pendingOrder] = await sortedPro().listSortedProOrders({ id: proOrderRecord.id })
    expect(pendingOrder).toMatchObject({ sync_status: "pending", reference: null })
    expect((pendingOrder.last_error as any).correlation_id).toBeTruthy()

    const whileDown = (await reconcileWorkflow(getContainer()).run({ input: {} })).result
    expect(whileDown.still_open).toBeGreaterThanOrEqual(2)
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "DELETE" })
    const recovered = (await reconcileWorkflow(getContainer()).run({ input: {} })).result
    expect(recovered.still_open).toBe(0)
    const [syncedOrder] = await sortedPro().listSortedProOrders({ id: proOrderRecord.id })
    expect(syncedOrder).toMatchObject({ sync_status: "synced", last_error: null })
    expect(syncedOrder.reference).toMatch(/^EO-/)
    const [syncedConsignment] = await sortedPro().listSortedProConsignments({ id: consignmentRecord.id })
    expect(syncedConsignment.sync_status).toBe("synced")
    const inPro = await (await sandbox.pro(`/consignments/clientReference/${day.id}`)).json()
    expect(inPro).toHaveLength(1)
    expect(inPro[0].Reference).toBe(syncedConsignment.reference)
  })

  it("a Select Option whose answer was lost after PRO made the consignment is adopted by reconcile, not selected twice", async () => {
    // PRO commits the selection, then the connection is reset: the subscriber cannot tell whether it happened
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/select/*", reset: true, phase: "after", times: 1 })
    const cart = await newCart(api, seed, store)
    await chooseFirstDeliveryOption(api, seed, store, cart.id)
    const order = (await payAndComplete(api, cart.id, store)).data.order
    const pending = await waitFor("the ambiguous consignment record", async () => {
      const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
      return record?.last_error ? record : undefined
    })
    expect(pending).toMatchObject({ sync_status: "pending", reference: null })
    const inProBefore = await (await sandbox.pro(`/consignments/clientReference/${cart.id}`)).json()
    expect(inProBefore).toHaveLength(1)

    await reconcileWorkflow(getContainer()).run({ input: {} })
    const [synced] = await sortedPro().listSortedProConsignments({ id: pending.id })
    expect(synced).toMatchObject({ sync_status: "synced", reference: inProBefore[0].Reference, last_error: null })
    expect(await (await sandbox.pro(`/consignments/clientReference/${cart.id}`)).json()).toHaveLength(1)
  })

  it("a Select as Order whose answer was lost is adopted on the retry (the option is taken, Get Order confirms it is ours)", async () => {
    const cart = await newCart(api, seed, store)
    const option = (await api.get(`/store/sorted-pro/delivery-options?cart_id=${cart.id}`, store)).data.options[0]
    const input: EnsureProOrderInput = {
      order_id: `order_lostanswer${Date.now()}`,
      flow: "consumer_options_flex",
      write: { kind: "select_order", delivery_option_reference: option.reference },
    }
    const proOrdersOfOurs = async () => {
      const { orders } = await (await fetch(`${sandbox.url}/_sandbox/consignments`)).json()
      const found = await Promise.all((orders as string[]).map(async (reference) => (await sandbox.pro(`/orders/${reference}`)).json()))
      return found.filter((order: any) => order.OrderReferenceProvidedByCustomer === input.order_id).map((order: any) => order.Reference)
    }
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/selectorder", reset: true, phase: "after", times: 1 })
    const first = (await ensureProOrderWorkflow(getContainer()).run({ input })).result
    expect(first).toMatchObject({ sync_status: "pending", reference: null })
    const made = await proOrdersOfOurs()
    expect(made).toHaveLength(1)

    const second = (await ensureProOrderWorkflow(getContainer()).run({ input })).result
    expect(second).toMatchObject({ sync_status: "synced", reference: made[0], flow: "consumer_options_flex", last_error: null })
    expect(await proOrdersOfOurs()).toEqual(made)
  })

  it("a return creates an inbound consignment, allocated, with a return label", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const { order } = await placeStandardOrder()
    const outbound = await fulfill(order.id)
    const { data: full } = await api.get(`/admin/orders/${order.id}?fields=id,*items`, admin)
    const { data: created } = await api.post(`/admin/returns`, { order_id: order.id, location_id: seed.stock_location_id }, admin)
    const returnId = created.return.id
    await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: full.order.items[0].id, quantity: 1 }] }, admin)
    await api.post(`/admin/returns/${returnId}/shipping-method`, { shipping_option_id: seed.shipping_options.return }, admin)
    await api.post(`/admin/returns/${returnId}/request`, {}, admin)
    const records = await sortedPro().listSortedProConsignments({ order_id: order.id })
    const inbound = records.find((record) => record.id !== outbound.id)!
    expect(inbound).toMatchObject({ sync_status: "synced", state: "Allocated" })
    const pro = await proConsignment(inbound.reference!)
    expect(pro.Direction).toBe("Inbound")
    expect(pro.ConsignmentState).toBe("Allocated")
    expect(pro.Addresses.find((address: any) => address.AddressType === "Destination").ShippingLocationReference).toBe("SL-MANCHESTER")
    const { data: fulfillments } = await getContainer()
      .resolve("query")
      .graph({ entity: "fulfillment", fields: ["id", "labels.*"], filters: { id: inbound.fulfillment_id! } })
    const labelUrl: string = (fulfillments[0] as any).labels[0].label_url
    expect(labelUrl).toContain(`/admin/sorted-pro/consignments/${inbound.reference}/label`)
    const pdf = await api.get(labelUrl, { ...admin, responseType: "arraybuffer" })
    expect(Buffer.from(pdf.data).subarray(0, 4).toString()).toBe("%PDF")
  })

  it("cancels an order's consignment in PRO, harmlessly twice, and reports a manifested one", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const first = await placeStandardOrder()
    const record = await fulfill(first.order.id)
    expect(record.state).toBe("Allocated")
    const [outcome] = (await cancelOrderConsignmentsWorkflow(getContainer()).run({ input: { order_id: first.order.id } })).result
    expect(outcome).toMatchObject({ reference: record.reference, outcome: "cancelled" })
    expect((await proConsignment(record.reference!)).ConsignmentState).toBe("Cancelled")
    const [again] = (await cancelOrderConsignmentsWorkflow(getContainer()).run({ input: { order_id: first.order.id } })).result
    expect(again.outcome).toBe("already_cancelled")

    const second = await placeStandardOrder()
    const manifested = await fulfill(second.order.id)
    await api.post(`/admin/sorted-pro/manifests`, {}, admin)
    const [refused] = (await cancelOrderConsignmentsWorkflow(getContainer()).run({ input: { order_id: second.order.id } })).result
    expect(refused).toMatchObject({ reference: manifested.reference, outcome: "refused", state: "Manifested" })
    const [after] = await sortedPro().listSortedProConsignments({ id: manifested.id })
    expect((after.last_error as any).message).toContain("Manifested")
    expect((await proConsignment(manifested.reference!)).ConsignmentState).toBe("Manifested")
  })
})
