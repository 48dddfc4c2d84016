/**
 * Orders (docs/pro-api.md §3.6): create, get, update and pack into consignments.
 *
 * An order's lines are the items of its packages. Packing matches an item by its reference (`ItemReferenceProvidedByCustomer`
 * or the `EI-` `Reference`) when one is given, else by `Sku`, and checks quantities against what is left to pack; each pack
 * request creates one Unallocated consignment (plus an Inbound return when `GenerateReturn`).
 */
import { Router } from "express"
import { isoDateOnly, isoLondon } from "../clock"
import { zoneOf } from "../catalogue"
import { badRequest, notFound, Validation } from "../errors"
import { baseUrl, created, handle, ok, param, SandboxContext } from "../http"
import { isObject, Json, money, PackageInput, parsePackages, parseShipmentRequest, ShipmentRequest, str, WireItem } from "../model"
import { LocationInformation, link, Store } from "../state"
import type { DeliveryPromise } from "../availability"

/** A stored order line with packing progress. */
export interface OrderLine {
  item: WireItem & { Reference: string }
  quantity: number
  packed: number
}

/** A stored order. */
export interface Order {
  Reference: string
  OrderReferenceProvidedByCustomer: string
  req: ShipmentRequest
  lines: OrderLine[]
  consignments: string[]
  created: Date
  MetaData: Json[]
  /**
   * The delivery promise of the option the order was selected from (Select Delivery Option as an Order, §3.5). Packed
   * consignments are not allocated to it: they start Unallocated with its day as their RequiredDeliveryDate, and the
   * client allocates them (Consumer Options Flex step 4, docs/pro-api.md §3.7).
   */
  promise?: DeliveryPromise
  /** For an order selected from a pickup option: the shop (and reservation) every packed consignment ships to. */
  locationInformation?: LocationInformation | null
}

/**
 * Creates and stores an unpacked order from a validated request (Create Order, and Select Delivery Option as an Order,
 * docs/pro-api.md §3.5/§3.6); item lines get `EI-` references.
 */
export function createOrder(store: Store, req: ShipmentRequest, customerRef: string, metaData: Json[], now: Date): Order {
  const lines = orderLines(store, req, false)
  const order: Order = {
    Reference: store.refs.reference("EO"),
    OrderReferenceProvidedByCustomer: customerRef,
    req,
    lines,
    consignments: [],
    created: now,
    MetaData: metaData,
  }
  store.orders.set(order.Reference, order)
  return order
}

function orderLines(store: Store, req: ShipmentRequest, packed: boolean): OrderLine[] {
  return req.Packages.flatMap((packageInput) =>
    packageInput.Items.map((i) => {
      const quantity = typeof i.Quantity === "number" && Number.isInteger(i.Quantity) ? i.Quantity : 1
      return { item: { ...i, Reference: i.Reference ?? store.refs.reference("EI") }, quantity, packed: packed ? quantity : 0 }
    })
  )
}

