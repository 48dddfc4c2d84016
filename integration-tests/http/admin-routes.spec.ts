import fs from "fs"
import path from "path"
import { PDFDocument } from "pdf-lib"
import { SORTED_PRO_MODULE } from "../../src/modules/sorted-pro"
import type SortedProModuleService from "../../src/modules/sorted-pro/service"
import { callApi, EC, INVALID, JOB, placeDeliveryOrder, ROUTES } from "./helpers/admin-routes"
import { waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * The admin routes of issue 6 over HTTP against the local PRO sandbox: every route refuses unauthenticated calls
 * (401) and names the invalid field (400); then the shipping day of one order: list, detail, quotes, allocate with a
 * quote, re-allocate, deallocate, customs documents, labels (single and bulk), manifest preview and manifest, PRO
 * refusals carrying the CorrelationId, retry of a failed record, health and settings.
 */
sortedProSuite({}, ({ api, getContainer, sandbox, seed, admin, store }) => {
  const call = (method: string, url: string, body?: unknown, options: Record<string, unknown> = {}) => callApi(api, method, url, body, options)
  const placeOrder = () => placeDeliveryOrder(api, seed, store)

  // rows padded to three values: a shorter row would make jest treat the missing argument as a `done` callback
  it.each(ROUTES.map(([method, url, body]) => [method, url, body ?? null] as const))(
    "%s %s answers 401 without admin authentication",
    async (method, url, body) => {
      const response = await call(method, url, body)
      expect(response.status).toBe(401)
      const wrongKey = await call(method, url, body, { headers: { authorization: "Basic c2tfbm90X2Ffa2V5Og==" } })
      expect(wrongKey.status).toBe(401)
    }
  )

  it.each(INVALID)("%s %s answers 400 naming the field", async (method, url, body, field) => {
    const response = await call(method, url, body, admin)
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.data)).toContain(field)
  })

  it("answers 404 for consignments and jobs this store does not have", async () => {
    for (const url of [
      `/admin/sorted-pro/consignments/EC-ZZZ-ZZZ-ZZZ`,
      `/admin/sorted-pro/consignments/spcon_nothing/quotes`,
      `/admin/sorted-pro/labels/bulk/${JOB}`,
      `/admin/sorted-pro/labels/bulk/${JOB}/file`,
    ]) {
      const response = await call("GET", url, undefined, admin)
      expect(response.status).toBe(404)
      expect(response.data.message).toMatch(/reference|id/)
    }
  })

  it("runs an order's shipping day from the admin routes", async () => {
    const orderId = await placeOrder()
    const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    /** An Order Flex consignment record of this order, made directly (not through PRO). */
    const orderFlexRecord = (suffix: string, fields: Record<string, unknown>) =>
      sortedPro.createSortedProConsignments({
        order_id: orderId,
        customer_reference: `${orderId}-${suffix}`,
        flow: "order_flex",
        shipping_location_reference: "SL-MANCHESTER",
        ...fields,
      } as any)
    const record = await waitFor("the consignment record", async () => {
      const [found] = await sortedPro.listSortedProConsignments({ order_id: orderId })
      return found?.sync_status === "synced" ? found : undefined
    })
    const reference = record.reference!
    const base = `/admin/sorted-pro/consignments/${reference}`

    // list with server-side filters and pagination
    const { data: listed } = await api.get(`/admin/sorted-pro/consignments?order_id=${orderId}&state=Allocated&limit=5`, admin)
    expect(listed).toMatchObject({ count: 1, limit: 5, offset: 0 })
    expect(listed.consignments[0].reference).toBe(reference)
    const { data: none } = await api.get(`/admin/sorted-pro/consignments?order_id=${orderId}&state=Manifested`, admin)
    expect(none.count).toBe(0)
    const { data: byQ } = await api.get(`/admin/sorted-pro/consignments?q=${reference.toLowerCase()}`, admin)
    expect(byQ.consignments.map((c: any) => c.id)).toEqual([record.id])
    const { data: page2 } = await api.get(`/admin/sorted-pro/consignments?limit=1&offset=1&order_id=${orderId}`, admin)
    expect(page2).toMatchObject({ count: 1, consignments: [] })

    // detail: our record and PRO's live consignment
    const { data: detail } = await api.get(base, admin)
    expect(detail.consignment.id).toBe(record.id)
    expect(detail.pro).toMatchObject({ Reference: reference, ConsignmentState: "Allocated" })
    const { data: byId } = await api.get(`/admin/sorted-pro/consignments/${record.id}`, admin)
    expect(byId.consignment.reference).toBe(reference)

    // the order widget's data
    const { data: forOrder } = await api.get(`/admin/sorted-pro/orders/${orderId}/consignments`, admin)
    expect(forOrder.consignments.map((c: any) => c.reference)).toEqual([reference])
    expect(forOrder.pro_orders).toEqual([])

    // quotes, then re-allocation with the most expensive one (deallocates first)
    const { data: quoted } = await api.get(`${base}/quotes`, admin)
    expect(quoted.quotes.length).toBeGreaterThan(1)
    for (const quote of quoted.quotes) {
      expect(quote).toMatchObject({
        quote_reference: expect.any(String),
        carrier_reference: expect.any(String),
        carrier_service_reference: expect.any(String),
      })
      expect(quote.price.gross).toBeGreaterThan(0)
    }
    const grosses = quoted.quotes.map((quote: any) => quote.price.gross)
    expect(grosses).toEqual([...grosses].sort((a: number, b: number) => a - b))
    const pick = quoted.quotes[quoted.quotes.length - 1]
    const { data: withQuote } = await api.post(`${base}/allocate`, { strategy: { type: "quote", reference: pick.quote_reference } }, admin)
    expect(withQuote.settled).toBe(true)
    expect(withQuote.consignment).toMatchObject({
      state: "Allocated",
      carrier_service_reference: pick.carrier_service_reference,
      allocation_strategy: `quote:${pick.quote_reference}`,
      last_error: null,
    })

    // a refused allocation: 409 with PRO's CorrelationId, recorded, and the previous allocation restored
    const refused = await call("POST", `${base}/allocate`, { strategy: { type: "quote", reference: "00000000-0000-0000-0000-000000000000" } }, admin)
    expect(refused.status).toBe(409)
    expect(refused.data.pro.correlation_id).toEqual(expect.any(String))
    const [afterRefusal] = await sortedPro.listSortedProConsignments({ id: record.id })
    expect((afterRefusal.last_error as any).correlation_id).toBe(refused.data.pro.correlation_id)
    expect(afterRefusal.state).toBe("Allocated")
    expect(afterRefusal.carrier_service_reference).toBe(pick.carrier_service_reference)

    // service group re-allocation: PRO either allocates within the group or refuses (the required delivery day
    // may be out of the group's reach) and the consignment is allocated back as it was
    const grouped = await call("POST", `${base}/allocate`, { strategy: { type: "service_group", reference: "SG_NEXTDAY" } }, admin)
    if (grouped.status === 200) {
      expect(["CX_NDS", "SP_ND_AM", "SP_ND_PM", "SP_7DAY"]).toContain(grouped.data.consignment.carrier_service_reference)
      expect(grouped.data.consignment.allocation_strategy).toBe("service_group:SG_NEXTDAY")
    } else {
      expect(grouped.status).toBe(409)
      expect(grouped.data.pro.code).toBe("AllocationFailed")
      const [restored] = await sortedPro.listSortedProConsignments({ id: record.id })
      expect(restored.state).toBe("Allocated")
    }
    // carrier service re-allocation
    const byService = await call(
      "POST",
      `${base}/allocate`,
      { strategy: { type: "carrier_service", reference: pick.carrier_service_reference } },
      admin
    )
    if (byService.status === 200) {
      expect(byService.data.consignment).toMatchObject({
        state: "Allocated",
        carrier_service_reference: pick.carrier_service_reference,
        allocation_strategy: `carrier_service:${pick.carrier_service_reference}`,
      })
    } else {
      expect(byService.status).toBe(409)
      expect(byService.data.pro.code).toBe("AllocationFailed")
      const [restored] = await sortedPro.listSortedProConsignments({ id: record.id })
      expect(restored.state).toBe("Allocated")
    }

    // deallocate, then allocate by default rules (bulk route)
    const { data: deallocated } = await api.post(`${base}/deallocate`, {}, admin)
    expect(deallocated).toMatchObject({
      outcome: "deallocated",
      previous_state: "Allocated",
      consignment: { state: "Unallocated", tracking_numbers: [] },
    })
    const again = await call("POST", `${base}/deallocate`, {}, admin)
    expect(again.status).toBe(409)
    expect(again.data.message).toContain("Unallocated")
    const { data: bulk } = await api.post(
      `/admin/sorted-pro/bulk/allocate`,
      { references: [reference, "EC-ZZZ-ZZZ-ZZZ"], strategy: { type: "default_rules" } },
      admin
    )
    expect(bulk).toMatchObject({ allocated: 1, failed: 1 })
    expect(bulk.results[0]).toMatchObject({ reference, ok: true, state: "Allocated" })
    expect(bulk.results[1]).toMatchObject({ reference: "EC-ZZZ-ZZZ-ZZZ", ok: false })

    // customs documents: none for a domestic consignment
    const { data: customs } = await api.get(`${base}/customs-documents`, admin)
    expect(customs).toMatchObject({ required: false, documents: [] })
    expect(customs.message).toMatch(/domestic/)

    // labels: one, and a bulk job merged into one PDF with progress
    const label = await api.get(`${base}/label?format=zpl`, { ...admin, responseType: "arraybuffer" })
    expect(Buffer.from(label.data).toString()).toContain("^XA")
    expect((await sortedPro.listSortedProConsignments({ id: record.id }))[0].labels_printed_at).toBeNull()
    const printed = await api.post(`${base}/label?format=pdf`, {}, { ...admin, responseType: "arraybuffer" })
    expect(printed.headers["content-type"]).toMatch(/pdf/)
    expect((await sortedPro.listSortedProConsignments({ id: record.id }))[0].labels_printed_at).toBeInstanceOf(Date)
    const started = await api.post(`/admin/sorted-pro/labels/bulk`, { references: [reference, reference, "EC-ZZZ-ZZZ-ZZZ"] }, admin)
    expect(started.status).toBe(202)
    expect(started.data.job).toMatchObject({ status: "running", total: 2 })
    const job = await waitFor("the bulk label job", async () => {
      const { data } = await api.get(`/admin/sorted-pro/labels/bulk/${started.data.job.id}`, admin)
      return data.job.status !== "running" ? data.job : undefined
    })
    expect(job).toMatchObject({ status: "done", fetched: 1, merged: 1, pages: 1 })
    expect(job.failed).toEqual([expect.objectContaining({ reference: "EC-ZZZ-ZZZ-ZZZ", status: 404, correlation_id: expect.any(String) })])
    const merged = await api.get(`/admin/sorted-pro/labels/bulk/${job.id}/file`, { ...admin, responseType: "arraybuffer" })
    expect(merged.headers["content-type"]).toContain("application/pdf")
    expect((await PDFDocument.load(Buffer.from(merged.data))).getPageCount()).toBe(1)

    // manifest preview, then manifest of this one consignment
    const { data: preview } = await api.get(`/admin/sorted-pro/manifests/preview?shipping_location_references=SL-MANCHESTER`, admin)
    expect(preview.preview.total).toBeGreaterThanOrEqual(1)
    const group = preview.preview.groups.find((g: any) => g.references.includes(reference))
    expect(group).toMatchObject({ shipping_location_reference: "SL-MANCHESTER", carrier_reference: expect.any(String) })
    expect(group.count).toBe(group.references.length)
    const { data: emptyPreview } = await api.get(`/admin/sorted-pro/manifests/preview?shipping_location_references=SL-LONDON`, admin)
    expect(emptyPreview.preview).toEqual({ total: 0, groups: [], truncated: false })
    const { data: manifested } = await api.post(`${base}/manifest`, {}, admin)
    expect(manifested.outcome).toBe("manifested")
    expect(manifested.manifest.consignments).toEqual([expect.objectContaining({ reference, state: "Manifested" })])
    const { data: twice } = await api.post(`${base}/manifest`, {}, admin)
    expect(twice.outcome).toBe("failed")
    expect(twice.manifest.failed_consignments[0]).toMatchObject({ reference, reason: expect.any(String) })

    // cancelling a manifested consignment is refused with PRO's CorrelationId
    const cancel = await call("POST", `${base}/cancel`, {}, admin)
    expect(cancel.status).toBe(409)
    const [afterCancel] = await sortedPro.listSortedProConsignments({ id: record.id })
    expect(afterCancel.last_error).toEqual(expect.objectContaining({ code: expect.any(String) }))

    // deallocate the manifested consignment, then cancel it
    await api.post(`${base}/deallocate`, {}, admin)
    const { data: cancelled } = await api.post(`${base}/cancel`, {}, admin)
    expect(cancelled).toMatchObject({ outcome: "cancelled", consignment: { state: "Cancelled" } })
    const retrySynced = await call("POST", `${base}/retry`, {}, admin)
    expect(retrySynced.status).toBe(409)
    expect(retrySynced.data.message).toMatch(/allocate/)

    // retry a record that never reached PRO: an Order Flex consignment of the same order
    const failedRecord = await orderFlexRecord("retry", {
      sync_status: "failed",
      last_error: {
        status: 503,
        code: "ServiceUnavailable",
        message: "down",
        correlation_id: "c-1",
        request: "POST /consignments",
        at: new Date().toISOString(),
      } as any,
    })
    const { data: failedList } = await api.get(`/admin/sorted-pro/consignments?sync_status=failed`, admin)
    expect(failedList.consignments.map((c: any) => c.id)).toContain(failedRecord.id)
    sandbox.sandbox.faults.add({ pathPattern: "/consignments", method: "POST", status: 503, times: 1 })
    const down = await call("POST", `/admin/sorted-pro/consignments/${failedRecord.id}/retry`, {}, admin)
    expect(down.status).toBe(502)
    expect(down.data.pro.correlation_id).toEqual(expect.any(String))
    const retry = await call("POST", `/admin/sorted-pro/consignments/${failedRecord.id}/retry`, {}, admin)
    expect({ status: retry.status, message: retry.data.message }).toEqual({ status: 200, message: undefined })
    expect(retry.data.outcome).toBe("synced")
    expect(retry.data.consignment).toMatchObject({ sync_status: "synced", reference: expect.stringMatching(/^EC-/), last_error: null })

    // a PRO failure while reading a consignment: 200 with pro_error and its CorrelationId; a GET writes nothing
    const [beforeRead] = await sortedPro.listSortedProConsignments({ id: record.id })
    sandbox.sandbox.faults.add({ pathPattern: `/consignments/${reference}`, method: "GET", status: 503, times: 3 })
    const { data: unavailable } = await api.get(base, admin)
    expect(unavailable).toMatchObject({ pro: null, pro_error: { status: 503, correlation_id: expect.any(String) } })
    expect(unavailable.consignment.actions).toMatchObject({ cancel: false, manifest: false })
    const [afterRead] = await sortedPro.listSortedProConsignments({ id: record.id })
    expect(afterRead.updated_at).toEqual(beforeRead.updated_at)
    const unfinished = await sortedPro.createSortedProConsignments({
      order_id: orderId,
      customer_reference: `${orderId}-unfinished`,
      flow: "order_flex",
      sync_status: "failed",
      attempts: 1,
      last_error: {
        status: 400,
        code: "Invalid",
        message: "refused",
        correlation_id: "c-health",
        request: "POST /consignments",
        at: new Date().toISOString(),
      } as any,
    })

    // health
    const { data: health } = await api.get(`/admin/sorted-pro/health`, admin)
    expect(health).toMatchObject({
      mode: "local_sandbox",
      base_url: sandbox.url,
      api_key_hint: "…dbox",
      api_key: { ok: true },
      last_tracking_sync_at: null,
    })
    expect(health.api_key.shipping_locations).toBeGreaterThan(0)
    expect(health.last_errors.some((error: any) => error.id === unfinished.id && error.correlation_id === "c-health")).toBe(true)
    expect(health.waiting).toMatchObject({ consignments_pending: 0, consignments_failed: 1 })
    await sortedPro.deleteSortedProConsignments(unfinished.id)
    sandbox.sandbox.faults.add({ pathPattern: "/shippinglocations", status: 503, times: 3 })
    const { data: unhealthy } = await api.get(`/admin/sorted-pro/health`, admin)
    expect(unhealthy.api_key).toMatchObject({ ok: false, error: { status: 503, correlation_id: expect.any(String) } })
    sandbox.sandbox.faults.clear()

    // reconcile now: nothing is waiting, so nothing is retried; with PRO down the pass is skipped and says why
    const { data: reconciled } = await api.post(`/admin/sorted-pro/reconcile`, {}, admin)
    expect(reconciled.result).toMatchObject({ orders_retried: 0, fulfillments_retried: 0, still_open: 0 })
    expect(reconciled.result.skipped).toBeUndefined()
    sandbox.sandbox.faults.add({ pathPattern: "/shippinglocations", status: 503, times: 3 })
    const { data: skipped } = await api.post(`/admin/sorted-pro/reconcile`, { days: 1 }, admin)
    expect(skipped.result.skipped).toMatch(/SortedPRO unavailable/)
    sandbox.sandbox.faults.clear()

    // settings
    const { data: settings } = await api.get(`/admin/sorted-pro/settings`, admin)
    expect(settings.stock_locations.map((l: any) => l.id)).toContain(seed.stock_location_id)
    expect(settings.shipping_locations.map((l: any) => l.reference)).toEqual(expect.arrayContaining(["SL-MANCHESTER", "SL-LONDON"]))
    const unknownSl = await call("POST", `/admin/sorted-pro/settings`, { shipping_locations: { [seed.stock_location_id]: "SL-NOWHERE" } }, admin)
    expect(unknownSl.status).toBe(400)
    expect(unknownSl.data.message).toContain(`shipping_locations.${seed.stock_location_id}`)
    const { data: saved } = await api.post(
      `/admin/sorted-pro/settings`,
      {
        shipping_locations: { [seed.stock_location_id]: "SL-LONDON" },
        allocation_strategy: { type: "service_group", reference: "SG_NEXTDAY" },
        label_format: "zpl",
        fallback_prices: { gbp: 5.5 },
        manifest_time: "16:30",
      },
      admin
    )
    expect(saved.settings).toMatchObject({
      shipping_locations: { [seed.stock_location_id]: "SL-LONDON" },
      allocation_strategy: { type: "service_group", reference: "SG_NEXTDAY" },
      label_format: "zpl",
      fallback_prices: { gbp: 5.5 },
      manifest_time: "16:30",
    })
    const { data: cleared } = await api.post(`/admin/sorted-pro/settings`, { manifest_time: null }, admin)
    expect(cleared.settings).toMatchObject({ manifest_time: null, label_format: "zpl" })

    // end-of-day manifest: the retried consignment is manifested; a record PRO did not manifest keeps its state (the
    // new states come from one read of PRO's state events, not one call per consignment)
    const stale = await orderFlexRecord("stale", { reference: "EC-ZZZ-ZZZ-ZZY", sync_status: "synced", state: "Allocated" })
    const endOfDay = await call("POST", `/admin/sorted-pro/manifests`, {}, admin)
    expect(endOfDay.status).toBe(200)
    expect(endOfDay.data.manifest.consignments).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference: retry.data.consignment.reference, state: "Manifested" })])
    )
    const [staleAfter] = await sortedPro.listSortedProConsignments({ id: stale.id })
    expect(staleAfter).toMatchObject({ state: "Allocated", last_error: null })

    // catalogue for the pickers
    const { data: catalogue } = await api.get(`/admin/sorted-pro/catalogue`, admin)
    expect(catalogue.service_groups.map((g: any) => g.reference)).toEqual(expect.arrayContaining(["SG_NEXTDAY", "SG_STANDARD"]))
    expect(catalogue.carriers.map((c: any) => c.reference)).toEqual(expect.arrayContaining(["CARRIER_X", "SWIFTPOST"]))
  })

  // routes without a body: an unknown query parameter or a malformed path id is refused by name, never ignored
  const NO_INPUT_INVALID: Array<[string, string]> = [
    ["/admin/sorted-pro/health?verbose=1", "verbose"],
    ["/admin/sorted-pro/catalogue?refresh=true", "refresh"],
    ["/admin/sorted-pro/settings?include=api_key", "include"],
    ["/admin/sorted-pro/labels/bulk/job-1", "id"],
    [`/admin/sorted-pro/labels/bulk/${JOB}?wait=1`, "wait"],
    ["/admin/sorted-pro/labels/bulk/job-1/file", "id"],
    [`/admin/sorted-pro/labels/bulk/${JOB}/file?download=1`, "download"],
    ["/admin/sorted-pro/orders/ord-1/consignments", "id"],
    ["/admin/sorted-pro/orders/order_01/consignments?expand=items", "expand"],
    [`/admin/sorted-pro/consignments/${EC}/customs-documents/CN23%20EP`, "name"],
  ]
  it.each(NO_INPUT_INVALID)("GET %s answers 400 naming %s", async (url, field) => {
    const response = await call("GET", url, undefined, admin)
    expect(response.status).toBe(400)
    expect(response.data.message).toContain(field)
  })

  it("has a 401 test and a 400 test for every admin route file", () => {
    const base = path.join(__dirname, "../../src/api")
    const routes: Array<{ method: string; template: string }> = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) {
          walk(file)
        } else if (entry.name === "route.ts") {
          const template = `/${path.relative(base, dir).split(path.sep).join("/")}`
          for (const [, method] of fs.readFileSync(file, "utf8").matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
            routes.push({ method, template })
          }
        }
      }
    }
    walk(path.join(base, "admin/sorted-pro"))
    expect(routes.length).toBeGreaterThanOrEqual(23)
    const matches = (template: string) => new RegExp(`^${template.replace(/\[[^\]]+\]/g, "[^/?]+")}(\\?.*)?$`)
    const invalid: Array<[string, string]> = [
      ...INVALID.map(([method, url]) => [method, url] as [string, string]),
      ...NO_INPUT_INVALID.map(([url]) => ["GET", url] as [string, string]),
    ]
    for (const { method, template } of routes) {
      const pattern = matches(template)
      expect([`${method} ${template}`, ROUTES.some(([m, url]) => m === method && pattern.test(url))]).toEqual([`${method} ${template}`, true])
      expect([`${method} ${template} invalid`, invalid.some(([m, url]) => m === method && pattern.test(url))]).toEqual([
        `${method} ${template} invalid`,
        true,
      ])
    }
  })
})
