import type { ConsignmentRecord, ProOrderRecord, RecordStore } from "../../lib/consignments"
import type SortedProModuleService from "./service"

/**
 * Our tables as the exactly-once engine's {@link RecordStore} (`src/lib/consignments/ports.ts`): consignments by
 * `customer_reference` (unique), PRO orders by the Medusa order id, and the allocation strategy in force.
 */
export function recordStore(service: SortedProModuleService): RecordStore {
  // Medusa's generated CRUD types are the DML model's; the engine's records are the same rows, typed loosely
  const rows = service as unknown as {
    listSortedProConsignments(filter: object): Promise<ConsignmentRecord[]>
    createSortedProConsignments(fields: object): Promise<ConsignmentRecord>
    updateSortedProConsignments(fields: object): Promise<ConsignmentRecord>
    listSortedProOrders(filter: object): Promise<ProOrderRecord[]>
    createSortedProOrders(fields: object): Promise<ProOrderRecord>
    updateSortedProOrders(fields: object): Promise<ProOrderRecord>
  }
  return {
    findConsignment: async (customerReference) => (await rows.listSortedProConsignments({ customer_reference: customerReference }))[0] ?? null,
    createConsignment: (fields) => rows.createSortedProConsignments(fields),
    updateConsignment: (id, fields) => rows.updateSortedProConsignments({ ...fields, id }),
    findProOrder: async (orderId) => (await rows.listSortedProOrders({ customer_reference: orderId }))[0] ?? null,
    createProOrder: (fields) => rows.createSortedProOrders(fields),
    updateProOrder: (id, fields) => rows.updateSortedProOrders({ ...fields, id }),
    defaultStrategy: async () => (await service.getSettings()).allocation_strategy,
  }
}
