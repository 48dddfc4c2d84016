import { model } from "@medusajs/framework/utils"

/**
 * A PRO order (EO-…) made for a Medusa order: by Select Delivery Option as an Order (Consumer Options Flex)
 * or Create Order (Order Flex). Written before the PRO call (`pending`) with `customer_reference` = the value
 * sent as `OrderReferenceProvidedByCustomer` (the Medusa order id), then completed from PRO's answer.
 * `last_error` is `{status, code, message, correlation_id, request, at}` of the last PRO failure; `attempts` counts
 * PRO refusals only; `cancel_status` `done` once the Medusa order was cancelled (nothing more is written for it).
 */
const SortedProOrder = model.define("sorted_pro_order", {
  id: model.id({ prefix: "spord" }).primaryKey(),
  order_id: model.text().index(),
  customer_reference: model.text().unique(),
  reference: model.text().unique().nullable(),
  flow: model.enum(["consumer_options_flex", "order_flex"]),
  sync_status: model.enum(["pending", "synced", "failed"]).default("pending"),
  delivery_option_reference: model.text().nullable(),
  last_error: model.json().nullable(),
  attempts: model.number().default(0),
  cancel_status: model.enum(["requested", "done", "refused"]).nullable(),
})

export default SortedProOrder