/** Routes under `/orders`. */
export function orderRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  r.post(
    "/orders",
    handle((req) => {
      const shipment = parseOrderBody(req.body)
      const order = createOrder(
        store,
        shipment,
        str(req.body.OrderReferenceProvidedByCustomer),
        Array.isArray(req.body.MetaData) ? req.body.MetaData : [],
        clock.now()
      )
      return created([link("Order", `${baseUrl(req)}/orders/${order.Reference}`)])
    })
  )

  r.get(
    "/orders/:reference",
    handle((req) => ok(orderJson(getOrder(store, param(req, "reference")))))
  )

  r.put(
    "/orders/:reference",
    handle((req) => {
      const order = getOrder(store, param(req, "reference"))
      if (order.lines.some((line) => line.packed > 0)) {
        throw badRequest("OrderNotEditable", `Order ${order.Reference} has packed items and can no longer be updated`, "orderReference")
      }
      order.req = parseOrderBody(req.body)
      order.lines = orderLines(store, order.req, false)
      order.OrderReferenceProvidedByCustomer = str(req.body.OrderReferenceProvidedByCustomer) || order.OrderReferenceProvidedByCustomer
      if (Array.isArray(req.body.MetaData)) {
        order.MetaData = req.body.MetaData
      }
      return ok([link("Order", `${baseUrl(req)}/orders/${order.Reference}`)])
    })
  )

  r.post(
    "/orders/:reference/pack",
    handle((req) => {
      const order = getOrder(store, param(req, "reference"))
      const now = clock.now()
      const body = isObject(req.body) ? req.body : {}
      const packages = packPackages(order, body)
      const shipment: ShipmentRequest = {
        ...order.req,
        ConsignmentReferenceProvidedByCustomer: order.OrderReferenceProvidedByCustomer,
        Packages: packages,
        Tags: Array.isArray(body.Tags) ? body.Tags : order.req.Tags,
        CustomsDocumentation: isObject(body.CustomsDocumentation) ? body.CustomsDocumentation : order.req.CustomsDocumentation,
        MetaData: Array.isArray(body.MetaData) ? body.MetaData : order.req.MetaData,
      }
      // packed consignments start Unallocated (§3.6); the client allocates them next (docs/pro-api.md §3.7). An order
      // selected from an option keeps the promised day as each consignment's RequiredDeliveryDate (order.req.DeliveryDay)
      const packed = store.createConsignment(shipment, now, { orderReference: order.Reference })
      packed.locationInformation = order.locationInformation ?? null
      order.consignments.push(packed.Reference)
      const results = [
        {
          Result: "ConsignmentCreated",
          Message: `Consignment ${packed.Reference} created from order ${order.Reference}`,
          Data: packed.Reference,
          ApiLinks: [link("Consignment", `${baseUrl(req)}/consignments/${packed.Reference}`)],
        },
      ]
      if (body.GenerateReturn === true) {
        const origin = { ...shipment.destination, AddressType: "Origin" }
        const destination = { ...shipment.origin, AddressType: "Destination" }
        const ret = store.createConsignment(
          {
            ...shipment,
            Direction: "Inbound",
            origin,
            destination,
            Addresses: [origin, destination],
            zone: zoneOf(destination.Country.IsoCode.TwoLetterCode, destination.Postcode),
          },
          now,
          { orderReference: order.Reference }
        )
        order.consignments.push(ret.Reference)
        results.push({
          Result: "ReturnConsignmentCreated",
          Message: `Return consignment ${ret.Reference} created from order ${order.Reference}`,
          Data: ret.Reference,
          ApiLinks: [link("Consignment", `${baseUrl(req)}/consignments/${ret.Reference}`)],
        })
      }
      return created({ Results: results })
    })
  )

  return r
}

function parseOrderBody(body: unknown): ShipmentRequest {
  const fields = isObject(body) ? body : {}
  const required = isObject(fields.RequiredDeliveryDate) ? fields.RequiredDeliveryDate : undefined
  return parseShipmentRequest(
    { ...fields, ConsignmentReferenceProvidedByCustomer: fields.OrderReferenceProvidedByCustomer, RequiredDeliveryDate: required },
    "shipment"
  )
}

/** Order by reference (case-insensitive). Throws 404. */
function getOrder(store: Store, reference: string): Order {
  const order = store.orders.get(reference.toUpperCase()) as Order | undefined
  if (!order) {
    throw notFound("Order", reference)
  }
  return order
}

/**
 * The order line a pack item names (docs/pro-api.md §3.6: by `Sku`, `Reference` or `ItemReferenceProvidedByCustomer`).
 * A given reference (`ItemReferenceProvidedByCustomer` or the `EI-` `Reference`) is honoured alone: it must name a line
 * (400 naming it otherwise), whatever the `Sku` says. Only an item without a reference is matched by `Sku` (the first
 * line of that SKU with something left to pack, else the first of that SKU).
 */
function matchLine(
  order: Order,
  item: WireItem,
  at: string
): { line: OrderLine; key: string; target: string; message: string } | { error: true; key: string; target: string; message: string } {
  const customerReference = str(item.ItemReferenceProvidedByCustomer)
  const reference = str(item.Reference)
  if (customerReference || reference) {
    const line = order.lines.find(
      (candidate) =>
        (!customerReference || candidate.item.ItemReferenceProvidedByCustomer === customerReference) &&
        (!reference || candidate.item.Reference.toUpperCase() === reference.toUpperCase())
    )
    const field = customerReference ? "ItemReferenceProvidedByCustomer" : "Reference"
    const key = customerReference || reference
    const target = `${at}.${field}`
    const message = `${target}: item ${key} is not part of order ${order.Reference}`
    return line ? { line, key, target, message } : { error: true, key, target, message }
  }
  const sku = str(item.Sku)
  const ofSku = sku ? order.lines.filter((candidate) => candidate.item.Sku === sku) : []
  const line = ofSku.find((candidate) => candidate.packed < candidate.quantity) ?? ofSku[0]
  const message = sku
    ? `${at}: item ${sku} is not part of order ${order.Reference}`
    : `${at}: item (no Sku, Reference or ItemReferenceProvidedByCustomer) is not part of order ${order.Reference}`
  const target = at
  return line ? { line, key: sku, target, message } : { error: true, key: sku, target, message }
}

