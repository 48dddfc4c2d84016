import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import type { ConsignmentRecord, ProOrderRecord, RecordStore } from "../../lib/consignments"
import { consignmentMessages, EVENT_FIELDS, EventConsignment, proOrderMessages, SortedProMessage } from "../../lib/events"
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
  /**
   * Moves many consignments' states at once (`MOVE_STATES`, one statement per 500), each from `before.state` (the row
   * as read, at least `EVENT_FIELDS`) to `state`, clearing `last_error` and setting `tracked_at`; then announces the
   * changes together. A record whose state changed since it was read is written on its own ({@link updateConsignment}:
   * read again, announced once). Returns the ids written and the others with the error that stopped them (a batch
   * the database refused: each of its records).
   */
  moveConsignmentStates(
    moves: Array<{ before: EventConsignment; state: string }>,
    trackedAt: Date
  ): Promise<{ written: string[]; failed: Array<{ id: string; error: unknown }> }>
  createConsignment(fields: Omit<ConsignmentRecord, "id">): Promise<ConsignmentRecord>
  updateProOrder(id: string, fields: Record<string, unknown>): Promise<ProOrderRecord>
  createProOrder(fields: Omit<ProOrderRecord, "id">): Promise<ProOrderRecord>
}

/** Moves a consignment's state from the one read (`IS NOT DISTINCT FROM`: null too); no row when it changed since. */
const MOVE_STATE = `update sorted_pro_consignment set state = ?, updated_at = now()
  where id = ? and state is not distinct from ? and deleted_at is null returning id`

/** {@link MOVE_STATE} for many rows: each moves from its own prior state; the rows moved come back as they now stand. */
const MOVE_STATES = `update sorted_pro_consignment c set state = m.state, last_error = null, tracked_at = ?, updated_at = now()
  from unnest(?::text[], ?::text[], ?::text[]) as m(id, state, prior)
  where c.id = m.id and c.state is not distinct from m.prior and c.deleted_at is null
  returning ${EVENT_FIELDS.map((field) => `c.${field}`).join(", ")}`
const BATCH = 500

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
  const updateConsignment: RecordWriter["updateConsignment"] = async (id, fields, before) => {
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
  }
  return {
    updateConsignment,
    async moveConsignmentStates(moves, trackedAt) {
      const written: string[] = []
      const failed: Array<{ id: string; error: unknown }> = []
      for (let start = 0; start < moves.length; start += BATCH) {
        const batch = moves.slice(start, start + BATCH)
        const ids = batch.map((move) => move.before.id)
        let moved: { rows?: Array<Record<string, unknown>> }
        try {
          moved = await db.raw(MOVE_STATES, [trackedAt, ids, batch.map((move) => move.state), batch.map((move) => move.before.state ?? null)])
        } catch (error) {
          failed.push(...ids.map((id) => ({ id, error })))
          continue
        }
        const after = new Map((moved.rows ?? []).map((row) => [String(row.id), row as unknown as EventConsignment]))
        await emitMessages(
          container,
          batch.flatMap((move) => (after.has(move.before.id) ? consignmentMessages(move.before, after.get(move.before.id)!) : []))
        )
        // moved since they were read (the manifest, another pass): one by one, announcing what is left
        for (const move of batch.filter((candidate) => !after.has(candidate.before.id))) {
          try {
            await updateConsignment(move.before.id, { state: move.state, last_error: null, tracked_at: trackedAt })
            written.push(move.before.id)
          } catch (error) {
            failed.push({ id: move.before.id, error })
          }
        }
        written.push(...batch.filter((move) => after.has(move.before.id)).map((move) => move.before.id))
      }
      return { written, failed }
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
