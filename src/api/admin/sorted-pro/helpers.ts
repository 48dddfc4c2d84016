import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SORTED_PRO_MODULE } from "../../../modules/sorted-pro"
import type SortedProModuleService from "../../../modules/sorted-pro/service"
import { consignmentActions, CONSIGNMENT_REFERENCE, errorFields, ProApiError, RECORD_ID } from "../../../lib/pro"
import { sendProError } from "../../utils/pro-errors"

/**
 * A record as the admin routes answer it: the row, plus the `actions` staff may take on it (`consignmentActions`,
 * computed from its PRO state and sync status), so that the admin UI never repeats the state rules.
 */
export function withActions<T extends { reference?: string | null; state?: string | null; sync_status?: string | null }>(record: T) {
  return { ...record, actions: consignmentActions(record) }
}

/** Our module's service, from the request's container. */
export function sortedProService(req: MedusaRequest): SortedProModuleService {
  return req.scope.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
}

/**
 * Middleware: 400 naming `reference` unless the `:reference` path parameter is an `EC-` reference or a `spcon_`
 * record id. EC- references are upper-cased, as PRO matches them case-insensitively.
 */
export function validateConsignmentParam(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const value = String(req.params.reference ?? "")
  if (!(CONSIGNMENT_REFERENCE.test(value) || RECORD_ID.test(value))) {
    res.status(400).json({
      type: "invalid_data",
      message: `reference: "${value.slice(0, 60)}" is neither a SortedPRO consignment reference (EC-xxx-xxx-xxx) nor a record id (spcon_…)`,
    })
    return
  }
  if (/^ec-/i.test(value)) {
    req.params.reference = value.toUpperCase()
  }
  next()
}

/**
 * Middleware factory: 400 naming the `:name` path parameter unless it matches `pattern`; `expected` says what it must
 * be (e.g. "a bulk label job id (splbl_…)").
 */
export function validatePathParam(name: string, pattern: RegExp, expected: string) {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const value = String(req.params[name] ?? "")
    if (!pattern.test(value)) {
      res.status(400).json({ type: "invalid_data", message: `${name}: "${value.slice(0, 60)}" is not ${expected}` })
      return
    }
    next()
  }
}

/**
 * Our record for `EC-…` or `spcon_…`.
 * @throws MedusaError NOT_FOUND naming `reference` when this store has no such record.
 */
export async function findRecord(service: SortedProModuleService, referenceOrId: string) {
  const filter = /^spcon_/i.test(referenceOrId) ? { id: referenceOrId } : { reference: referenceOrId.toUpperCase() }
  const [record] = await service.listSortedProConsignments(filter)
  if (!record) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `reference: no SortedPRO consignment ${referenceOrId} in this store`)
  }
  return record
}

/** Our consignment row, as the module's generated `listSortedProConsignments` returns it. */
export type ConsignmentRow = Awaited<ReturnType<typeof findRecord>>

/**
 * Runs an admin route's work on the consignment named by the `:reference` path parameter (`EC-…` or `spcon_…`), once
 * it is in SortedPRO. Answers 404 when this store has no such record, and 409 `not_allowed` when it has no PRO
 * reference yet: with `nothingTo` (e.g. "nothing to cancel") as `<id> is not in SortedPRO (<sync_status>): <nothingTo>`,
 * without it as `<id> is not in SortedPRO yet (<sync_status>): retry it first`. Otherwise calls
 * `work(record, reference, service)`, which answers the request; whatever it throws goes to {@link sendAdminError}
 * as `<what> <:reference>` (`what` e.g. "Cancellation of").
 */
export async function withConsignmentInPro(
  req: MedusaRequest,
  res: MedusaResponse,
  options: { what: string; nothingTo?: string },
  work: (record: ConsignmentRow, reference: string, service: SortedProModuleService) => Promise<unknown>
): Promise<void> {
  const service = sortedProService(req)
  try {
    const record = await findRecord(service, req.params.reference)
    if (!record.reference) {
      const message = options.nothingTo
        ? `${record.id} is not in SortedPRO (${record.sync_status}): ${options.nothingTo}`
        : `${record.id} is not in SortedPRO yet (${record.sync_status}): retry it first`
      res.status(409).json({ type: "not_allowed", message })
      return
    }
    await work(record, record.reference, service)
  } catch (error) {
    sendAdminError(res, error, `${options.what} ${req.params.reference}`)
  }
}

/**
 * A {@link ProApiError} again from what a workflow run throws: workflows serialise step errors into plain objects
 * (`name: "ProApiError"`, status, code, correlationId…), which `instanceof` no longer recognises.
 */
export function reviveProError(error: unknown): unknown {
  if (error instanceof ProApiError) {
    return error
  }
  const e = errorFields(error)
  if (e?.name === "ProApiError" && typeof e.status === "number") {
    return new ProApiError({
      status: e.status,
      code: e.code ?? `Http${e.status}`,
      message: e.message ?? "SortedPRO error",
      correlationId: e.correlationId ?? null,
      details: e.details,
      method: e.method ?? "",
      path: e.path ?? "",
    })
  }
  return error
}

const MEDUSA_STATUSES: Record<string, [number, string]> = {
  [MedusaError.Types.NOT_FOUND]: [404, "not_found"],
  [MedusaError.Types.INVALID_DATA]: [400, "invalid_data"],
  [MedusaError.Types.NOT_ALLOWED]: [409, "not_allowed"],
}

/**
 * Answers an admin action's failure: PRO errors via `sendProError` (404/409/502 with PRO's `CorrelationId`),
 * our own refusals (MedusaError, also when serialised by a workflow) as 404 not found, 400 invalid data (the
 * message names the field) or 409 not allowed in the consignment's state. Anything else is rethrown.
 */
export function sendAdminError(res: MedusaResponse, error: unknown, what: string): void {
  const revived = reviveProError(error)
  if (revived instanceof ProApiError) {
    return sendProError(res, revived, what)
  }
  const e = errorFields(revived)
  const mapped = e ? MEDUSA_STATUSES[e.type as string] : undefined
  if (mapped) {
    res.status(mapped[0]).json({ type: mapped[1], message: e?.message })
    return
  }
  throw revived
}

/** The PRO failure of a read, for bodies that still answer 200 (e.g. a consignment's live PRO view). */
export function proErrorView(error: unknown) {
  const revived = reviveProError(error)
  if (revived instanceof ProApiError) {
    return { status: revived.status, code: revived.code, message: revived.message, correlation_id: revived.correlationId }
  }
  return { status: 0, code: "Error", message: (revived as Error)?.message ?? String(revived), correlation_id: null }
}
