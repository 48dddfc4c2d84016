import { model } from "@medusajs/framework/utils"

/**
 * A claim on one PRO reference, held across every Medusa process of the store (server, worker, several servers),
 * whatever locking provider the host configured: `id` is the claim key (e.g. `sorted-pro:consignment:<our
 * reference>`), `holder` the process-and-call that holds it, `claimed_until` when the lease lapses unless renewed.
 * Taken and renewed only by `src/modules/sorted-pro/lease.ts` with one atomic SQL statement each.
 */
const SortedProLease = model.define("sorted_pro_lease", {
  id: model.text().primaryKey(),
  holder: model.text(),
  claimed_until: model.dateTime(),
})

export default SortedProLease
