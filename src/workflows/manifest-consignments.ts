import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resolveLogger } from "./steps/logger"
import { recordWriter } from "./steps/record-events"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { ClaimHeldError, leaseClaim } from "../modules/sorted-pro/lease"
import { STATE_RULES, toErrorRecord } from "../lib/pro"
import type { ManifestFromQueryRequest, ManifestFromQueryResponse, ProClient } from "../lib/pro"
import { ManifestInput, zonedDay, zonedTime } from "../lib/manifest"
import { forEachConcurrently } from "../lib/concurrency"
import { EVENT_FIELDS, type EventConsignment } from "../lib/events"
import type { ConsignmentRecord } from "../lib/consignments"

/** Manifest of explicit references (`PUT /consignments/manifest`), shaped like a Manifest From Query answer. */
async function manifestReferences(client: ProClient, references: string[]): Promise<ManifestFromQueryResponse> {
  const results = await client.manifests.manifest(references)
  const failed = (results ?? []).filter((entry) => !entry.IsSuccess)
  return {
    Message: `${references.length - failed.length} successfully manifested, ${failed.length} failed`,
    FailedConsignments: failed.map((entry) => ({ ConsignmentReference: String(entry.Data ?? ""), Reason: entry.Message })),
  }
}

/** What staff see after a manifest: PRO's message, the failures with their reasons, our records' new states. */
export interface ManifestResult {
  message: string
  failed_consignments: Array<{ reference: string; reason: string }>
  consignments: Array<{ id: string; reference: string | null; state: string | null }>
}

/** How far before the manifest call PRO's state events are read (clocks apart, events PRO records late). */
const EVENTS_OVERLAP_MS = 10 * 60_000

/**
 * The new state of each consignment a manifest moved, without one call per consignment: for explicit references, PRO's
 * per-item answers (`IsSuccess` → `Manifested`); for a query, one read of PRO's state events (`Manifesting`,
 * `Manifested`, docs/pro-api.md §3.15) since just before the manifest call. A failed read leaves the map empty (the
 * tracking sync learns the states later) and is logged with PRO's CorrelationId.
 */
async function manifestedStates(
  client: ProClient,
  input: ManifestInput,
  response: ManifestFromQueryResponse,
  since: Date,
  log: (message: string) => void
) {
  const states = new Map<string, string>()
  if (input.references?.length) {
    const failed = new Set(response.FailedConsignments?.map((failure) => (typeof failure === "string" ? failure : failure.ConsignmentReference)))
    input.references.filter((reference) => !failed.has(reference)).forEach((reference) => states.set(reference, "Manifested"))
    return states
  }
  try {
    const events = await client.tracking.stateEvents(["Manifesting", "Manifested"], new Date(since.getTime() - EVENTS_OVERLAP_MS), new Date())
    for (const event of events ?? []) {
      if (states.get(event.ConsignmentReference) !== "Manifested") {
        states.set(event.ConsignmentReference, event.ConsignmentState)
      }
    }
  } catch (error) {
    const record = toErrorRecord(error)
    log(`SortedPRO manifest: states not read (${record.message} CorrelationId=${record.correlation_id ?? "none"}); the tracking sync will read them`)
  }
  return states
}

/**
 * Manifest Consignments From Query (docs/pro-api.md §3.11) over the manifestable states (Allocated,
 * ManifestFailed, ReadyToShip), or Manifest Consignments for explicit `references`, then sets the state of our matching
 * records that PRO moved (`manifestedStates`: two PRO calls in all, however many consignments; records PRO did not
 * move keep their state).
 * @throws ProApiError when PRO refuses the manifest (the route turns it into a 502 with the CorrelationId).
 */
export const manifestConsignmentsStep = createStep("sorted-pro-manifest-consignments", async (input: ManifestInput, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const client = service.getClient()
  const writer = recordWriter(container)
  const query: ManifestFromQueryRequest = {
    States: STATE_RULES.manifestable,
    ...(input.shipping_location_references?.length ? { ShippingLocationReferences: input.shipping_location_references } : {}),
    ...(input.carriers?.length ? { Carriers: input.carriers } : {}),
    ...(input.shipping_date ? { ShippingDate: `${input.shipping_date}T00:00:00+00:00` } : {}),
  }
  const started = new Date()
  const response = input.references?.length ? await manifestReferences(client, input.references) : await client.manifests.fromQuery(query)
  const states = await manifestedStates(client, input, response, started, (message) => resolveLogger(container).warn(message))
  // only the records PRO moved are read: the cost follows the manifest, not the table
  const moved = states.size
    ? await service.listSortedProConsignments(
        {
          reference: [...states.keys()],
          ...(input.references?.length ? {} : { state: STATE_RULES.manifestable }),
          ...(input.shipping_location_references?.length ? { shipping_location_reference: input.shipping_location_references } : {}),
          ...(input.carriers?.length ? { carrier_reference: input.carriers } : {}),
        },
        { select: [...EVENT_FIELDS] }
      )
    : []
  const now = new Date()
  // each move through the writer, so each record's change is announced once (docs/events.md); a few at a time
  const updated: ConsignmentRecord[] = []
  await forEachConcurrently(moved, 8, async (record) => {
    const state = states.get(record.reference!)!
    const fields = { state, ...(state === "Manifested" ? { manifested_at: now, manifest_message: response.Message } : {}) }
    updated.push(await writer.updateConsignment(record.id, fields, record as EventConsignment))
  })
  const result: ManifestResult = {
    message: response.Message,
    failed_consignments: (response.FailedConsignments ?? []).map((failure) =>
      typeof failure === "string"
        ? { reference: failure, reason: "" }
        : { reference: failure.ConsignmentReference ?? failure.Reference ?? "", reason: failure.Reason ?? failure.Message ?? "" }
    ),
    consignments: updated.map((record) => ({ id: record.id, reference: record.reference ?? null, state: record.state ?? null })),
  }
  return new StepResponse(result)
})

