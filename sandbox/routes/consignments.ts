/**
 * Consignment routes (docs/pro-api.md §3.1, §3.11–§3.13): create, update, get, status, search,
 * references, lookup by customer reference, cancel, deallocate, ready-to-ship and manifest.
 */
import { Request, Router } from "express"
import { badRequest, ProError } from "../errors"
import { baseUrl, created, handle, ok, param, queryList, queryValue, SandboxContext } from "../http"
import { isObject, parseShipmentRequest } from "../model"
import {
  carrierReferenceOf,
  Consignment,
  consignmentJson,
  consignmentSummary,
  link,
  referenceList,
  shippingLocationOf,
  statusJson,
  Store,
} from "../state"
import { manifest, manifestFromQuery, recordManifest } from "../manifests"

/**
 * Every ConsignmentState name (docs/pro-api.md §5), for validating filters. It mirrors docs/pro-api.md §5 (and the
 * plugin's src/lib/pro/states.ts, which the sandbox cannot import: it is compiled on its own, rootDir sandbox/).
 */
export const CONSIGNMENT_STATES: readonly string[] = (
  "Unallocated Allocating AllocationFailed Allocated Manifesting Manifested ManifestFailed Dispatched AtDropOffPoint " +
  "Collected CollectionFailed InTransit Delayed OutForDelivery DeliveryFailed DeliveryFailedCardLeft Delivered " +
  "PartiallyDelivered AtCollectionPoint ReturnToSender ActionRequired Missing Lost Damaged Cancelling Cancelled " +
  "InTransitWaiting HeldByCarrier ExchangeFailed AtCustoms CarrierUnableToCollect DeliveredDamaged ReadyToShip"
).split(" ")

