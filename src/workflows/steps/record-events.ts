import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import type { ConsignmentRecord, ProOrderRecord, RecordStore } from "../../lib/consignments"
import { consignmentMessages, EventConsignment, proOrderMessages, SortedProMessage } from "../../lib/events"
import { SORTED_PRO_MODULE } from "../../modules/sorted-pro"
import type SortedProModuleService from "../../modules/sorted-pro/service"
import { resolveLogger } from "./logger"

/** Something that resolves registrations: a step's container (or the loaded modules, for container-less runs). */
type Resolver = { resolve<T>(key: string): T }

/**
 * Sends `messages` through Medusa's event bus (`Modules.EVENT_BUS`), each on its own, right away: callers emit after
 * the record change they announce is committed. A bus that is missing or fails is logged, never thrown (the change
 * in PRO and in our record stands whatever happens to its announcement).
 */
export async function emitMessages(container: Resolver, messages: SortedProMessage[]): Promise<void> {
  if (!messages.length) {
    return
  }
  try {
    await container.resolve<IEventBusModuleService>(Modules.EVENT_BUS).emit(messages)
  } catch (error) {
    resolveLogger(container).error(`SortedPRO could not emit ${messages.map((m) => m.name).join(", ")}: ${(error as Error).message}`)
  }
}

// Medusa's generated CRUD types are the DML model's; our records are the same rows, typed loosely
type Rows = {
  retrieveSortedProConsignment(id: string): Promise<ConsignmentRecord>
  createSortedProConsignments(fields: object): Promise<ConsignmentRecord>
  updateSortedProConsignments(fields: object): Promise<ConsignmentRecord>
  retrieveSortedProOrder(id: string): Promise<ProOrderRecord>
  createSortedProOrders(fields: object): Promise<ProOrderRecord>
  updateSortedProOrders(fields: object): Promise<ProOrderRecord>
}

/** Writes of our records that announce what they change (see {@link recordWriter}). */
export interface RecordWriter {
  /** Updates consignment `id`; `before` (the row as it stands, at least `EVENT_FIELDS`) saves reading it first. */
  updateConsignment(id: string, fields: Record<string, unknown>, before?: EventConsignment): Promise<ConsignmentRecord>
  createConsignment(fields: Omit<ConsignmentRecord, "id">): Promise<ConsignmentRecord>
  updateProOrder(id: string, fields: Record<string, unknown>): Promise<ProOrderRecord>
  createProOrder(fields: Omit<ProOrderRecord, "id">): Promise<ProOrderRecord>
}

/** Moves a consignment's state from the one read (`IS NOT DISTINCT FROM`: null too); no row when it changed since. */
const MOVE_STATE = `update sorted_pro_consignment set state = ?, updated_at = now()
  where id = ? and state is not distinct from ? and deleted_at is null returning id`

/**
 * Our module's record writes that emit the plugin's events (src/lib/events.ts, docs/events.md): the row is read before
 * the write (unless given), written (the module commits it), and the change between the two is announced. A write
 * that repeats what the row said announces nothing, so a retry never announces a change twice. The writers of a
 * record's reference and cancel hold its claim (engine, allocate, cancel); its state, which the manifest and the
 * tracking pass also write, moves by compare-and-set (`MOVE_STATE`): of two writers moving it at once, only the one
 * that moved it announces the move; the other reads the row again and announces what is left.
 */
export function recordWriter(container: Resolver): RecordWriter {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const rows = service as unknown as Rows
  const db = service.rawSql()
  return {
    async updateConsignment(id, fields, before) {
      let prior: EventConsignment = before ?? (await rows.retrieveSortedProConsignment(id))
      let rest = fields
      for (let attempt = 0; "state" in fields && fields.state !== prior.state && attempt < 3; attempt++) {
        const moved = await db.raw(MOVE_STATE, [fields.state ?? null, id, prior.state ?? null])
        if (moved.rows?.length) {
          const { state: _moved, ...others } = fields
          rest = others
          break
        }
        prior = await rows.retrieveSortedProConsignment(id)
      }
      const after = await rows.updateSortedProConsignments({ ...rest, id })
      await emitMessages(container, consignmentMessages(prior, after))
      return after
    },
    async createConsignment(fields) {
      const after = await rows.createSortedProConsignments(fields)
      await emitMessages(container, consignmentMessages(null, after))
      return after
    },
    async updateProOrder(id, fields) {
      const prior = await rows.retrieveSortedProOrder(id)
      const after = await rows.updateSortedProOrders({ ...fields, id })
      await emitMessages(container, proOrderMessages(prior, after))
      return after
    },
    async createProOrder(fields) {
      const after = await rows.createSortedProOrders(fields)
      await emitMessages(container, proOrderMessages(null, after))
      return after
    },
  }
}

/** The engine's record store (`recordStore`) with its writes announced through {@link recordWriter}. */
export function announcingStore(store: RecordStore, writer: RecordWriter): RecordStore {
  return {
    ...store,
    createConsignment: (fields) => writer.createConsignment(fields),
    updateConsignment: (id, fields) => writer.updateConsignment(id, fields),
    createProOrder: (fields) => writer.createProOrder(fields),
    updateProOrder: (id, fields) => writer.updateProOrder(id, fields),
  }
}
