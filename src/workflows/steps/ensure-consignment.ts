import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import type { ILockingModule, Logger } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../../modules/sorted-pro"
import type SortedProModuleService from "../../modules/sorted-pro/service"
import { ProApiError, ProClient, referenceFromLinks, toErrorRecord } from "../../lib/pro"
import type { AllocationSummary, CreateConsignmentRequest, PackOrderRequest, ProConsignment } from "../../lib/pro"
import { allocateWithStrategy, AllocationStrategy, strategyLabel, waitForAllocation } from "../../lib/pro/allocation"
import { originOf, originUpdateRequest, recordFieldsFromPro } from "../../lib/mapping/records"
import { resolveLogger } from "./logger"

/**
 * How the consignment comes to exist in PRO:
 * - `select`: Select Option on the shopper's delivery option (Consumer Options, CONTRACT.md §3.4);
 * - `create`: Create Consignment, then Allocate with `strategy` (default rules unless given; §3.1, §3.7);
 * - `pack`: Pack Order on the PRO order (Flex flows, §3.6), moved to `origin` (the fulfillment's shipping location)
 *   and allocated: to the shopper's `promise` (Consumer Options Flex: its carrier service on its day), else with
 *   `strategy`. PRO gives the packed consignment the order's customer reference, so ours is `package_reference`
 *   (the package's `PackageReferenceProvidedByCustomer`), found again through Get Order.
 */
export type ConsignmentWrite =
  | { kind: "select"; delivery_option_reference: string }
  | { kind: "create"; request: CreateConsignmentRequest; strategy?: AllocationStrategy }
  | PackWrite

/** See {@link ConsignmentWrite}; `promise.date` is `YYYY-MM-DD`, `origin` a PRO `ShippingLocationReference`. */
export type PackWrite = {
  kind: "pack"
  request: PackOrderRequest
  package_reference: string
  strategy?: AllocationStrategy
  origin?: string | null
  promise?: { carrier_service_reference: string; date: string } | null
}

/**
 * Input: `customer_reference` is what PRO knows the consignment by (`ConsignmentReferenceProvidedByCustomer`),
 * unique per consignment; `delivery_promise` is the shopper's choice as stored on the shipping method.
 */
export interface EnsureConsignmentInput {
  order_id: string
  fulfillment_id?: string | null
  customer_reference: string
  flow: "consumer_options" | "consumer_options_pickup" | "consumer_options_flex" | "order_flex"
  shipping_location_reference?: string | null
  delivery_promise?: Record<string, unknown> | null
  write: ConsignmentWrite
}

export type ConsignmentRecord = Awaited<ReturnType<SortedProModuleService["retrieveSortedProConsignment"]>>

/**
 * True for a Select Option consignment record, or a Select as Order PRO order record, that PRO refused for good (a
 * 4xx other than 429: the option expired, was never known, or was taken): selecting it again cannot succeed, so the
 * order ships as Order Flex instead (Create Order, then Pack and allocate with the chosen carrier service). The
 * refusal stays on the consignment record, `replaced` once the Order Flex order exists, for staff to see.
 */
export function selectionRefused(
  record: { sync_status: string; delivery_option_reference?: string | null; last_error?: unknown; reference?: string | null } | null | undefined
): boolean {
  const status = (record?.last_error as { status?: number } | null | undefined)?.status ?? 0
  const refused = record?.sync_status === "failed" && status >= 400 && status < 500 && status !== 429
  return Boolean(record?.delivery_option_reference && !record.reference && (refused || record.sync_status === "replaced"))
}

/**
 * Makes the consignment exist in PRO exactly once and returns our record of it.
 *
 * Under a lock on `customer_reference` (Medusa's Locking module): a synced record is returned as it is;
 * otherwise the record is written *before* the PRO call (`pending`); a record left by an earlier attempt
 * is first looked up in PRO by our reference and adopted if PRO has it; only then is the write sent.
 * A failure is recorded as `last_error` with PRO's CorrelationId and logged; it is not thrown, because the
 * shopper's order is already placed: staff see it and retry. A null input (nothing to create, e.g. the PRO order
 * is still missing) gives a null record. Source: DESIGN.md "Exactly once".
 */
export const ensureConsignmentStep = createStep(
  "sorted-pro-ensure-consignment",
  async (input: EnsureConsignmentInput | null, { container }) => {
    if (!input) {
      return new StepResponse(null as unknown as ConsignmentRecord)
    }
    const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
    const locking = container.resolve<ILockingModule>(Modules.LOCKING)
    const logger = resolveLogger(container)
    const record = await locking.execute(`sorted-pro:consignment:${input.customer_reference}`, () => ensure(service, logger, input), {
      timeout: 60,
    })
    return new StepResponse(record)
  }
)