/**
 * Validates a pack request against the order and books the packed quantities. Every package needs
 * ≥ 1 item; items match an order line by `Sku`, `Reference` or `ItemReferenceProvidedByCustomer`;
 * quantities may not exceed what is left (400 naming `Packages[i].Items[j]` and the item).
 * Package value = Σ item value × quantity.
 */
function packPackages(order: Order, body: Json): PackageInput[] {
  const validation = new Validation()
  const packages = parsePackages(validation, body.Packages, "Packages", true)
  const wanted = new Map<OrderLine, number>()
  const raw = Array.isArray(body.Packages) ? body.Packages : []
  raw.forEach((rawPackage: unknown, i: number) => {
    const given: Json = isObject(rawPackage) ? rawPackage : {}
    const items: unknown[] = Array.isArray(given.Items) ? given.Items : []
    validation.check(
      items.length > 0,
      `Packages[${i}].Items`,
      `Packages[${i}].Items must contain at least one item of order ${order.Reference}`,
      "Required"
    )
    const resolved: Array<WireItem & { Quantity: number }> = []
    items.forEach((entry: unknown, j: number) => {
      const itemGiven: WireItem = isObject(entry) ? entry : {}
      const at = `Packages[${i}].Items[${j}]`
      const match = matchLine(order, itemGiven, at)
      if (!validation.check(!("error" in match), match.target, match.message, "UnknownItem")) {
        return
      }
      const line = (match as { line: OrderLine }).line
      const key = match.key
      const qty = itemGiven.Quantity === undefined ? 1 : itemGiven.Quantity
      if (!validation.check(Number.isInteger(qty) && qty > 0, `${at}.Quantity`, `${at}.Quantity must be a whole number greater than 0`)) {
        return
      }
      const total = (wanted.get(line) ?? 0) + qty
      const left = line.quantity - line.packed
      if (
        validation.check(
          total <= left,
          `${at}.Quantity`,
          `${at}: item ${key} has ${left} left to pack in order ${order.Reference}, ${total} requested`,
          "QuantityExceeded"
        )
      ) {
        wanted.set(line, total)
        resolved.push({ ...line.item, Quantity: qty })
      }
    })
    if (packages[i]) {
      packages[i].Items = resolved
      if (!isObject(given.Value)) {
        const currency = resolved.find((x) => x.Value?.Currency?.IsoCode)?.Value?.Currency?.IsoCode ?? "GBP"
        packages[i].Value = money(
          resolved.reduce((sum, x) => sum + (Number(x.Value?.Amount) || 0) * x.Quantity, 0),
          currency
        )
      }
    }
  })
  validation.throwIfAny()
  for (const [line, qty] of wanted) {
    line.packed += qty
  }
  return packages
}

/** Order JSON (no example in the contract, §7; keys listed in README "Decisions"). */
function orderJson(order: Order): Json {
  const packed = order.lines.reduce((sum, line) => sum + line.packed, 0)
  const total = order.lines.reduce((sum, line) => sum + line.quantity, 0)
  return {
    Reference: order.Reference,
    OrderReferenceProvidedByCustomer: order.OrderReferenceProvidedByCustomer,
    OrderState: packed === 0 ? "Unpacked" : packed < total ? "PartiallyPacked" : "Packed",
    DateCreated: isoLondon(order.created),
    ShippingDate: order.req.ShippingDay ? isoDateOnly(order.req.ShippingDay) : null,
    RequiredDeliveryDate: order.req.DeliveryDay ? { Date: isoDateOnly(order.req.DeliveryDay), IsToBeExactlyOnTheDateSpecified: false } : null,
    Source: order.req.Source,
    Direction: order.req.Direction,
    MetaData: order.MetaData,
    Tags: order.req.Tags,
    Addresses: order.req.Addresses,
    CustomsDocumentation: order.req.CustomsDocumentation,
    Items: order.lines.map((line) => ({
      ...line.item,
      Quantity: line.quantity,
      QuantityPacked: line.packed,
      QuantityRemaining: line.quantity - line.packed,
    })),
    ConsignmentReferences: order.consignments,
  }
}
