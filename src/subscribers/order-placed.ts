import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { handleOrderPlacedWorkflow } from "../workflows/handle-order-placed"

/**
 * `order.placed` → {@link handleOrderPlacedWorkflow}: Select Option for orders with a SortedPRO
 * delivery-day shipping method. PRO failures are recorded against the consignment, never thrown here.
 */
export default async function sortedProOrderPlaced({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await handleOrderPlacedWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = { event: "order.placed" }