async function ensure(service: SortedProModuleService, logger: Logger | Console, input: EnsureConsignmentInput): Promise<ConsignmentRecord> {
  const client = service.getClient()
  const [existing] = await service.listSortedProConsignments({ customer_reference: input.customer_reference })
  if (existing?.sync_status === "synced") {
    if (input.fulfillment_id && !existing.fulfillment_id) {
      return service.updateSortedProConsignments({ id: existing.id, fulfillment_id: input.fulfillment_id })
    }
    return existing
  }
  const record =
    existing ??
    (await service.createSortedProConsignments({
      order_id: input.order_id,
      fulfillment_id: input.fulfillment_id ?? null,
      customer_reference: input.customer_reference,
      flow: input.flow,
      sync_status: "pending",
      delivery_option_reference: input.write.kind === "select" ? input.write.delivery_option_reference : null,
      shipping_location_reference: input.shipping_location_reference ?? null,
      delivery_promise: input.delivery_promise ?? null,
      pro_order_reference: input.write.kind === "pack" ? input.write.request.OrderReference : null,
      direction: input.write.kind === "create" && input.write.request.Direction === "Inbound" ? "inbound" : "outbound",
      allocation_strategy: input.write.kind === "select" ? "delivery_option" : strategyLabel(input.write.strategy ?? { type: "default_rules" }),
    }))
  const attempts = (record.attempts ?? 0) + 1
  const spec = await withDefaultStrategy(service, input.write)
  const fail = (error: unknown, ambiguous: boolean, fields: Record<string, unknown> = {}) => {
    const lastError = toErrorRecord(error)
    logger.error(
      `SortedPRO could not ${fields.reference ? `allocate ${fields.reference}` : "create the consignment"} for order ${input.order_id} ` +
        `(our reference ${input.customer_reference}): ${lastError.status} ${lastError.code} ${lastError.message} CorrelationId=${lastError.correlation_id ?? "none"}`
    )
    return service.updateSortedProConsignments({ id: record.id, ...fields, sync_status: ambiguous ? "pending" : "failed", last_error: lastError as any, attempts })
  }
  // the consignment is in PRO: synced, unless what was still to do (allocating, moving) failed
  const finish = ({ fields, problem }: Outcome) =>
    problem
      ? fail(problem, problem.ambiguous, { ...fields, fulfillment_id: input.fulfillment_id ?? record.fulfillment_id })
      : service.updateSortedProConsignments({
          id: record.id,
          ...fields,
          fulfillment_id: input.fulfillment_id ?? record.fulfillment_id,
          sync_status: "synced",
          last_error: null,
          attempts,
        })
  try {
    const adopted = existing ? await adopt(client, input, spec) : null
    return await finish(adopted ?? (await write(client, spec)))
  } catch (error) {
    const adopted = error instanceof ProApiError && !error.ambiguous ? await adopt(client, input, spec).catch(() => null) : null
    if (adopted) {
      return finish(adopted)
    }
    return fail(error, error instanceof ProApiError ? error.ambiguous : false)
  }
}

/**
 * What a write or an adoption produced: our record's fields from PRO, and, once the consignment exists in PRO, what
 * still failed (its allocation, or moving it to its shipping location), to be retried.
 */
type Outcome = { fields: Record<string, unknown>; problem?: ProApiError | null }

/**
 * The consignment PRO already holds under our reference, finished as a new write would have (an earlier attempt may
 * have created or packed it and failed before allocating); null when PRO holds none.
 */
async function adopt(client: ProClient, input: EnsureConsignmentInput, spec: ConsignmentWrite): Promise<Outcome | null> {
  if (spec.kind === "pack") {
    const order = (await client.orders.get(spec.request.OrderReference)) as { ConsignmentReferences?: string[] }
    for (const reference of order?.ConsignmentReferences ?? []) {
      const consignment = await client.consignments.get(reference)
      if (consignment.Packages?.some((pkg) => pkg.PackageReferenceProvidedByCustomer === spec.package_reference)) {
        return settlePacked(client, consignment, spec)
      }
    }
    return null
  }
  const [reference] = await client.consignments.findByCustomerReference(input.customer_reference)
  if (!reference) {
    return null
  }
  const consignment = await client.consignments.get(reference)
  if (spec.kind === "create" && UNALLOCATED.includes(consignment.ConsignmentState)) {
    return allocate(client, reference, spec.strategy ?? { type: "default_rules" })
  }
  return { fields: recordFieldsFromPro(consignment) }
}

/** A create/pack write without a strategy gets the one in force (admin settings over the plugin option). */
async function withDefaultStrategy(service: SortedProModuleService, spec: ConsignmentWrite): Promise<ConsignmentWrite> {
  if (spec.kind === "select" || spec.strategy) {
    return spec
  }
  return { ...spec, strategy: (await service.getSettings()).allocation_strategy }
}

