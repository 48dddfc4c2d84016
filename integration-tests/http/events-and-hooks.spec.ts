import { Modules } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { SORTED_PRO_EVENTS, SortedProEventData } from "../../src/types"
import { handleOrderPlacedWorkflow } from "../../src/workflows/handle-order-placed"
import { createFulfillmentConsignmentWorkflow } from "../../src/workflows/create-fulfillment-consignment"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { manifestConsignmentsWorkflow } from "../../src/workflows/manifest-consignments"
import { syncTrackingWorkflow } from "../../src/workflows/sync-tracking"
import { recordWriter } from "../../src/workflows/steps/record-events"
import type { PackOrderRequest } from "../../src/lib/pro"
import { chooseFirstDeliveryOption, failed, injectFault, newCart, payAndComplete, waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"
import { CARRIERS } from "../../sandbox/catalogue"

// A host app's hooks (docs/hooks.md), registered as its src/workflows/hooks/*.ts would register them
handleOrderPlacedWorkflow.hooks.beforeProRequest(({ request }) =>
  request
    ? new StepResponse({
        request: {
          ...request,
          Tags: [...((request.Tags as string[]) ?? []), "host-tag"],
          MetaData: [{ KeyValue: "host_note", StringValue: "gift" }],
        },
      })
    : undefined
)
createFulfillmentConsignmentWorkflow.hooks.beforePack(({ request }) => {
  if (!request) {
    return undefined
  }
  // one package per line instead of one for the whole fulfillment
  const [first] = request.Packages
  const packages = first.Items.map((item) => ({ ...first, Items: [item] }))
  return new StepResponse({ request: { ...request, Packages: packages } as PackOrderRequest as unknown as Record<string, unknown> })
})

/**
 * Issue #18: the plugin's events, received the way a host app receives them (a subscription on Medusa's event bus),
 * once per change of our record, across reconcile retries after faults; and the request hooks, from a host's handlers.
 */
sortedProSuite({ timeoutMs: 300_000, clearFaultsAfterEach: true }, ({ api, getContainer, sandbox, seed, admin, store, sortedPro }) => {
  /** Each event heard; `found`: what our record said instead when the change was not committed (or why it was not read). */
  const received: Array<{ name: string; data: SortedProEventData; committed: boolean; found?: unknown }> = []
  const reconcile = async () => (await reconcileWorkflow(getContainer()).run({ input: {} })).result
  const eventsOf = (reference: string) => received.filter((event) => event.data.reference === reference).map((event) => event.name)
  /** Waits until `reference` received `names`, then a little more, and expects exactly `names` (nothing twice). */
  const expectEvents = async (reference: string, names: string[]) => {
    await waitFor(`${names.join(", ")} for ${reference}`, async () => eventsOf(reference).length >= names.length || undefined)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(eventsOf(reference)).toEqual(names)
  }
  const E = SORTED_PRO_EVENTS

  // Medusa's test runner restores the database from its template before each test, ending every connection: each
  // test waits for the checks of the events it caused (below) and for the background work it started (its events)
  const checks = new Set<Promise<void>>()
  afterEach(() => Promise.all(checks))

  beforeAll(() => {
    const hear = async (event: { name: string; data: unknown }) => {
      const heard: (typeof received)[number] = {
        name: event.name,
        data: event.data as SortedProEventData,
        committed: false,
      }
      received.push(heard)
      // the change an event announces is committed: our record shows it when the host hears of it
      try {
        const [consignment] = await sortedPro().listSortedProConsignments({ id: heard.data.id })
        const [order] = consignment ? [] : await sortedPro().listSortedProOrders({ id: heard.data.id })
        const record = consignment ?? order
        heard.committed = record?.reference === heard.data.reference
        // what the host read instead, for the failure message
        heard.found = heard.committed
          ? undefined
          : ((record && { reference: record.reference, sync_status: record.sync_status, at: new Date().toISOString() }) ?? "no record")
      } catch (error) {
        heard.found = `read failed: ${(error as Error).message}`
      }
    }
    const bus = getContainer().resolve<IEventBusModuleService>(Modules.EVENT_BUS)
    for (const name of Object.values(SORTED_PRO_EVENTS)) {
      bus.subscribe(name, async (event) => {
        const check = hear(event)
        checks.add(check)
        await check.finally(() => checks.delete(check))
      })
    }
  })
  afterAll(() => {
    // every event's change was committed before it was heard; one sample payload per event (docs/events.md)
    expect(received.filter((event) => !event.committed)).toEqual([])
    const samples = Object.values(SORTED_PRO_EVENTS).map((name) => received.find((event) => event.name === name))
    console.log(`Sample payloads:\n${JSON.stringify(samples, null, 2)}`)
  })

  const placeDayOrder = async () => {
    const cart = await newCart(api, seed, store)
    await chooseFirstDeliveryOption(api, seed, store, cart.id)
    return (await payAndComplete(api, cart.id, store)).data.order
  }
  const placeStandardOrder = async () => {
    const cart = await newCart(api, seed, store)
    await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_options.standard }, store)
    return (await payAndComplete(api, cart.id, store)).data.order
  }
  const recordOf = (filter: Record<string, unknown>) =>
    waitFor("the consignment record", async () => {
      const [record] = await sortedPro().listSortedProConsignments(filter)
      return record?.sync_status === "synced" || record?.last_error ? record : undefined
    })
  const fulfill = async (orderId: string) => {
    const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, admin)
    const items = data.order.items.map((item: any) => ({ id: item.id, quantity: item.quantity }))
    await api.post(`/admin/orders/${orderId}/fulfillments`, { items, location_id: seed.stock_location_id }, admin)
    return (await api.get(`/admin/orders/${orderId}?fields=id,fulfillments.id,fulfillments.labels.*`, admin)).data.order.fulfillments[0]
  }

  it("a delivery-day consignment's life: created, allocated, manifested, shipped, delivered, each once", async () => {
    const order = await placeDayOrder()
    const record = await recordOf({ order_id: order.id })
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated" })
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED])
    const fulfillment = await fulfill(order.id)
    // tracking links: the carrier's tracking page (the sandbox carrier's TrackingUrl template) on every label; which
    // carrier depends on the time of day (the first delivery option PRO lists), so the template is the record's carrier's
    const carrier = CARRIERS.find((candidate) => candidate.Reference === record.carrier_reference)
    expect(carrier).toBeDefined()
    const links = record.tracking_numbers!.map((number: string) => carrier!.trackingUrl.replace("{TrackingNumber}", number))
    expect(fulfillment.labels.map((label: any) => label.tracking_url)).toEqual(links)
    // a storefront's order page reads them from our store route (Medusa's store order route gives no labels)
    const parcels = async () => (await api.get(`/store/sorted-pro/orders/${order.id}/tracking`, store)).data
    expect(await parcels()).toEqual({
      order_id: order.id,
      parcels: record.tracking_numbers!.map((number: string, i: number) => ({
        fulfillment_id: fulfillment.id,
        tracking_number: number,
        tracking_url: links[i],
        shipped_at: null,
        delivered_at: null,
      })),
    })

    await manifestConsignmentsWorkflow(getContainer()).run({ input: { references: [record.reference!] } })
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED, E.CONSIGNMENT_MANIFESTED])

    // the carrier delivers a week later; the tracking pass reads each consignment while the events call fails
    await fetch(`${sandbox.url}/_sandbox/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"advanceDays":7}' })
    await injectFault(sandbox.url, { pathPattern: "/events/consignments/stateevents", status: 503 })
    await syncTrackingWorkflow(getContainer()).run({ input: {} })
    await syncTrackingWorkflow(getContainer()).run({ input: {} })
    await reconcile()
    const life = [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED, E.CONSIGNMENT_MANIFESTED, E.CONSIGNMENT_SHIPPED, E.CONSIGNMENT_DELIVERED]
    await expectEvents(record.reference!, life)
    const delivered = received.find((event) => event.name === E.CONSIGNMENT_DELIVERED && event.data.reference === record.reference)!
    expect(delivered.data).toMatchObject({
      id: record.id,
      order_id: order.id,
      fulfillment_id: fulfillment.id,
      state: "Delivered",
      carrier: expect.any(String),
      carrier_service: expect.any(String),
      tracking_numbers: record.tracking_numbers,
    })
    // the shipment the tracking pass created keeps the tracking links
    const shipped = (await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.shipped_at,fulfillments.labels.*`, admin)).data.order
      .fulfillments[0]
    expect(shipped.shipped_at).toBeTruthy()
    expect(shipped.labels.map((label: any) => label.tracking_url)).toEqual(links)
    expect((await parcels()).parcels[0]).toMatchObject({ tracking_url: links[0], shipped_at: new Date(shipped.shipped_at).toISOString() })
  })

  it("the store's tracking route: 404 naming the id for an unknown order, no parcels before a fulfillment", async () => {
    const missing = await failed(api.get(`/store/sorted-pro/orders/order_missing/tracking`, store))
    expect(missing.status).toBe(404)
    expect(missing.data.message).toMatch(/^id: order order_missing was not found/)
    const order = await placeDayOrder()
    expect((await api.get(`/store/sorted-pro/orders/${order.id}/tracking`, store)).data).toEqual({ order_id: order.id, parcels: [] })
    // the order's consignment, made in the background, is announced before the next test restores the database
    const record = await recordOf({ order_id: order.id })
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED])
  })

  it("a lost Select answer: reconcile adopts the consignment and announces it once, however often it runs", async () => {
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/select/*", reset: true, phase: "after", times: 1 })
    const order = await placeDayOrder()
    const pending = await recordOf({ order_id: order.id })
    expect(pending).toMatchObject({ sync_status: "pending", reference: null })
    await reconcile()
    await reconcile()
    const [record] = await sortedPro().listSortedProConsignments({ id: pending.id })
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated" })
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED])
    expect(received.filter((event) => event.data.id === pending.id)).toHaveLength(2)
  })

  it("Order Flex through an outage: the PRO order is announced once with the host's request changes; the host's package split is packed", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    const order = await placeStandardOrder()
    const pending = await waitFor(
      "the pending PRO order",
      async () => (await sortedPro().listSortedProOrders({ order_id: order.id }))[0]?.last_error && true
    )
    expect(pending).toBe(true)
    await sandbox.clearFaults()
    await reconcile()
    await reconcile()
    const [proOrder] = await sortedPro().listSortedProOrders({ order_id: order.id })
    expect(proOrder.sync_status).toBe("synced")
    await expectEvents(proOrder.reference!, [E.ORDER_CREATED])
    expect(received.find((event) => event.name === E.ORDER_CREATED)!.data).toEqual({
      id: proOrder.id,
      reference: proOrder.reference,
      order_id: order.id,
      fulfillment_id: null,
      state: null,
      carrier: null,
      carrier_service: null,
      tracking_numbers: [],
    })
    // beforeProRequest: the host's tag and metadata reached PRO with the Create Order request
    const inPro = await (await sandbox.pro(`/orders/${proOrder.reference}`)).json()
    expect(inPro.Tags).toContain("host-tag")
    expect(inPro.MetaData).toEqual(expect.arrayContaining([expect.objectContaining({ KeyValue: "host_note", StringValue: "gift" })]))

    // beforePack: one package per line, numbered after the fulfillment
    const fulfillment = await fulfill(order.id)
    const record = await recordOf({ fulfillment_id: fulfillment.id })
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED])
    const consignment = await (await sandbox.pro(`/consignments/${record.reference}`)).json()
    expect(consignment.Packages.map((pkg: any) => pkg.PackageReferenceProvidedByCustomer)).toEqual([`${fulfillment.id}-1`, `${fulfillment.id}-2`])
  })

  it("a refused allocation is announced once across reconcile retries, then the allocation that follows", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const order = await placeStandardOrder()
    await waitFor("the PRO order", async () => (await sortedPro().listSortedProOrders({ order_id: order.id }))[0]?.reference)
    await injectFault(sandbox.url, { pathPattern: "/allocation/*", method: "PUT", status: 400 })
    const fulfillment = await fulfill(order.id)
    const record = await recordOf({ fulfillment_id: fulfillment.id })
    expect(record).toMatchObject({ sync_status: "failed", state: "Unallocated" })
    await reconcile()
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATION_FAILED])
    await sandbox.clearFaults()
    await reconcile()
    await reconcile()
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATION_FAILED, E.CONSIGNMENT_ALLOCATED])
  })

  it("two writers moving one consignment's state at once (a manifest and a tracking pass) announce the move once", async () => {
    const record = await sortedPro().createSortedProConsignments({
      order_id: "order_race",
      customer_reference: "race-1",
      reference: "EC-RACE-000-001",
      flow: "order_flex" as const,
      sync_status: "synced" as const,
      state: "Allocated",
    })
    // both read the record as Allocated, as a manifest and a tracking pass running together would
    const seen = { ...record }
    await Promise.all([
      recordWriter(getContainer()).updateConsignment(record.id, { state: "Manifested", manifested_at: new Date() }, seen),
      recordWriter(getContainer()).updateConsignment(record.id, { state: "Manifested", tracked_at: new Date() }, seen),
      recordWriter(getContainer()).updateConsignment(record.id, { state: "Manifested" }),
    ])
    await expectEvents(record.reference!, [E.CONSIGNMENT_MANIFESTED])
    const [after] = await sortedPro().listSortedProConsignments({ id: record.id })
    expect(after).toMatchObject({ state: "Manifested", manifested_at: expect.any(Date), tracked_at: expect.any(Date) })
  })

  it("a tracking pass's batched state moves and a manifest moving the same states at once announce each move once", async () => {
    const records = await sortedPro().createSortedProConsignments(
      [1, 2, 3].map((i) => ({
        order_id: `order_batch_${i}`,
        customer_reference: `batch-${i}`,
        reference: `EC-BATCH-000-00${i}`,
        flow: "order_flex" as const,
        sync_status: "synced" as const,
        state: "Allocated",
      }))
    )
    const writer = recordWriter(getContainer())
    const [outcome] = await Promise.all([
      writer.moveConsignmentStates(
        records.map((record) => ({ before: { ...record }, state: "Manifested" })),
        new Date()
      ),
      writer.updateConsignment(records[1].id, { state: "Manifested", manifested_at: new Date() }, { ...records[1] }),
    ])
    expect(outcome.failed).toEqual([])
    expect([...outcome.written].sort()).toEqual(records.map((record) => record.id).sort())
    for (const record of records) {
      await expectEvents(record.reference!, [E.CONSIGNMENT_MANIFESTED])
    }
    const after = await sortedPro().listSortedProConsignments({ id: records.map((record) => record.id) })
    expect(after.every((record) => record.state === "Manifested" && record.tracked_at && !record.last_error)).toBe(true)
  })

  it("a cancelled order's consignment is announced cancelled once", async () => {
    const order = await placeDayOrder()
    const record = await recordOf({ order_id: order.id })
    await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED, E.CONSIGNMENT_CANCELLED])
    await reconcile()
    await expectEvents(record.reference!, [E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED, E.CONSIGNMENT_CANCELLED])
  })
})