/** Routes under `/consignments`. Specific paths are registered before `/:reference`. */
export function consignmentRoutes(ctx: SandboxContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const { store, clock } = ctx

  r.post(
    "/consignments",
    handle((req) => {
      const consignment = store.createConsignment(parseShipmentRequest(req.body, "shipment"), clock.now())
      return created([link("Link", `${baseUrl(req)}/consignments/${consignment.Reference}`)])
    })
  )

  const update = handle((req) => {
    const ref = isObject(req.body) && typeof req.body.Reference === "string" ? req.body.Reference : ""
    if (!ref) {
      throw badRequest("Required", "Reference is required to update a consignment", "Reference")
    }
    const target = store.get(ref)
    const now = clock.now()
    store.assertCan(target, "update", now)
    // Packages are replaced only if supplied (docs/pro-api.md §3.12): validate the update against the current ones
    const keepPackages = !Array.isArray(req.body.Packages)
    const parsed = parseShipmentRequest(keepPackages ? { ...req.body, Packages: target.req.Packages } : req.body, "shipment")
    target.req = {
      ...parsed,
      Packages: keepPackages ? target.req.Packages : parsed.Packages,
      Tags: Array.isArray(req.body.Tags) ? parsed.Tags : target.req.Tags,
      Source: target.req.Source,
    }
    if (!keepPackages) {
      target.packages = parsed.Packages.map((packageInput) => store.newPackage(packageInput))
    }
    target.events.push({ type: "ConsignmentUpdated", at: now })
    return ok([link("Link", `${baseUrl(req)}/consignments/${target.Reference}`)])
  })
  r.put("/consignments", update)
  r.put("/consignments/update", update)

  r.put(
    "/consignments/manifest",
    handle((req) => {
      const refs = referenceList(isObject(req.body) ? req.body.ConsignmentReferences : req.body, "ConsignmentReferences")
      const now = clock.now()
      const manifestRef = store.refs.hex32("manifest")
      const results = refs.map((ref) =>
        bulk(ref, baseUrl(req), () => {
          manifest(store, store.get(ref), manifestRef, now)
          return `Consignment ${store.get(ref).Reference} has been manifested successfully.`
        })
      )
      recordManifest(
        store,
        manifestRef,
        refs.filter((_, i) => results[i].IsSuccess),
        now
      )
      return ok(results)
    })
  )

  const fromQuery = handle((req) => manifestFromQuery(store, req.body, clock.now()))
  r.put("/consignments/manifestFromQuery", fromQuery)
  r.post("/consignments/manifestFromQuery", fromQuery)

  r.get(
    "/consignments/customer/manifests",
    handle((req) => {
      const locationReference = queryValue(req, "shippingLocationReference")
      return ok(
        [...store.manifests.values()].filter(
          (manifest) =>
            !locationReference || (manifest.ShippingLocationReferences as string[]).some((x) => x.toLowerCase() === locationReference.toLowerCase())
        )
      )
    })
  )

  // the `[WithMessage]` list routes: each applies one action to every listed consignment, answering per item
  const bulkRoutes: Array<[path: string, apply: (consignment: Consignment, now: Date) => void, done: string]> = [
    ["/consignments/cancellist", (consignment, now) => cancel(store, consignment, now), "Consignment cancellation completed successfully"],
    [
      "/consignments/deallocatelist",
      (consignment, now) => {
        store.assertCan(consignment, "deallocate", now)
        store.deallocate(consignment, now)
      },
      "Consignment deallocation completed successfully",
    ],
    [
      "/consignments/setreadytoship",
      (consignment, now) => {
        store.assertCan(consignment, "setReadyToShip", now)
        store.transition(consignment, "ReadyToShip", now)
      },
      "Consignment marked as Ready To Ship completed successfully",
    ],
    [
      "/consignments/setnotreadytoship",
      (consignment, now) => {
        store.assertCan(consignment, "setNotReadyToShip", now)
        store.transition(consignment, "Allocated", now)
      },
      "Consignment set back to Allocated from Ready To Ship completed successfully",
    ],
  ]
  for (const [path, apply, done] of bulkRoutes) {
    r.put(
      path,
      handle((req) =>
        ok(
          bulkEach(req, (consignment, now) => {
            apply(consignment, now)
            return done
          })
        )
      )
    )
  }

  r.get(
    "/consignments/getConsignmentReferences",
    handle((req) => ok(filterConsignments(ctx, req).map((consignment) => consignment.Reference)))
  )
  r.get(
    "/consignments/count",
    handle((req) => ok(filterConsignments(ctx, req).length))
  )

  r.get(
    "/consignments/clientReference/:clientReference/status",
    handle((req) => {
      return ok(
        byClientReference(store, param(req, "clientReference")).map((consignment) => statusJson(store, consignment, clock.now(), baseUrl(req)))
      )
    })
  )
  r.get(
    "/consignments/clientReference/:clientReference",
    handle((req) => {
      return ok(byClientReference(store, param(req, "clientReference")).map((consignment) => consignmentJson(store, consignment, clock.now())))
    })
  )

  r.get(
    "/consignments/:take(\\d+)/:skip(\\d+)",
    handle((req) => {
      const take = Number(param(req, "take"))
      const skip = Number(param(req, "skip"))
      if (take < 1 || take > 1000) {
        throw badRequest("ValidationFailed", "take must be between 1 and 1000", "take")
      }
      const all = filterConsignments(ctx, req)
      return ok({
        Count: all.length,
        ConsignmentSummaries: all.slice(skip, skip + take).map((consignment) => consignmentSummary(store, consignment, clock.now())),
      })
    })
  )

  r.put(
    "/consignments/:reference/cancel",
    handle((req) => {
      cancel(store, store.get(param(req, "reference")), clock.now())
      return ok()
    })
  )
  r.put(
    "/consignments/:reference/deallocate",
    handle((req) => {
      const consignment = store.get(param(req, "reference"))
      store.assertCan(consignment, "deallocate", clock.now())
      store.deallocate(consignment, clock.now())
      return ok()
    })
  )
  r.get(
    "/consignments/:reference/status",
    handle((req) => ok(statusJson(store, store.get(param(req, "reference")), clock.now(), baseUrl(req))))
  )
  r.get(
    "/consignments/getconsignmentwithmetadata/:reference",
    handle((req) => ok(consignmentJson(store, store.get(param(req, "reference")), clock.now())))
  )
  r.get(
    "/consignments/:reference",
    handle((req) => ok(consignmentJson(store, store.get(param(req, "reference")), clock.now())))
  )

  return r

  function bulkEach(req: Request, action: (consignment: Consignment, now: Date) => string) {
    const now = clock.now()
    return referenceList(req.body, "ConsignmentReferences").map((ref) => bulk(ref, null, () => action(store.get(ref), now)))
  }
}