async function write(client: ProClient, spec: ConsignmentWrite): Promise<Outcome> {
  if (spec.kind === "select") {
    const summary = await client.deliveryOptions.select(spec.delivery_option_reference)
    const reference =
      referenceFromLinks(summary?.ApiLinks) ?? /(EC-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)/i.exec(summary?.Description ?? "")?.[1]?.toUpperCase()
    const consignment = reference ? await client.consignments.get(reference) : null
    return { fields: recordFieldsFromPro(consignment, summary) }
  }
  if (spec.kind === "pack") {
    const [reference] = await client.orders.pack(spec.request)
    if (!reference) {
      throw new ProApiError({ status: 502, code: "UnexpectedResponse", message: "Pack Order created no consignment", method: "POST", path: "/orders/pack" })
    }
    return settlePacked(client, await client.consignments.get(reference), spec)
  }
  const reference = await client.consignments.create(spec.request)
  return allocate(client, reference, spec.strategy ?? { type: "default_rules" })
}

const UNALLOCATED = ["Unallocated", "AllocationFailed"]

/**
 * Allocates an existing consignment with `strategy` (§3.7) and waits out a 202. A refusal or failure of the allocation
 * itself is the outcome's `problem` (the consignment exists either way); a consignment PRO reports `AllocationFailed`
 * gives a 400 `AllocationFailed` problem with PRO's `FailedAllocation` message, one still `Allocating` an ambiguous one.
 */
async function allocate(client: ProClient, reference: string, strategy: AllocationStrategy, label = strategyLabel(strategy)): Promise<Outcome> {
  let summary: AllocationSummary | undefined
  let problem: ProApiError | null = null
  try {
    ;[summary] = (await allocateWithStrategy(client, reference, strategy)) ?? []
  } catch (error) {
    if (!(error instanceof ProApiError)) {
      throw error
    }
    problem = error
  }
  const { consignment, settled } = await waitForAllocation(client, reference)
  const fields = { ...recordFieldsFromPro(consignment, summary), allocation_strategy: label }
  if (!settled) {
    return { fields, problem: new ProApiError({ status: 504, code: "AllocationPending", message: `${reference} is still allocating`, method: "PUT", path: "/allocation" }) }
  }
  if (!UNALLOCATED.includes(consignment.ConsignmentState)) {
    return { fields }
  }
  const failed = (consignment.FailedAllocation as { Message?: string } | null | undefined)?.Message
  return {
    fields,
    problem:
      problem ??
      new ProApiError({ status: 400, code: "AllocationFailed", message: failed ?? `${reference} was not allocated`, method: "PUT", path: "/allocation" }),
  }
}

const MOVABLE = ["Unallocated", "AllocationFailed", "Allocated"]

/**
 * A packed consignment made ready to ship. Pack Order (CONTRACT.md §3.6) has no origin of its own, so the consignment
 * ships from the order's origin: when that is not the fulfillment's shipping location (`spec.origin`), it is moved
 * with Update Consignment (§3.12), after Deallocate (§3.13) if PRO had already allocated it. A Consumer Options Flex
 * pack without its promised day gets it the same way. Then, unless PRO allocated it to the shopper's promise on
 * packing, it is allocated: with the promised carrier service (on the promised day, `RequiredDeliveryDate`), else
 * with `spec.strategy`. Both readings of Select as Order (packs allocated at once, or left unallocated) are handled.
 * If the move fails, an allocation taken away for it is put back and the failure is the outcome's `problem`.
 */
async function settlePacked(client: ProClient, packed: ProConsignment, spec: PackWrite): Promise<Outcome> {
  const reference = packed.Reference
  const promised = spec.promise ? "delivery_option" : undefined
  const moved = Boolean(spec.origin) && MOVABLE.includes(packed.ConsignmentState) && originOf(packed) !== spec.origin
  const undated = Boolean(spec.promise) && packed.ConsignmentState === "Unallocated" && !packed.RequestedDeliveryDate
  // an allocation PRO made already (to the promise, or an earlier attempt's) keeps its carrier service after a move
  const held = packed.ConsignmentState === "Allocated" ? packed.Allocation?.MpdCarrierServiceReference ?? null : null
  const service = spec.promise?.carrier_service_reference ?? held
  const allocateAgain = (): Promise<Outcome> =>
    service
      ? allocate(client, reference, { type: "carrier_service", reference: service }, promised)
      : allocate(client, reference, spec.strategy ?? { type: "default_rules" })
  let consignment = packed
  if (moved || undated) {
    try {
      if (packed.ConsignmentState === "Allocated") {
        await client.consignments.deallocate(reference)
      }
      await client.consignments.update(originUpdateRequest(packed, spec.origin || originOf(packed) || "", spec.promise?.date))
    } catch (error) {
      if (!(error instanceof ProApiError)) {
        throw error
      }
      const now = await client.consignments.get(reference)
      const restored = held && UNALLOCATED.includes(now.ConsignmentState) ? await allocateAgain() : { fields: recordFieldsFromPro(now) }
      return { fields: restored.fields, problem: error }
    }
    consignment = await client.consignments.get(reference)
  }
  if (!UNALLOCATED.includes(consignment.ConsignmentState)) {
    return { fields: { ...recordFieldsFromPro(consignment), ...(promised ? { allocation_strategy: promised } : {}) } }
  }
  return allocateAgain()
}
