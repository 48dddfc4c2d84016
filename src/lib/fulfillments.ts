import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { FulfillmentForPro } from "./mapping/orders"

/**
 * The fulfillment `fulfillmentId` read through Query with `fields` (Query field paths, e.g. `items.quantity`; include
 * `canceled_at`), or null when it does not exist or was canceled.
 */
export async function activeFulfillment(container: MedusaContainer, fulfillmentId: string, fields: string[]): Promise<FulfillmentForPro | null> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "fulfillment", fields, filters: { id: fulfillmentId } })
  const fulfillment = data[0] as FulfillmentForPro | undefined
  return fulfillment && !fulfillment.canceled_at ? fulfillment : null
}

/** The fulfillment's id, stock location and shipping option, as the fulfillment and return workflows take them. */
export function fulfillmentOrigin(fulfillment: FulfillmentForPro) {
  return { fulfillment_id: fulfillment.id, location_id: fulfillment.location_id, shipping_option_id: fulfillment.shipping_option_id }
}
