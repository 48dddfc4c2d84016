import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"
import { MANIFESTABLE_STATES } from "../lib/pro-client"
import type { ManifestFromQueryRequest } from "../lib/pro-client"

/**
 * Filters of an end-of-day manifest (all optional, ANDed): PRO shipping location references, carrier
 * references, shipping date `YYYY-MM-DD`. With none, every manifestable consignment is manifested.
 */
export interface ManifestInput {
  shipping_location_references?: string[]
  carriers?: string[]
  shipping_date?: string
}

/** What staff see after a manifest: PRO's message, the failures with their reasons, our records' new states. */
export interface ManifestResult {
  message: string
  failed_consignments: Array<{ reference: string; reason: string }>
  consignments: Array<{ id: string; reference: string | null; state: string | null }>
}

/**
 * Manifest Consignments From Query (CONTRACT.md §3.11) over the manifestable states (Allocated,
 * ManifestFailed, ReadyToShip), then refreshes the state of our matching records from PRO.
 * @throws ProApiError when PRO refuses the manifest (the route turns it into a 502 with the CorrelationId).
 */
export const manifestConsignmentsStep = createStep("sorted-pro-manifest-consignments", async (input: ManifestInput, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const client = service.getClient()
  const query: ManifestFromQueryRequest = {
    States: MANIFESTABLE_STATES,
    ...(input.shipping_location_references?.length ? { ShippingLocationReferences: input.shipping_location_references } : {}),
    ...(input.carriers?.length ? { Carriers: input.carriers } : {}),
    ...(input.shipping_date ? { ShippingDate: `${input.shipping_date}T00:00:00+00:00` } : {}),
  }
  const response = await client.manifests.fromQuery(query)
  const candidates = await service.listSortedProConsignments({
    state: MANIFESTABLE_STATES,
    ...(input.shipping_location_references?.length ? { shipping_location_reference: input.shipping_location_references } : {}),
    ...(input.carriers?.length ? { carrier_reference: input.carriers } : {}),
  })
  const refreshed = await Promise.all(
    candidates
      .filter((record) => record.reference)
      .map(async (record) => {
        const consignment = await client.consignments.get(record.reference!)
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
