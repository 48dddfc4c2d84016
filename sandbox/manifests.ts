/**
 * Manifesting (docs/pro-api.md §3.11): one consignment, the record of each manifest call, and Manifest Consignments
 * From Query (its filters, their validation and the counted failures).
 */
import { dayOfDateField, LocalDay } from "./clock"
import { ProError, Validation } from "./errors"
import { ok, Reply } from "./http"
import { isObject } from "./model"
import { ALLOWED, carrierReferenceOf, Consignment, shippingLocationOf, Store } from "./state"
import { CONSIGNMENT_STATES } from "./routes/consignments"
/** Manifests one consignment (§3.11): Allocated/ManifestFailed/ReadyToShip → Manifested. */
export function manifest(store: Store, consignment: Consignment, manifestReference: string, now: Date): void {
  store.assertCan(consignment, "manifest", now)
  consignment.manifest = { reference: manifestReference, at: now }
  store.transition(consignment, "Manifested", now)
}

export function recordManifest(store: Store, reference: string, refs: string[], now: Date): void {
  if (!refs.length) {
    return
  }
  const consignments = refs.map((r) => store.get(r))
  store.manifests.set(reference, {
    ManifestReference: reference,
    DateCreated: now.toISOString(),
    ConsignmentReferences: consignments.map((consignment) => consignment.Reference),
    ShippingLocationReferences: [...new Set(consignments.map(shippingLocationOf).filter((ref): ref is string => !!ref))],
    CarrierReferences: [...new Set(consignments.map(carrierReferenceOf).filter((ref): ref is string => !!ref))],
  })
}

/**
 * Manifest Consignments From Query (§3.11). Filters (all optional, ANDed): `ShippingLocationReferences`,
 * `States` (default: the manifestable states), `Carriers`, `LabelsPrinted`, `ShippingDate`,
 * `ShippingDateRanges` ({StartDate, EndDate} or an array of them). Found consignments that cannot
 * be manifested are listed in `FailedConsignments` with the reason.
 */
export function manifestFromQuery(store: Store, body: unknown, now: Date): Reply {
  const query = isObject(body) ? body : {}
  const validation = new Validation()
  const list = (key: string): string[] | undefined => {
    const given = query[key]
    if (given === undefined || given === null) {
      return undefined
    }
    if (!Array.isArray(given) || !given.every((entry: unknown) => typeof entry === "string")) {
      validation.check(false, key, `${key} must be an array of strings`)
      return undefined
    }
    // an empty list filters nothing, like an absent one (docs/pro-api.md §3.11 lists the filters, not an "match none")
    return given.length === 0 ? undefined : given.map((entry: string) => entry.toLowerCase())
  }
  const locations = list("ShippingLocationReferences")
  const states = list("States")
  const carriers = list("Carriers")
  states?.forEach((stateName, i) =>
    validation.check(
      CONSIGNMENT_STATES.some((known) => known.toLowerCase() === stateName),
      `States[${i}]`,
      `States[${i}] "${(query.States as string[])[i]}" is not a consignment state`
    )
  )
  if (query.LabelsPrinted !== undefined && query.LabelsPrinted !== null) {
    validation.check(typeof query.LabelsPrinted === "boolean", "LabelsPrinted", "LabelsPrinted must be true or false")
  }
  const shippingDay = query.ShippingDate ? dayOfDateField(query.ShippingDate) : undefined
  if (query.ShippingDate) {
    validation.check(!!shippingDay, "ShippingDate", "ShippingDate must be an ISO-8601 date")
  }
  const ranges = parseRanges(validation, query.ShippingDateRanges)
  validation.throwIfAny()

  const wanted = states ?? ALLOWED.manifest.map((state) => state.toLowerCase())
  const found = store.all().filter((consignment) => {
    const day = consignment.allocation?.shipDay ?? consignment.req.ShippingDay
    return (
      wanted.includes(store.stateOf(consignment, now).toLowerCase()) &&
      (!locations || locations.includes((shippingLocationOf(consignment) ?? "").toLowerCase())) &&
      (!carriers || carriers.includes((carrierReferenceOf(consignment) ?? "").toLowerCase())) &&
      (typeof query.LabelsPrinted !== "boolean" || query.LabelsPrinted === consignment.labelCount > 0) &&
      (!shippingDay || day === shippingDay) &&
      (!ranges || (!!day && ranges.some((range) => day >= range.start && day <= range.end)))
    )
  })
  const manifestRef = store.refs.hex32("manifest")
  const failed: { ConsignmentReference: string; Reason: string }[] = []
  const done: string[] = []
  for (const consignment of found) {
    try {
      manifest(store, consignment, manifestRef, now)
      done.push(consignment.Reference)
    } catch (error) {
      if (!(error instanceof ProError)) {
        throw error
      }
      failed.push({ ConsignmentReference: consignment.Reference, Reason: error.message })
    }
  }
  recordManifest(store, manifestRef, done, now)
  return ok({
    Message: `Query found ${found.length} consignment(s). ${done.length} successfully queued to manifest. ${failed.length} failed to be added to the queue`,
    FailedConsignments: failed,
  })
}

function parseRanges(validation: Validation, raw: unknown): { start: LocalDay; end: LocalDay }[] | undefined {
  if (raw === undefined || raw === null) {
    return undefined
  }
  const items = Array.isArray(raw) ? raw : [raw]
  return items.map((item, i) => {
    const at = Array.isArray(raw) ? `ShippingDateRanges[${i}]` : "ShippingDateRanges"
    const start = isObject(item) ? dayOfDateField(item.StartDate) : undefined
    const end = isObject(item) ? dayOfDateField(item.EndDate) : undefined
    validation.check(!!start, `${at}.StartDate`, `${at}.StartDate must be an ISO-8601 date`)
    validation.check(!!end, `${at}.EndDate`, `${at}.EndDate must be an ISO-8601 date`)
    return { start: start ?? "", end: end ?? "" }
  })
}
