import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { EngineDeps } from "../../lib/consignments"
import { SORTED_PRO_MODULE } from "../../modules/sorted-pro"
import { recordStore } from "../../modules/sorted-pro/record-store"
import { leaseClaim } from "../../modules/sorted-pro/lease"
import type SortedProModuleService from "../../modules/sorted-pro/service"
import { resolveLogger } from "./logger"
import { announcingStore, recordWriter } from "./record-events"

/** Something that resolves registrations: a step's container. */
type Resolver = { resolve<T>(key: string): T }

/**
 * The exactly-once engine's dependencies from a step's container: the module's PRO client and records, the claim (a
 * lease in the store's PostgreSQL, `leaseClaim`: it holds across server and worker processes whatever locking
 * provider the host configured), the logger, and the Medusa order's status read through Query (`canceled`). Record
 * writes announce what they change (`recordWriter`: the plugin's events, docs/events.md).
 */
export function engineDeps(container: Resolver): EngineDeps {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  return {
    client: service.getClient(),
    store: announcingStore(recordStore(service), recordWriter(container)),
    claim: leaseClaim(service.rawSql()),
    logger: resolveLogger(container),
    orderCancelled: (orderId) => orderCancelled(container, orderId),
  }
}

/** True when the Medusa order `orderId` exists and is `canceled` (Medusa sets the status before `order.canceled`). */
export async function orderCancelled(container: Resolver, orderId: string): Promise<boolean> {
  let query: { graph(config: object): Promise<{ data: Array<{ status?: string }> }> }
  try {
    query = container.resolve(ContainerRegistrationKeys.QUERY)
  } catch {
    // a container-less run (the fulfillment provider): Medusa refuses to cancel an order while it is being fulfilled
    return false
  }
  const { data } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: orderId } })
  return data[0]?.status === "canceled"
}
