import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { handleOrderPlacedWorkflow } from "../../src/workflows/handle-order-placed"
import { ensureProOrder, orderFlexInput } from "../../src/lib/consignments"
import { engineDeps } from "../../src/workflows/steps/engine"
import { ORDER_FIELDS, PlacedOrder } from "../../src/lib/mapping/orders"
import { chooseFirstDeliveryOption, injectFault, newCart, payAndComplete, waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * Exactly once, for real (issue #13): cancels during outages, two processes, lost fulfillment answers, orphans,
 * outages longer than the attempt limit, look-ups that cannot tell, and the reconcile watermark.
 */
sortedProSuite({ timeoutMs: 300_000, clearFaultsAfterEach: true }, ({ api, getContainer, sandbox, seed, admin, store, sortedPro }) => {
  const reconcile = async (input: { days?: number; grace_ms?: number } = {}) => (await reconcileWorkflow(getContainer()).run({ input })).result
  const inPro = async (customerReference: string) => {
    const response = await sandbox.pro(`/consignments/clientReference/${customerReference}`)
    return response.status === 404 ? [] : ((await response.json()) as Array<{ Reference: string; ConsignmentState: string }>)
  }
  const proState = async (reference: string) => (await (await sandbox.pro(`/consignments/${reference}`)).json()).ConsignmentState
  const proOrdersOf = async (orderId: string) => {
    const { orders } = await (await fetch(`${sandbox.url}/_sandbox/consignments`)).json()
    const found = await Promise.all((orders as string[]).map(async (reference) => (await sandbox.pro(`/orders/${reference}`)).json()))
    return found.filter((order: any) => order.OrderReferenceProvidedByCustomer === orderId).map((order: any) => order.Reference as string)
  }
  const sql = (text: string, bindings: string[] = []) => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(text, bindings)

  const placeDayOrder = async () => {
    const cart = await newCart(api, seed, store)
    await chooseFirstDeliveryOption(api, seed, store, cart.id)
    const order = (await payAndComplete(api, cart.id, store)).data.order
    return { cart, order }
  }
  const placeStandardOrder = async () => {
    const cart = await newCart(api, seed, store)
    await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_options.standard }, store)
    return (await payAndComplete(api, cart.id, store)).data.order
  }
  const recordOf = (orderId: string) =>
    waitFor("the consignment record", async () => {
      const [record] = await sortedPro().listSortedProConsignments({ order_id: orderId })
      return record?.sync_status === "synced" || record?.last_error ? record : undefined
    })
  const proOrderOf = (orderId: string) =>
    waitFor("the PRO order record", async () => {
      const [record] = await sortedPro().listSortedProOrders({ order_id: orderId })
      return record?.sync_status === "synced" || record?.last_error ? record : undefined
    })
  const fulfill = async (orderId: string) => {
    const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, admin)
    const items = data.order.items.map((item: any) => ({ id: item.id, quantity: item.quantity }))
    await api.post(`/admin/orders/${orderId}/fulfillments`, { items, location_id: seed.stock_location_id }, admin)
    const fulfillments = (await api.get(`/admin/orders/${orderId}?fields=id,fulfillments.id,fulfillments.data,fulfillments.labels.*`, admin)).data
      .order.fulfillments
    return fulfillments[0]
  }
  /** Expects the order's first fulfillment to hold `reference` and its labels, as reconcile finishes it. */
  const expectLabelled = async (orderId: string, reference: string) => {
    const { data } = await api.get(`/admin/orders/${orderId}?fields=id,fulfillments.id,fulfillments.data,fulfillments.labels.*`, admin)
    expect(data.order.fulfillments[0].data.consignment_reference).toBe(reference)
    expect(data.order.fulfillments[0].labels.length).toBeGreaterThan(0)
  }
  /** Cancels the order in the admin and gives the `order.canceled` subscriber time to run. */
  const cancelOrder = async (orderId: string) => {
    await api.post(`/admin/orders/${orderId}/cancel`, {}, admin)
    await waitFor(
      "the cancelled order",
      async () => (await api.get(`/admin/orders/${orderId}?fields=id,status`, admin)).data.order.status === "canceled" || undefined
    )
    await new Promise((resolve) => setTimeout(resolve, 3_000))
  }

  it("cancel before the Select: an order cancelled while PRO was down is never selected once PRO recovers", async () => {
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/select/*", status: 503 })
    const { cart, order } = await placeDayOrder()
    const pending = await recordOf(order.id)
    expect(pending).toMatchObject({ sync_status: "pending", reference: null })
    await cancelOrder(order.id)
    await sandbox.clearFaults()

    await reconcile()
    await reconcile()
    expect(await inPro(cart.id)).toEqual([])
    const [after] = await sortedPro().listSortedProConsignments({ id: pending.id })
    expect(after).toMatchObject({ cancel_status: "done", reference: null })
  })

  it("cancel after the consignment exists, while PRO is down (503, then 429): reconcile cancels it once PRO recovers", async () => {
    const { cart, order } = await placeDayOrder()
    const record = await recordOf(order.id)
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated" })
    await injectFault(sandbox.url, { pathPattern: "/consignments/*/cancel", status: 503, times: 1 })
    await injectFault(sandbox.url, { pathPattern: "/consignments/*/cancel", retryAfterSeconds: 1 })
    await injectFault(sandbox.url, { pathPattern: "/consignments/*/deallocate", status: 503 })
    await cancelOrder(order.id)
    expect(await proState(record.reference!)).toBe("Allocated")
    await reconcile()
    expect(await proState(record.reference!)).toBe("Allocated")
    await sandbox.clearFaults()
    await reconcile()
    expect(await proState(record.reference!)).toBe("Cancelled")
    expect((await inPro(cart.id)).map((c) => c.ConsignmentState)).toEqual(["Cancelled"])
    const [done] = await sortedPro().listSortedProConsignments({ id: record.id })
    expect((done.last_error as any)?.correlation_id ?? null).toBeNull()
    expect(done).toMatchObject({ cancel_status: "done", state: "Cancelled" })
  })

  it("two Medusa processes on their own in-memory locking writing the same pending PRO order at once make one PRO order", async () => {
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    const order = await placeStandardOrder()
    expect(await proOrderOf(order.id)).toMatchObject({ sync_status: "pending" })
    await sandbox.clearFaults()
    const { data } = await getContainer()
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: order.id } })
    const input = orderFlexInput(data[0] as PlacedOrder, "SL-MANCHESTER", sortedPro().getOptions())
    // each process has its own in-memory locking provider (Medusa's default), which cannot see the other's locks
    const processWith = () => {
      const ownLocking = { execute: async (_key: string, work: () => Promise<unknown>) => work() }
      return { resolve: <T>(key: string): T => (key === Modules.LOCKING ? ownLocking : getContainer().resolve(key)) as T }
    }
    const [one, two] = await Promise.all([ensureProOrder(engineDeps(processWith()), input), ensureProOrder(engineDeps(processWith()), input)])
    expect(one.reference).toMatch(/^EO-/)
    expect(two.reference).toBe(one.reference)
    expect(await proOrdersOf(order.id)).toEqual([one.reference])
  })

  it("reconcile leaves alone a pending record whose write holds the claim (its first attempt may be in flight in another process)", async () => {
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    const order = await placeStandardOrder()
    const pending = await proOrderOf(order.id)
    await sandbox.clearFaults()
    const db = sortedPro().rawSql()
    const key = `sorted-pro:order:${order.id}`
    await db.raw(`insert into sorted_pro_lease (id, holder, claimed_until) values (?, 'another-process', now() + interval '1 minute')`, [key])
    expect((await reconcile()).in_flight).toBeGreaterThanOrEqual(1)
    expect((await sortedPro().listSortedProOrders({ id: pending.id }))[0].sync_status).toBe("pending")
    expect(await proOrdersOf(order.id)).toEqual([])
    await db.raw(`delete from sorted_pro_lease where id = ?`, [key])
    await reconcile()
    const [after] = await sortedPro().listSortedProOrders({ id: pending.id })
    expect(after.sync_status).toBe("synced")
    expect(await proOrdersOf(order.id)).toEqual([after.reference])
  })

  it("a lost Pack answer: reconcile gives the fulfillment its reference and labels, and cancelling it cancels in PRO", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const order = await placeStandardOrder()
    expect(await proOrderOf(order.id)).toMatchObject({ sync_status: "synced" })
    await injectFault(sandbox.url, { pathPattern: "/orders/*/pack", method: "POST", reset: true, phase: "after", times: 1 })
    const fulfillment = await fulfill(order.id)
    expect(fulfillment.labels).toEqual([])
    expect(fulfillment.data.consignment_reference).toBeUndefined()

    expect((await reconcile()).fulfillments_finished).toBe(1)
    const [record] = await sortedPro().listSortedProConsignments({ fulfillment_id: fulfillment.id })
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated" })
    const after = (await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.id,fulfillments.data,fulfillments.labels.*`, admin)).data.order
      .fulfillments[0]
    expect(after.data.consignment_reference).toBe(record.reference)
    expect(after.labels.map((label: any) => label.tracking_number).sort()).toEqual([...record.tracking_numbers].sort())
    expect(after.labels[0].label_url).toContain(`/admin/sorted-pro/consignments/${record.reference}/label`)

    await api.post(`/admin/orders/${order.id}/fulfillments/${fulfillment.id}/cancel`, {}, admin)
    expect(await proState(record.reference!)).toBe("Cancelled")
  })

  it("a fulfillment made while the Select was pending gets its labels from reconcile, also when another process synced the Select", async () => {
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/select/*", status: 503 })
    const { order } = await placeDayOrder()
    expect(await recordOf(order.id)).toMatchObject({ sync_status: "pending" })
    const fulfillment = await fulfill(order.id)
    expect(fulfillment.labels).toEqual([])
    await sandbox.clearFaults()
    // the worker's `order.placed` handling (bench:faults met it in production mode), not reconcile, syncs the Select
    await handleOrderPlacedWorkflow(getContainer()).run({ input: { order_id: order.id } })
    const [synced] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(synced).toMatchObject({ sync_status: "synced", fulfillment_id: fulfillment.id })
    expect((await reconcile()).fulfillments_finished).toBe(1)
    await expectLabelled(order.id, synced.reference!)
  })

  it("a fulfillment made while the PRO order was missing is packed and labelled by reconcile once PRO answers", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    const order = await placeStandardOrder()
    expect(await proOrderOf(order.id)).toMatchObject({ sync_status: "pending" })
    // staff fulfil before PRO has the order (bench:faults met it): no consignment, so no record names the fulfillment
    const fulfillment = await fulfill(order.id)
    expect(fulfillment.labels).toEqual([])
    expect(await sortedPro().listSortedProConsignments({ order_id: order.id })).toHaveLength(0)
    await sandbox.clearFaults()
    expect((await reconcile()).fulfillments_finished).toBe(1)
    const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(record).toMatchObject({ sync_status: "synced", fulfillment_id: fulfillment.id, state: "Allocated" })
    await expectLabelled(order.id, record.reference!)
  })

  it("an orphan (PRO consignment whose fulfillment never committed) is found and cancelled, and shown on the health panel", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const order = await placeStandardOrder()
    expect(await proOrderOf(order.id)).toMatchObject({ sync_status: "synced" })
    await fulfill(order.id)
    const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated" })
    // as if the process died after Pack + allocate and before Medusa committed the fulfillment
    await sql(`update sorted_pro_consignment set fulfillment_id = ?, created_at = now() - interval '15 minutes' where id = ?`, [
      `ful_never_committed_${Date.now()}`,
      record.id,
    ])
    const result = await reconcile()
    expect(result.orphans).toBe(1)
    expect(await proState(record.reference!)).toBe("Cancelled")
    const [after] = await sortedPro().listSortedProConsignments({ id: record.id })
    expect(after).toMatchObject({ orphan: true, cancel_status: "done" })
    const health = (await api.get(`/admin/sorted-pro/health`, admin)).data
    expect(health.orphans.map((orphan: any) => orphan.reference)).toContain(record.reference)
  })

  it("an orphan whose fulfillment row committed but was never linked to its order (the workflow died in between) is cancelled", async () => {
    await sortedPro().saveSettings({ allocation_strategy: { type: "default_rules" } })
    const order = await placeStandardOrder()
    expect(await proOrderOf(order.id)).toMatchObject({ sync_status: "synced" })
    const fulfillment = await fulfill(order.id)
    const [record] = await sortedPro().listSortedProConsignments({ order_id: order.id })
    expect(record).toMatchObject({ sync_status: "synced", state: "Allocated", fulfillment_id: fulfillment.id })
    // Medusa's Fulfillment module commits the row (with PRO's answer) before the workflow links it to the order: as if
    // the process died in between, long enough ago (bench:restart met this after a kill -9)
    await sql(`delete from order_fulfillment where fulfillment_id = ?`, [fulfillment.id])
    await sql(`update fulfillment set created_at = now() - interval '15 minutes' where id = ?`, [fulfillment.id])
    await sql(`update sorted_pro_consignment set created_at = now() - interval '15 minutes' where id = ?`, [record.id])
    const result = await reconcile()
    expect(result.orphans).toBe(1)
    expect(await proState(record.reference!)).toBe("Cancelled")
    const [after] = await sortedPro().listSortedProConsignments({ id: record.id })
    expect(after).toMatchObject({ orphan: true, cancel_status: "done" })
  })

  it("an outage longer than 10 reconcile passes is not counted against the record: it syncs when PRO recovers", async () => {
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    const order = await placeStandardOrder()
    const pending = await proOrderOf(order.id)
    for (let pass = 0; pass < 11; pass++) {
      await reconcile()
    }
    const [during] = await sortedPro().listSortedProOrders({ id: pending.id })
    expect(during).toMatchObject({ sync_status: "pending", attempts: 0 })
    await sandbox.clearFaults()
    await reconcile()
    const [after] = await sortedPro().listSortedProOrders({ id: pending.id })
    expect(after.sync_status).toBe("synced")
    expect(await proOrdersOf(order.id)).toEqual([after.reference])
  })

  it("a look-up route that 404s without PRO's error body is inconclusive: nothing is written until Search Consignments confirms", async () => {
    await injectFault(sandbox.url, { pathPattern: "/deliveryoptions/select/*", reset: true, phase: "after", times: 1 })
    const { cart, order } = await placeDayOrder()
    const pending = await recordOf(order.id)
    expect(pending).toMatchObject({ sync_status: "pending", reference: null })
    const [made] = await inPro(cart.id)
    await injectFault(sandbox.url, { pathPattern: "/consignments/clientReference/*", method: "GET", status: 404, body: {} })
    await injectFault(sandbox.url, { pathPattern: "/consignments/*/*", method: "GET", status: 404, body: {} })
    const selects = () =>
      Object.entries(sandbox.sandbox.requests.counts)
        .filter(([endpoint]) => /deliveryoptions\/select\//i.test(endpoint))
        .reduce((sum, [, count]) => sum + count, 0)
    const before = selects()

    await reconcile()
    expect(selects()).toBe(before)
    const [still] = await sortedPro().listSortedProConsignments({ id: pending.id })
    expect(still).toMatchObject({ sync_status: "pending", reference: null })
    expect((still.last_error as any).code).toBe("LookupInconclusive")

    await sandbox.clearFaults()
    await injectFault(sandbox.url, { pathPattern: "/consignments/clientReference/*", method: "GET", status: 404, body: {} })
    await reconcile()
    expect(selects()).toBe(before)
    const [adopted] = await sortedPro().listSortedProConsignments({ id: pending.id })
    expect(adopted).toMatchObject({ sync_status: "synced", reference: made.Reference })
    await sandbox.clearFaults()
    expect(await inPro(cart.id)).toHaveLength(1)
  })

  it("a reconcile pass after the watermark reads no old orders (only new ones since the last pass, minus the grace)", async () => {
    await placeStandardOrder()
    await reconcile()
    // no grace, so that the orders this spec placed a moment ago are behind the watermark
    expect((await reconcile({ grace_ms: 0 })).orders_scanned).toBe(0)
    await placeStandardOrder()
    expect((await reconcile({ grace_ms: 0 })).orders_scanned).toBe(1)
    // staff's "Reconcile now" over a window still reads all of it
    expect((await reconcile({ days: 7 })).orders_scanned).toBeGreaterThan(1)
  })

  it("a pass reads no order the last pass read, even within the grace (issue #15: orders read stay constant)", async () => {
    await placeStandardOrder()
    await reconcile()
    // the order is within the grace before the watermark, but the last pass read it already
    expect((await reconcile()).orders_scanned).toBe(0)
    await placeStandardOrder()
    expect((await reconcile()).orders_scanned).toBe(1)
    expect((await reconcile()).orders_scanned).toBe(0)
  })

  it("an order whose transaction committed after a pass read its window, dated before the watermark, is still found", async () => {
    await reconcile()
    const [{ reconcile_watermark: watermark }] = await sortedPro().listSortedProSettings({ id: "default" })
    // PRO refuses the order's creation, then its records are gone: as if order.placed never reached us
    await injectFault(sandbox.url, { pathPattern: "/orders", method: "POST", status: 503 })
    const order = await placeStandardOrder()
    await proOrderOf(order.id)
    await sandbox.clearFaults()
    // and as if its transaction began before the last pass and committed after it
    await sql(`delete from sorted_pro_consignment where order_id = ?`, [order.id])
    await sql(`delete from sorted_pro_order where order_id = ?`, [order.id])
    await sql(`update "order" set created_at = ? where id = ?`, [new Date(new Date(watermark!).getTime() - 60_000).toISOString(), order.id])

    const pass = await reconcile()
    expect(pass.orders_scanned).toBe(1)
    expect(pass.orders_retried).toBe(1)
    const found = await proOrderOf(order.id)
    expect(found.sync_status).toBe("synced")
    expect(await proOrdersOf(order.id)).toEqual([found.reference])
    expect((await reconcile()).orders_scanned).toBe(0)
  })
})