/**
 * One `WithMessage<string>` bulk result (§1): `{IsSuccess, Message, Data: reference, ApiLinks}`.
 * PRO errors become `IsSuccess: false` with the error message; other errors propagate.
 */
export function bulk(reference: string, base: string | null, action: () => string): Record<string, unknown> {
  try {
    const message = action()
    return {
      IsSuccess: true,
      Message: message,
      Data: reference.toUpperCase(),
      ApiLinks: base ? [link("Link", `${base}/consignments/${reference.toUpperCase()}`)] : null,
    }
  } catch (error) {
    if (!(error instanceof ProError)) {
      throw error
    }
    return { IsSuccess: false, Message: error.message, Data: reference, ApiLinks: null }
  }
}

/** Cancels (§3.13): allowed before Manifested; 400 `AlreadyCancelled` when cancelled already. */
export function cancel(store: Store, consignment: Consignment, now: Date): void {
  store.assertCan(consignment, "cancel", now)
  store.transition(consignment, "Cancelled", now)
}

/**
 * Consignments matching the query filters of Search / Get References / Count, newest first:
 * `State` (repeatable or comma-separated), `Direction`, `ConsignmentReferenceProvidedByCustomer`,
 * `ShippingLocationReference`, `CarrierReference`. Unknown states → 400 naming `State`.
 */
function filterConsignments(ctx: SandboxContext, req: Request): Consignment[] {
  const now = ctx.clock.now()
  const states = queryList(req, "State").map((state) => state.toLowerCase())
  const bad = states.find((state) => !CONSIGNMENT_STATES.some((known) => known.toLowerCase() === state))
  if (bad) {
    throw badRequest("ValidationFailed", `State "${bad}" is not a consignment state`, "State")
  }
  const direction = queryValue(req, "Direction")?.toLowerCase()
  const customerRef = queryValue(req, "ConsignmentReferenceProvidedByCustomer")
  const location = queryValue(req, "ShippingLocationReference")?.toLowerCase()
  const carrier = queryValue(req, "CarrierReference")?.toLowerCase()
  return ctx.store
    .all()
    .filter(
      (consignment) =>
        (!states.length || states.includes(ctx.store.stateOf(consignment, now).toLowerCase())) &&
        (!direction || consignment.req.Direction.toLowerCase() === direction) &&
        (customerRef === undefined || consignment.req.ConsignmentReferenceProvidedByCustomer === customerRef) &&
        (!location || (shippingLocationOf(consignment) ?? "").toLowerCase() === location) &&
        (!carrier || (carrierReferenceOf(consignment) ?? "").toLowerCase() === carrier)
    )
    .reverse()
}

/**
 * Consignments whose `ConsignmentReferenceProvidedByCustomer` equals `clientReference` (exact,
 * case-sensitive), oldest first. Throws 404 `NotFound` when there are none.
 */
function byClientReference(store: Store, clientReference: string): Consignment[] {
  const list = store.all().filter((consignment) => consignment.req.ConsignmentReferenceProvidedByCustomer === clientReference)
  if (!list.length) {
    throw new ProError(404, "NotFound", `Consignment with client reference ${clientReference} not found`)
  }
  return list
}
