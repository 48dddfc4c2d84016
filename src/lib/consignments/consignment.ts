import type { Flow } from "../../types"
import { consignmentReferenceIn, ProApiError, ProClient, referenceFromLinks, stateIs, strategyLabel, toErrorRecord } from "../pro"
import { recordFieldsFromPro } from "../mapping/records"
import { allocate, Outcome, settlePacked } from "./settle"
import { consignmentKey } from "./ports"
import type { Claim, ConsignmentRecord, ConsignmentWrite, EngineLogger, RecordStore } from "./ports"
import { consignmentsByCustomerReference } from "./lookup"

/**
 * Input: `customer_reference` is what PRO knows the consignment by (`ConsignmentReferenceProvidedByCustomer`),
 * unique per consignment; `delivery_promise` is the shopper's choice as stored on the shipping method.
 */
export interface EnsureConsignmentInput {
  order_id: string
  fulfillment_id?: string | null
  customer_reference: string
  flow: Flow
  shipping_location_reference?: string | null
  delivery_promise?: Record<string, unknown> | null
  write: ConsignmentWrite
}

/**
 * What the engine works with: the PRO client, our records, the claim on a reference, a logger, and whether a Medusa
 * order is cancelled (asked under the claim, after our record exists and before any PRO write: a cancel that commits
 * after that finds our record and cancels what the write made).
 */
export interface EngineDeps {
  client: ProClient
  store: RecordStore
  claim: Claim
  logger: EngineLogger
  orderCancelled?: (orderId: string) => Promise<boolean>
}

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
 * Makes the consignment exist in PRO exactly once and returns our record of it (docs/design.md "Exactly once").
 *
 * Under the claim on `customer_reference`: a synced record is returned as it is; otherwise the record is written
 * *before* the PRO call (`pending`); a record left by an earlier attempt is first looked up in PRO by our reference
 * and adopted if PRO has it (a look-up that cannot tell keeps the record pending: `consignmentsByCustomerReference`);
 * only then is the write sent. A record whose order was cancelled (`cancel_status`, or `orderCancelled`) is never
 * written. A failure is recorded as `last_error` with PRO's CorrelationId and logged; it is not thrown, because the
 * shopper's order is already placed: staff see it and retry. `attempts` counts refusals only.
 * @throws only what the store or the claim throw (database or lock failures).
 */
export function ensureConsignment(deps: EngineDeps, input: EnsureConsignmentInput): Promise<ConsignmentRecord> {
  return deps.claim(consignmentKey(input.customer_reference), () => ensure(deps, input))
}

async function ensure({ client, store, logger, orderCancelled }: EngineDeps, input: EnsureConsignmentInput): Promise<ConsignmentRecord> {
  const existing = await store.findConsignment(input.customer_reference)
  if (existing?.cancel_status) {
    // its order or fulfillment was cancelled: nothing more is written for it (reconcile cancels what PRO holds)
    return existing
  }
  if (existing?.sync_status === "synced") {
    if (input.fulfillment_id && !existing.fulfillment_id) {
      return store.updateConsignment(existing.id, { fulfillment_id: input.fulfillment_id })
    }
    return existing
  }
  const record = existing ?? (await store.createConsignment(newRecord(input)))
  if (orderCancelled && (await orderCancelled(input.order_id))) {
    // a fresh record was never sent; an earlier attempt's answer may have been lost, so reconcile looks it up
    return store.updateConsignment(record.id, { cancel_status: existing ? "requested" : "done" })
  }
  // only PRO's refusals count towards the limit after which reconcile leaves a record to staff, not outages
  const refusals = (record.attempts ?? 0) + 1
  const spec = input.write.kind === "select" || input.write.strategy ? input.write : { ...input.write, strategy: await store.defaultStrategy() }
  const fulfillmentId = input.fulfillment_id ?? record.fulfillment_id ?? null
  const fail = (error: unknown, ambiguous: boolean, fields: Record<string, unknown> = {}) => {
    const lastError = toErrorRecord(error)
    logger.error(
      `SortedPRO could not ${fields.reference ? `allocate ${fields.reference}` : "create the consignment"} for order ${input.order_id} ` +
        `(our reference ${input.customer_reference}): ${lastError.status} ${lastError.code} ${lastError.message} CorrelationId=${lastError.correlation_id ?? "none"}`
    )
    const attempts = ambiguous ? (record.attempts ?? 0) : refusals
    return store.updateConsignment(record.id, {
      fulfillment_id: fulfillmentId,
      ...fields,
      sync_status: ambiguous ? "pending" : "failed",
      last_error: lastError,
      attempts,
    })
  }
  // the consignment is in PRO: synced, unless what was still to do (allocating, moving) failed
  const finish = ({ fields, problem }: Outcome) =>
    problem
      ? fail(problem, problem.ambiguous, { ...fields, fulfillment_id: fulfillmentId })
      : store.updateConsignment(record.id, {
          ...fields,
          fulfillment_id: fulfillmentId,
          sync_status: "synced",
          last_error: null,
          attempts: record.attempts ?? 0,
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

/** Our record as written before the first PRO call (`pending`). */
function newRecord(input: EnsureConsignmentInput): Omit<ConsignmentRecord, "id"> {
  const write = input.write
  return {
    order_id: input.order_id,
    fulfillment_id: input.fulfillment_id ?? null,
    customer_reference: input.customer_reference,
    flow: input.flow,
    sync_status: "pending",
    delivery_option_reference: write.kind === "select" ? write.delivery_option_reference : null,
    shipping_location_reference: input.shipping_location_reference ?? null,
    delivery_promise: input.delivery_promise ?? null,
    pro_order_reference: write.kind === "pack" ? write.request.OrderReference : null,
    direction: write.kind === "create" && write.request.Direction === "Inbound" ? "inbound" : "outbound",
    allocation_strategy: write.kind === "select" ? "delivery_option" : strategyLabel(write.strategy ?? { type: "default_rules" }),
  }
}

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
  const [reference] = await consignmentsByCustomerReference(client, input.customer_reference)
  if (!reference) {
    return null
  }
  const consignment = await client.consignments.get(reference)
  if (spec.kind === "create" && stateIs(consignment.ConsignmentState, "unallocated")) {
    return allocate(client, reference, spec.strategy ?? { type: "default_rules" })
  }
  return { fields: recordFieldsFromPro(consignment) }
}

/** The first attempt's PRO write (Select Option, Pack Order, or Create Consignment and Allocate). */
async function write(client: ProClient, spec: ConsignmentWrite): Promise<Outcome> {
  if (spec.kind === "select") {
    const summary = await client.deliveryOptions.select(spec.delivery_option_reference)
    const reference = referenceFromLinks(summary?.ApiLinks) ?? consignmentReferenceIn(summary?.Description)
    const consignment = reference ? await client.consignments.get(reference) : null
    return { fields: recordFieldsFromPro(consignment, summary) }
  }
  if (spec.kind === "pack") {
    const [reference] = await client.orders.pack(spec.request)
    if (!reference) {
      throw ProApiError.unexpectedResponse("Pack Order created no consignment", "POST", "/orders/pack")
    }
    return settlePacked(client, await client.consignments.get(reference), spec)
  }
  const reference = await client.consignments.create(spec.request)
  return allocate(client, reference, spec.strategy ?? { type: "default_rules" })
}
