import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import type { ILockingModule, Logger } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../../modules/sorted-pro"
import type SortedProModuleService from "../../modules/sorted-pro/service"
import { ProApiError, ProClient, referenceFromLinks, toErrorRecord } from "../../lib/pro-client"
import type { CreateConsignmentRequest, PackOrderRequest } from "../../lib/pro-client"
import { allocateWithStrategy, AllocationStrategy, strategyLabel, waitForAllocation } from "../../lib/allocation"
import { recordFieldsFromPro } from "../../lib/consignments"
import { resolveLogger } from "./logger"

/**
 * How the consignment comes to exist in PRO:
 * - `select`: Select Option on the shopper's delivery option (Consumer Options, CONTRACT.md §3.4);
 * - `create`: Create Consignment, then Allocate with `strategy` (default rules unless given; §3.1, §3.7);
 * - `pack`: Pack Order on the PRO order (Flex flows, §3.6), then Allocate with `strategy`. PRO gives the packed
 *   consignment the order's customer reference, so ours is `package_reference` (the package's
 *   `PackageReferenceProvidedByCustomer`), found again through Get Order.
 */
export type ConsignmentWrite =
  | { kind: "select"; delivery_option_reference: string }
  | { kind: "create"; request: CreateConsignmentRequest; strategy?: AllocationStrategy }
  | { kind: "pack"; request: PackOrderRequest; package_reference: string; strategy?: AllocationStrategy }

/**
 * Input: `customer_reference` is what PRO knows the consignment by (`ConsignmentReferenceProvidedByCustomer`),
 * unique per consignment; `delivery_promise` is the shopper's choice as stored on the shipping method.
 */
export interface EnsureConsignmentInput {
  order_id: string
  fulfillment_id?: string | null
  customer_reference: string
  flow: "consumer_options" | "consumer_options_pickup" | "order_flex"
  shipping_location_reference?: string | null
  delivery_promise?: Record<string, unknown> | null
  write: ConsignmentWrite
}

export type ConsignmentRecord = Awaited<ReturnType<SortedProModuleService["retrieveSortedProConsignment"]>>

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
      allocation_strategy: input.write.kind === "select" ? "delivery_option" : strategyLabel(input.write.strategy ?? { type: "default_rules" }),
    }))
  const attempts = (record.attempts ?? 0) + 1
  try {
    if (existing) {
      const adopted = await adopt(client, input)
      if (adopted) {
        return service.updateSortedProConsignments({ id: record.id, ...adopted, sync_status: "synced", last_error: null, attempts })
      }
    }
    const written = await write(client, await withDefaultStrategy(service, input.write))
    return service.updateSortedProConsignments({
      id: record.id,
      ...written,
      ...(input.write.kind === "pack" ? { pro_order_reference: input.write.request.OrderReference } : {}),
      fulfillment_id: input.fulfillment_id ?? record.fulfillment_id,
      sync_status: "synced",
      last_error: null,
      attempts,
    })
  } catch (error) {
    const adopted = error instanceof ProApiError && !error.ambiguous ? await adopt(client, input).catch(() => null) : null
    if (adopted) {
      return service.updateSortedProConsignments({ id: record.id, ...adopted, sync_status: "synced", last_error: null, attempts })
    }
    const lastError = toErrorRecord(error)
    logger.error(
      `SortedPRO could not create the consignment for order ${input.order_id} (our reference ${input.customer_reference}): ` +
        `${lastError.status} ${lastError.code} ${lastError.message} CorrelationId=${lastError.correlation_id ?? "none"}`
    )
    const ambiguous = error instanceof ProApiError ? error.ambiguous : false
    return service.updateSortedProConsignments({ id: record.id, sync_status: ambiguous ? "pending" : "failed", last_error: lastError as any, attempts })
  }
}

/** The consignment PRO already holds under our reference, as record fields; null when none. */
async function adopt(client: ProClient, input: EnsureConsignmentInput) {
  if (input.write.kind === "pack") {
    const packageReference = input.write.package_reference
    const order = (await client.orders.get(input.write.request.OrderReference)) as { ConsignmentReferences?: string[] }
    for (const reference of order?.ConsignmentReferences ?? []) {
      const consignment = await client.consignments.get(reference)
      if (consignment.Packages?.some((pkg) => pkg.PackageReferenceProvidedByCustomer === packageReference)) {
        return recordFieldsFromPro(consignment)
      }
    }
    return null
  }
  const [reference] = await client.consignments.findByCustomerReference(input.customer_reference)
  if (!reference) {
    return null
  }
  return recordFieldsFromPro(await client.consignments.get(reference))
}

/** A create/pack write without a strategy gets the one in force (admin settings over the plugin option). */
async function withDefaultStrategy(service: SortedProModuleService, spec: ConsignmentWrite): Promise<ConsignmentWrite> {
  if (spec.kind === "select" || spec.strategy) {
    return spec
  }
  return { ...spec, strategy: (await service.getSettings()).allocation_strategy }
}

async function write(client: ProClient, spec: ConsignmentWrite) {
  if (spec.kind === "select") {
    const summary = await client.deliveryOptions.select(spec.delivery_option_reference)
    const reference =
      referenceFromLinks(summary?.ApiLinks) ?? /(EC-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)/i.exec(summary?.Description ?? "")?.[1]?.toUpperCase()
    const consignment = reference ? await client.consignments.get(reference) : null
    return recordFieldsFromPro(consignment, summary)
  }
  const reference = spec.kind === "create" ? await client.consignments.create(spec.request) : (await client.orders.pack(spec.request))[0]
  if (!reference) {
    throw new ProApiError({ status: 502, code: "UnexpectedResponse", message: "Pack Order created no consignment", method: "POST", path: "/orders/pack" })
  }
  const packed = spec.kind === "pack" ? await client.consignments.get(reference) : null
  if (packed && packed.ConsignmentState !== "Unallocated") {
    // packed from a selected delivery option (Consumer Options Flex): PRO allocated it to the shopper's promise
    return { ...recordFieldsFromPro(packed), allocation_strategy: "delivery_option" }
  }
  const strategy = spec.strategy ?? { type: "default_rules" as const }
  const [summary] = (await allocateWithStrategy(client, reference, strategy)) ?? []
  const { consignment } = await waitForAllocation(client, reference)
  return { ...recordFieldsFromPro(consignment, summary), allocation_strategy: strategyLabel(strategy) }
}
