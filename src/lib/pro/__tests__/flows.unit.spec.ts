import { PDFDocument } from "pdf-lib"
import { startSandbox } from "../../../../sandbox/server"
import { ProClient } from ".."
import type { ProConsignment } from ".."
import { buildDeliveryOptionsRequest, buildPickupOptionsRequest, CartForDelivery } from "../../mapping"
import { buildOrderRequest, buildPackRequest, OrderForPro } from "../../mapping/orders"
import { resolveOptions } from "../../options"
import { allocateWithStrategy, waitForAllocation } from "../allocation"
import { originUpdateRequest } from "../../mapping/records"
import { UK_ADDRESS as address } from "../../mapping/__tests__/addresses"

/**
 * Issue 3 "Done when": each of the four seed flows of docs/design.md, PRO calls only, made with the plugin's own PRO client
 * and request mappings against the sandbox, from the first call to a manifested consignment with a real label.
 */
let sandbox: Awaited<ReturnType<typeof startSandbox>>
// Monday 16 June 2025, 10:00 London: a working day before every cut-off
const NOW = "2025-06-16T10:00:00+01:00"

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, now: NOW })
})
afterAll(() => sandbox.close())
beforeEach(() => fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST" }))

const client = () => new ProClient({ baseUrl: sandbox.url, apiKey: "flows-test-key", retryBaseDelayMs: 10 })
const options = resolveOptions({ defaultShippingLocation: "SL-MANCHESTER", weightUnit: "g", dimensionUnit: "cm" })

const lines: CartForDelivery["items"] = [
  {
    id: "li_socks",
    title: "Socks",
    quantity: 2,
    unit_price: 12,
    variant: { sku: "SOCK", weight: 200, length: 20, width: 15, height: 5, hs_code: "611595", origin_country: "GB" },
  },
  {
    id: "li_mug",
    title: "Mug",
    quantity: 1,
    unit_price: 9.5,
    variant: { sku: "MUG", weight: 600, length: 12, width: 12, height: 10, hs_code: "691200", origin_country: "GB" },
  },
]
const cart: CartForDelivery = { id: "cart_flow", currency_code: "gbp", email: "peter@example.com", items: lines, shipping_address: address }

const originOf = (consignment: ProConsignment) => consignment.Addresses?.find((a) => a.AddressType === "Origin")?.ShippingLocationReference

/** Labels in PDF (one page per package) and ZPL, then Manifest From Query for the shipping location: Manifested. */
async function labelAndManifest(pro: ProClient, reference: string, location = "SL-MANCHESTER") {
  const consignment = await pro.consignments.get(reference)
  const pdf = await pro.labels.get(reference, "pdf")
  expect(pdf.contentType).toBe("application/pdf")
  expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(consignment.Packages?.length)
  const zpl = (await pro.labels.get(reference, "zpl")).bytes.toString("utf8")
  expect(zpl.match(/\^XA[\s\S]*?\^XZ/g)).toHaveLength(consignment.Packages!.length)
  const manifest = await pro.manifests.fromQuery({ ShippingLocationReferences: [location], States: ["Allocated"] })
  expect(manifest.Message).toMatch(/successfully queued/)
  expect((await pro.consignments.get(reference)).ConsignmentState).toBe("Manifested")
}

describe("the four seed flows through the plugin's PRO client", () => {
  it("Consumer Options: Delivery Options → Select Option → labels → Manifest From Query", async () => {
    const pro = client()
    const { DeliveryOptions } = await pro.deliveryOptions.list(buildDeliveryOptionsRequest(cart, "SL-MANCHESTER", options))
    expect(DeliveryOptions.length).toBeGreaterThan(5)
    const windowed = DeliveryOptions.find((option) => option.DeliveryWindow && option.DeliveryWindow.Start !== "00:00:00") ?? DeliveryOptions[0]
    const summary = await pro.deliveryOptions.select(windowed.Reference)
    const [reference] = await pro.consignments.findByCustomerReference(cart.id)
    expect(summary.CarrierServiceReference ?? summary.ApiLinks).toBeTruthy()
    const consignment = await pro.consignments.get(reference)
    expect(consignment).toMatchObject({ ConsignmentState: "Allocated", ConsignmentReferenceProvidedByCustomer: cart.id })
    expect(consignment.Allocation?.MpdCarrierServiceReference).toBe(windowed.CarrierServiceReference)
    // selecting again never makes a second consignment
    await expect(pro.deliveryOptions.select(windowed.Reference)).rejects.toMatchObject({ status: 400, code: "DeliveryOptionAlreadySelected" })
    await labelAndManifest(pro, reference)
    expect(await pro.consignments.findByCustomerReference(cart.id)).toEqual([reference])
  })

  it("Consumer Options Pickup: Pickup Options → Reserve (where required) → Select Option → labels → Manifest From Query", async () => {
    const pro = client()
    const request = buildPickupOptionsRequest(cart, "SL-MANCHESTER", { postal_code: "M1 5WG", radius_km: 10, max_results: 20 }, options)
    const { Locations } = await pro.deliveryOptions.pickup(request)
    const location = Locations.find((candidate) => candidate.Reservation?.IsReservationRequired && candidate.DeliveryOptions.length)
    expect(location).toBeDefined()
    const option = location!.DeliveryOptions[0]
    await expect(pro.deliveryOptions.select(option.Reference)).rejects.toMatchObject({ status: 400, code: "ReservationRequired" })
    await pro.deliveryOptions.reserve(option.Reference)
    await pro.deliveryOptions.select(option.Reference)
    const [reference] = await pro.consignments.findByCustomerReference(cart.id)
    const consignment = await pro.consignments.get(reference)
    const destination = consignment.Addresses?.find((a) => a.AddressType === "Destination")
    expect(destination).toMatchObject({ ShopLocationReference: location!.ShopReference })
    expect(consignment.LocationInformation).toMatchObject({ ShopReference: location!.ShopReference })
    // domestic: no customs documents
    await expect(pro.customsDocuments.get(reference)).rejects.toMatchObject({ status: 404 })
    await labelAndManifest(pro, reference)
  })

  it("Consumer Options Flex: Delivery Options → Select as Order → Pack per warehouse → Allocate every packed consignment → labels → manifest", async () => {
    const pro = client()
    // step 1: Delivery Options
    // variants without SKU, and two lines of one variant (gift-wrapped or not): only the line references can match them
    const cartLines: CartForDelivery["items"] = [
      { ...lines[0], id: "cali_socks", variant_id: "variant_socks", variant: { ...lines[0].variant, sku: null } },
      { ...lines[1], id: "cali_mug", variant_id: "variant_mug", variant: { ...lines[1].variant, sku: null } },
      { ...lines[1], id: "cali_mug_gift", variant_id: "variant_mug", metadata: { gift_wrap: true }, variant: { ...lines[1].variant, sku: null } },
    ]
    // Medusa gives the order's lines new ids, and Query may list them in another order
    const orderLines = [...cartLines].reverse().map((line) => ({ ...line, id: line.id!.replace("cali_", "ordli_") }))
    const { DeliveryOptions } = await pro.deliveryOptions.list(
      buildDeliveryOptionsRequest({ ...cart, id: "order_flex_promise", items: cartLines }, "SL-MANCHESTER", options)
    )
    const option = DeliveryOptions[0]
    const promisedDay = option.EstimatedDeliveryDate.Date.slice(0, 10)
    // step 2: Select Delivery Option as an Order
    const [selected] = await pro.deliveryOptions.selectOrder([
      { Reference: option.Reference, OrderReferenceProvidedByCustomer: "order_flex_promise" },
    ])
    expect(selected).toMatchObject({ Status: 201, OrderReference: expect.stringMatching(/^E?EO-/) })
    const orderReference = selected.OrderReference!.replace(/^EEO-/, "EO-")
    // step 3: Pack Order, one consignment per warehouse; each starts Unallocated with the promised day as its required date
    const line = (id: string) => orderLines.find((candidate) => candidate.id === id)!
    const packs = [
      { fulfillment: "ful_manchester", lines: [line("ordli_socks"), line("ordli_mug_gift")], location: "SL-MANCHESTER" },
      { fulfillment: "ful_london", lines: [line("ordli_mug")], location: "SL-LONDON" },
    ]
    const references: string[] = []
    for (const pack of packs) {
      const [reference] = await pro.orders.pack(
        buildPackRequest({
          orderReference,
          orderId: "order_flex_promise",
          packageReference: `${pack.fulfillment}-1`,
          lines: pack.lines,
          orderLines,
          currencyCode: "gbp",
          options,
        })
      )
      const consignment = await pro.consignments.get(reference)
      expect(consignment).toMatchObject({ ConsignmentState: "Unallocated" })
      expect(String(consignment.RequestedDeliveryDate).slice(0, 10)).toBe(promisedDay)
      // no label before allocation
      await expect(pro.labels.get(reference, "pdf")).rejects.toMatchObject({ status: 400 })
      if (originOf(consignment) !== pack.location) {
        // Pack Order has no origin: the London parcel is moved to its warehouse while still unallocated
        await pro.consignments.update(originUpdateRequest(consignment, pack.location))
      }
      references.push(reference)
    }
    expect(((await pro.orders.get(orderReference)) as any).ConsignmentReferences.sort()).toEqual([...references].sort())
    // every line of the order is packed once: a second pack of the gift-wrapped mug is refused
    await expect(
      pro.orders.pack(
        buildPackRequest({
          orderReference,
          orderId: "order_flex_promise",
          packageReference: "ful_again-1",
          lines: [line("ordli_mug_gift")],
          orderLines,
          currencyCode: "gbp",
          options,
        })
      )
    ).rejects.toMatchObject({ status: 400 })
    // step 4: allocate every consignment packed from the order (here to the selected option's carrier service)
    for (const [index, reference] of references.entries()) {
      await allocateWithStrategy(pro, reference, { type: "carrier_service", reference: option.CarrierServiceReference })
      const { consignment } = await waitForAllocation(pro, reference)
      expect(consignment).toMatchObject({
        ConsignmentState: "Allocated",
        Allocation: expect.objectContaining({ MpdCarrierServiceReference: option.CarrierServiceReference }),
      })
      expect(String(consignment.RequestedDeliveryDate).slice(0, 10)).toBe(promisedDay)
      expect(originOf(consignment)).toBe(packs[index].location)
    }
    // steps 5 and 6: labels, manifest
    await labelAndManifest(pro, references[0], "SL-MANCHESTER")
    await labelAndManifest(pro, references[1], "SL-LONDON")
  })

  it("Order Flex: Create Order → Pack → Allocate by each strategy and with a quote → labels, customs documents → manifest", async () => {
    const pro = client()
    const order: OrderForPro = {
      id: "order_static",
      email: "marie@example.fr",
      currency_code: "gbp",
      items: lines as OrderForPro["items"],
      shipping_address: address,
    }
    const strategies = [
      { type: "default_rules" as const },
      { type: "service_group" as const, reference: "SG_NEXTDAY" },
      { type: "carrier_service" as const, reference: "CX_NDS" },
      { type: "cheapest_quote" as const },
    ]
    for (const [index, strategy] of strategies.entries()) {
      const id = `order_static_${index}`
      const orderReference = await pro.orders.create(buildOrderRequest({ ...order, id }, "SL-MANCHESTER", options))
      expect(orderReference).toMatch(/^EO-/)
      // two fulfillments: the socks, then the mug
      for (const [n, line] of lines.entries()) {
        const [reference] = await pro.orders.pack(
          buildPackRequest({
            orderReference,
            orderId: id,
            packageReference: `ful_${index}_${n}-1`,
            lines: [line],
            orderLines: lines,
            currencyCode: "gbp",
            options,
          })
        )
        expect((await pro.consignments.get(reference)).ConsignmentState).toBe("Unallocated")
        await allocateWithStrategy(pro, reference, strategy)
        const { consignment } = await waitForAllocation(pro, reference)
        expect(consignment.ConsignmentState).toBe("Allocated")
        if (strategy.type === "carrier_service") {
          expect(consignment.Allocation?.MpdCarrierServiceReference).toBe("CX_NDS")
        }
        if (strategy.type === "service_group") {
          // the guides' per-consignment call, "one API call per consignment on the order", not the bulk one
          expect(sandbox.sandbox.requests.entries.filter((entry) => entry.path.startsWith("/allocation")).at(-1)).toMatchObject({
            method: "PUT",
            path: `/allocation/${reference}/allocatewithservicegroup/SG_NEXTDAY`,
          })
        }
        await labelAndManifest(pro, reference)
      }
      // packing more than the order holds is refused, naming the item
      await expect(
        pro.orders.pack(
          buildPackRequest({
            orderReference,
            orderId: id,
            packageReference: `ful_${index}_x-1`,
            lines: [lines[1]],
            orderLines: lines,
            currencyCode: "gbp",
            options,
          })
        )
      ).rejects.toMatchObject({ status: 400 })
    }

    // a chosen quote, for an international order: customs documentation travels with it, CN22/CN23 and invoice exist
    const paris = { ...address, city: "Paris", postal_code: "75001", country_code: "fr" }
    const intl = await pro.orders.create(buildOrderRequest({ ...order, id: "order_paris", shipping_address: paris }, "SL-MANCHESTER", options))
    const [reference] = await pro.orders.pack(
      buildPackRequest({
        orderReference: intl,
        orderId: "order_paris",
        packageReference: "ful_paris-1",
        lines,
        orderLines: lines,
        currencyCode: "gbp",
        options,
      })
    )
    const { Quotes } = await pro.quotes.forConsignment(reference)
    expect(Quotes.length).toBeGreaterThan(0)
    const chosen = Quotes[Quotes.length - 1]
    await allocateWithStrategy(pro, reference, { type: "quote", reference: chosen.QuoteReference })
    const { consignment } = await waitForAllocation(pro, reference)
    expect(consignment.Allocation?.MpdCarrierServiceReference).toBe(chosen.MpdCarrierServiceReference)
    expect(consignment.CustomsDocumentation).toMatchObject({ CategoryType: "Other", ReasonForExport: "Sale", ImportersEmail: "marie@example.fr" })
    const documents = await pro.customsDocuments.get(reference)
    expect(documents.map((doc) => doc.type).sort()).toEqual(["CN22", "CommercialInvoice"])
    await labelAndManifest(pro, reference)
  })
})
