/**
 * Bulk seed under `/_sandbox/seed` (not part of PRO, not authenticated): many consignments at once for benchmarks at
 * volume (bench/scale.ts), where creating 100,000 consignments one PRO call at a time would take hours. Documented in
 * sandbox/README.md.
 */
import { Router } from "express"
import { cheapestPromises } from "../availability"
import { badRequest } from "../errors"
import { handle, ok, SandboxContext } from "../http"
import { isObject, parseShipmentRequest } from "../model"

/** Most consignments one seed call makes. */
export const MAX_SEED = 200_000

/** Routes under `/_sandbox/seed`. */
export function seedRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })

  /**
   * `POST /_sandbox/seed/consignments` `{ count, shipment, allocate? }`: makes `count` (1–{@link MAX_SEED}) consignments
   * from one Create Consignment body (`shipment`, validated as `POST /consignments` does, docs/pro-api.md §3.1), each
   * with its own packages and tracking numbers; with `allocate: true` each is allocated to the cheapest earliest
   * delivery promise for that body (one promise for all). 200 `{ references: ["EC-…"] }` in creation order.
   * 400 naming `count`, `shipment…` or `allocate` when invalid, or `shipment` when no service can deliver it.
   */
  r.post(
    "/_sandbox/seed/consignments",
    handle((req) => {
      const body = isObject(req.body) ? req.body : {}
      const count = body.count
      if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_SEED) {
        throw badRequest("InvalidValue", `count must be an integer from 1 to ${MAX_SEED}`, "count")
      }
      if (body.allocate !== undefined && typeof body.allocate !== "boolean") {
        throw badRequest("InvalidValue", "allocate must be true or false", "allocate")
      }
      const request = parseShipmentRequest(body.shipment, "shipment")
      const now = ctx.clock.now()
      const promise = body.allocate ? cheapestPromises(request, now, "delivery")[0] : undefined
      if (body.allocate && !promise) {
        throw badRequest("InvalidValue", "no delivery service can deliver this shipment", "shipment")
      }
      const references: string[] = []
      for (let index = 0; index < count; index++) {
        const consignment = ctx.store.createConsignment(request, now)
        if (promise) {
          ctx.store.allocate(consignment, promise, null, now)
        }
        references.push(consignment.Reference)
      }
      return ok({ references })
    })
  )
  return r
}
