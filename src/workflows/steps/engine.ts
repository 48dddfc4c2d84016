import { Modules } from "@medusajs/framework/utils"
import type { ILockingModule } from "@medusajs/framework/types"
import type { EngineDeps } from "../../lib/consignments"
import { SORTED_PRO_MODULE } from "../../modules/sorted-pro"
import { recordStore } from "../../modules/sorted-pro/record-store"
import type SortedProModuleService from "../../modules/sorted-pro/service"
import { resolveLogger } from "./logger"

/**
 * The exactly-once engine's dependencies from a step's container: the module's PRO client and records, Medusa's
 * Locking module as the claim (60 s), the logger.
 */
export function engineDeps(container: { resolve<T>(key: string): T }): EngineDeps {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const locking = container.resolve<ILockingModule>(Modules.LOCKING)
  return {
    client: service.getClient(),
    store: recordStore(service),
    claim: (key, work) => locking.execute(key, work, { timeout: 60 }),
    logger: resolveLogger(container),
  }
}
