import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import type { ILockingModule } from "@medusajs/framework/types"
import { resolveLogger } from "./steps/logger"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { STATE_RULES, toErrorRecord } from "../lib/pro"
import type { ManifestFromQueryRequest, ManifestFromQueryResponse, ProClient } from "../lib/pro"
import { ManifestInput, zonedDay, zonedTime } from "../lib/manifest"

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

/**
 * Manifest Consignments From Query (docs/pro-api.md §3.11) over the manifestable states (Allocated,
 * ManifestFailed, ReadyToShip), or Manifest Consignments for explicit `references`, then refreshes the state
 * of our matching records from PRO (a record PRO cannot show is left as it was, with the error as `last_error`).
 * @throws ProApiError when PRO refuses the manifest (the route turns it into a 502 with the CorrelationId).
 */
export const manifestConsignmentsStep = createStep("sorted-pro-manifest-consignments", async (input: ManifestInput, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const client = service.getClient()
  const query: ManifestFromQueryRequest = {
    States: STATE_RULES.manifestable,
    ...(input.shipping_location_references?.length ? { ShippingLocationReferences: input.shipping_location_references } : {}),
    ...(input.carriers?.length ? { Carriers: input.carriers } : {}),
    ...(input.shipping_date ? { ShippingDate: `${input.shipping_date}T00:00:00+00:00` } : {}),
  }
  const response = input.references?.length ? await manifestReferences(client, input.references) : await client.manifests.fromQuery(query)
  const candidates = await service.listSortedProConsignments(
    input.references?.length
      ? { reference: input.references }
      : {
          state: STATE_RULES.manifestable,
          ...(input.shipping_location_references?.length ? { shipping_location_reference: input.shipping_location_references } : {}),
          ...(input.carriers?.length ? { carrier_reference: input.carriers } : {}),
        }
  )
  const refreshed = await Promise.all(
    candidates
      .filter((record) => record.reference)
      .map(async (record) => {
        // the manifest is done: a record PRO cannot show now (unknown, unavailable) keeps its state and gets the error
        let consignment
        try {
          consignment = await client.consignments.get(record.reference!)
        } catch (error) {
          return service.updateSortedProConsignments({ id: record.id, last_error: toErrorRecord(error) })
        }
        const manifested = consignment.ConsignmentState === "Manifested"
        return service.updateSortedProConsignments({
          id: record.id,
          state: consignment.ConsignmentState,
          ...(manifested ? { manifested_at: new Date(), manifest_message: response.Message } : {}),
        })
      })
  )
  const result: ManifestResult = {
    message: response.Message,
    failed_consignments: (response.FailedConsignments ?? []).map((failure) =>
      typeof failure === "string"
        ? { reference: failure, reason: "" }
        : { reference: failure.ConsignmentReference ?? failure.Reference ?? "", reason: failure.Reason ?? failure.Message ?? "" }
    ),
    consignments: refreshed.map((record) => ({ id: record.id, reference: record.reference, state: record.state })),
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
  skipped?: "no_manifest_time" | "before_manifest_time" | "already_manifested_today" | "no_shipping_locations"
  day: string
  manifest?: ManifestResult
}

/**
 * The daily manifest (settings `manifest_time` in `manifest_time_zone`, an IANA zone, default Europe/London): once the
 * time has passed on a day of that zone, and once only that day (`last_manifest_at`, checked again under a lock so that
 * two Medusa processes cannot both send it), a Manifest From Query (docs/pro-api.md §3.11) of the manifestable
 * consignments whose shipping day is today in that zone at this store's shipping locations (every location the
 * settings, stock location metadata and plugin options map, so other senders on the same PRO account are left alone).
 * The run is recorded after PRO answered; a PRO failure is logged with its CorrelationId and tried again on the next
 * run. `input.now` (ISO-8601) replaces the clock in tests.
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
  const locking = container.resolve<ILockingModule>(Modules.LOCKING)
  const result = await locking.execute(
    "sorted-pro:daily-manifest",
    async (): Promise<DailyManifestResult> => {
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
    },
    { timeout: 120 }
  )
  return new StepResponse(result)
})

/** Daily manifest: {@link dailyManifestStep}. Run by the `sorted-pro-daily-manifest` job every minute. */
export const dailyManifestWorkflow = createWorkflow(
  "sorted-pro-daily-manifest",
  (input: { now?: string }) => new WorkflowResponse(dailyManifestStep(input))
)
