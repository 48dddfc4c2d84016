import { model } from "@medusajs/framework/utils"

/**
 * A PRO consignment (EC-…) that this store created or is creating, one row per consignment.
 *
 * The row is written *before* the PRO call that creates the consignment (`sync_status: "pending"`,
 * `customer_reference` = the reference we send as `ConsignmentReferenceProvidedByCustomer`), then
 * completed from PRO's answer, so a crash or timeout in between can be reconciled by looking the
 * consignment up by that reference (docs/design.md "Exactly once").
 *
 * - `reference`: PRO consignment reference `EC-xxx-xxx-xxx`, null until PRO answered.
 * - `sync_status`: `synced` (in PRO, our work there done), `pending` (PRO's answer was lost) or `failed` (PRO refused)
 *   — both retried by the reconcile job —, or `replaced` (a delivery choice PRO refused for good; the order ships as
 *   Order Flex instead).
 * - `flow`: `consumer_options` | `consumer_options_pickup` | `consumer_options_flex` | `order_flex`.
 * - `state`: PRO `ConsignmentState` name (docs/pro-api.md §5), e.g. `Allocated`, `Manifested`.
 * - `delivery_promise`: the shopper's choice (date `YYYY-MM-DD`, window, guaranteed, price in major units).
 * - `tracking_numbers`: every leg's tracking references, flattened.
 * - `pro_order_reference`: the PRO order (EO-…) it is packed from, in the Flex flows (set before the Pack call).
 * - `direction`: `outbound` (to the customer) or `inbound` (a return, PRO `Direction: "Inbound"`).
 * - `packages`: `{items: [{package_reference, customer_reference, weight_kg, dimensions_cm, items: [{sku, quantity}]}]}`
 *   as PRO holds them (`packagesOf`).
 * - `tracked_at`: when the tracking sync last learnt this consignment's PRO state (from a state event or a read); the
 *   sync reads the least recently tracked first when events cannot tell.
 * - `last_error`: `{status, code, message, correlation_id, request, at}` of the last PRO failure.
 * - `attempts`: PRO refusals so far (outages are not counted); past the limit reconcile leaves the record to staff.
 * - `cancel_status`: `requested` (its order or fulfillment was cancelled: nothing may be written for it any more,
 *   and what PRO holds is cancelled by reconcile until done), `done` (nothing of it is live in PRO), `refused` (PRO
 *   refused, e.g. manifested; `last_error` says why).
 * - `orphan`: PRO holds it but its Medusa fulfillment never committed (a process died between the write and the
 *   commit); it is cancelled (`cancel_status`) and shown on the health panel.
 */
const Consignment = model
  .define("sorted_pro_consignment", {
    id: model.id({ prefix: "spcon" }).primaryKey(),
    order_id: model.text().index(),
    fulfillment_id: model.text().nullable(),
    pro_order_reference: model.text().nullable(),
    direction: model.enum(["outbound", "inbound"]).default("outbound"),
    stock_location_id: model.text().nullable(),
    packages: model.json().nullable(),
    customer_reference: model.text().unique(),
    reference: model.text().unique().nullable(),
    flow: model.enum(["consumer_options", "consumer_options_pickup", "consumer_options_flex", "order_flex"]),
    sync_status: model.enum(["pending", "synced", "failed", "replaced"]).default("pending"),
    state: model.text().nullable(),
    delivery_option_reference: model.text().nullable(),
    shipping_location_reference: model.text().nullable(),
    carrier_reference: model.text().nullable(),
    carrier_name: model.text().nullable(),
    carrier_service_reference: model.text().nullable(),
    carrier_service_name: model.text().nullable(),
    tracking_numbers: model.array().default([]),
    delivery_promise: model.json().nullable(),
    allocation_strategy: model.text().nullable(),
    manifest_message: model.text().nullable(),
    manifested_at: model.dateTime().nullable(),
    labels_printed_at: model.dateTime().nullable(),
    last_error: model.json().nullable(),
    tracked_at: model.dateTime().nullable(),
    attempts: model.number().default(0),
    cancel_status: model.enum(["requested", "done", "refused"]).nullable(),
    orphan: model.boolean().default(false),
  })
  // the admin list filters and sorts on these (issue 15: 100,000 records); the id breaks ties in the sort
  .indexes([
    { on: ["state"] },
    { on: ["sync_status"] },
    { on: ["carrier_reference"] },
    { on: ["stock_location_id"] },
    { on: ["shipping_location_reference"] },
    { on: ["created_at", "id"] },
    { on: ["updated_at", "id"] },
    { on: ["state", "id"] },
  ])

export default Consignment
