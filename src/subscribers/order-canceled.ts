import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { cancelOrderConsignmentsWorkflow } from "../workflows/cancel-consignment"

/**
 * `order.canceled` → cancel the order's PRO consignments (deallocate where PRO forbids cancelling; manifested
 * ones are reported on the consignment, not ignored). Safe to receive twice.
 */
export default async function sortedProOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await cancelOrderConsignmentsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = { event: "order.canceled" }