/** End-of-day manifest: {@link manifestConsignmentsStep}. Used by `POST /admin/sorted-pro/manifests`. */
export const manifestConsignmentsWorkflow = createWorkflow(
  "sorted-pro-manifest-consignments",
  (input: ManifestInput) => new WorkflowResponse(manifestConsignmentsStep(input))
)

/** What one run of the daily manifest job did: `skipped` says why nothing was sent, else the manifest's result. */
export interface DailyManifestResult {
  skipped?: "no_manifest_time" | "before_manifest_time" | "already_manifested_today" | "no_shipping_locations" | "running_elsewhere"
  day: string
  manifest?: ManifestResult
}

/** The daily manifest's lease in `sorted_pro_lease`: held by the one Medusa process sending today's manifest. */
const DAILY_MANIFEST_KEY = "sorted-pro:daily-manifest"

/**
 * The daily manifest (settings `manifest_time` in `manifest_time_zone`, an IANA zone, default Europe/London): once the
 * time has passed on a day of that zone, and once only that day across every Medusa process (`last_manifest_at`,
 * checked again while holding a lease in the store's PostgreSQL, `leaseClaim`, whatever locking provider the host
 * configured; a process that finds the lease held skips the run: `running_elsewhere`), a Manifest From Query
 * (docs/pro-api.md §3.11) of the manifestable consignments whose shipping day is today in that zone at this store's
 * shipping locations (every location the settings, stock location metadata and plugin options map, so other senders on
 * the same PRO account are left alone). The run is recorded after PRO answered; a PRO failure is logged with its
 * CorrelationId and tried again on the next run. `input.now` (ISO-8601) replaces the clock in tests.
 */
export const dailyManifestStep = createStep("sorted-pro-daily-manifest", async (input: { now?: string }, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const now = input.now ? new Date(input.now) : new Date()
  type Due = { skipped: DailyManifestResult["skipped"]; day: string }
  const due = (settings: { manifest_time: string | null; manifest_time_zone: string; last_manifest_at: Date | null }): Due => {
    const zone = settings.manifest_time_zone
    const day = zonedDay(now.toISOString(), zone)!
    const skipped = !settings.manifest_time
      ? "no_manifest_time"
      : zonedTime(now, zone) < settings.manifest_time
        ? "before_manifest_time"
        : settings.last_manifest_at && zonedDay(new Date(settings.last_manifest_at).toISOString(), zone) === day
          ? "already_manifested_today"
          : undefined
    return { skipped, day }
  }
  const early = due(await service.cachedSettings())
  if (early.skipped) {
    return new StepResponse<DailyManifestResult>(early)
  }
  const claim = leaseClaim(service.rawSql(), { waitMs: 0 })
  const send = () =>
    claim(DAILY_MANIFEST_KEY, async (): Promise<DailyManifestResult> => {
      const { skipped, day } = due(await service.getSettings())
      if (skipped) {
        return { skipped, day }
      }
      const locations = await service.mappedShippingLocations()
      if (!locations.length) {
        return { skipped: "no_shipping_locations", day }
      }
      try {
        const { result: manifest } = await manifestConsignmentsWorkflow(container).run({
          input: { shipping_location_references: locations, shipping_date: day },
        })
        await service.saveSettings({ last_manifest_at: now })
        resolveLogger(container).info(`SortedPRO daily manifest ${day}: ${manifest.message}`)
        return { day, manifest }
      } catch (error) {
        const record = toErrorRecord(error)
        resolveLogger(container).error(
          `SortedPRO daily manifest ${day} failed: ${record.status} ${record.code} ${record.message} CorrelationId=${record.correlation_id ?? "none"}`
        )
        throw error
      }
    })
  const result = await send().catch((error): DailyManifestResult => {
    if (error instanceof ClaimHeldError) {
      return { skipped: "running_elsewhere", day: early.day }
    }
    throw error
  })
  return new StepResponse<DailyManifestResult>(result)
})

/** Daily manifest: {@link dailyManifestStep}. Run by the `sorted-pro-daily-manifest` job every minute. */
export const dailyManifestWorkflow = createWorkflow(
  "sorted-pro-daily-manifest",
  (input: { now?: string }) => new WorkflowResponse(dailyManifestStep(input))
)
