import type { ProErrorBody } from "./types"

/**
 * Raised for every failed PRO call. `status` is the HTTP status (0 for a network failure or
 * timeout), `code` PRO's internal error `Code` (§1: "not a HTTP status code"), `correlationId` PRO's
 * `CorrelationId`, which staff quote to Sorted support. `ambiguous` is true when PRO may have
 * acted on the request (timeout, connection reset, 5xx): a write must then be looked up by our own
 * reference before it is retried (docs/design.md "Exactly once").
 *
 * Source: docs/pro-api.md §1 (error body), §7 (no error-code catalogue).
 */
export class ProApiError extends Error {
  readonly status: number
  readonly code: string
  readonly correlationId: string | null
  readonly details: NonNullable<ProErrorBody["Details"]>
  readonly method: string
  readonly path: string
  /** Seconds from PRO's `Retry-After` header (429/503), when sent. */
  readonly retryAfterSeconds: number | null

  constructor(args: {
    status: number
    code: string
    message: string
    correlationId?: string | null
    details?: ProErrorBody["Details"]
    method: string
    path: string
    retryAfterSeconds?: number | null
  }) {
    super(args.message)
    this.name = "ProApiError"
    this.status = args.status
    this.code = args.code
    this.correlationId = args.correlationId ?? null
    this.details = args.details ?? []
    this.method = args.method
    this.path = args.path
    this.retryAfterSeconds = args.retryAfterSeconds ?? null
  }

  /**
   * PRO answered `method path` with success but without what it must hold (e.g. no consignment link): a 502
   * `UnexpectedResponse` naming what was missing in `message`.
   */
  static unexpectedResponse(message: string, method: string, path: string): ProApiError {
    return new ProApiError({ status: 502, code: "UnexpectedResponse", message, method, path })
  }

  /** True when PRO may have processed the request although we saw no success. */
  get ambiguous(): boolean {
    return this.status === 0 || this.status >= 500
  }

  /** True when the same request may succeed later (rate limit, outage, timeout). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500
  }

  /** A plain object for storing against an order/consignment (`last_error`) and for logs. */
  toRecord(): ProErrorRecord {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      correlation_id: this.correlationId,
      request: `${this.method} ${this.path}`,
      at: new Date().toISOString(),
    }
  }
}

/**
 * What we persist about the last PRO failure of a record. A type alias (not an interface) so that it is assignable to
 * the `Record<string, unknown>` Medusa's DML gives the `last_error` json column.
 */
export type ProErrorRecord = {
  status: number
  code: string
  message: string
  correlation_id: string | null
  request: string
  at: string
}

/** Converts anything thrown into the record stored as `last_error`. */
export function toErrorRecord(error: unknown): ProErrorRecord {
  if (error instanceof ProApiError) {
    return error.toRecord()
  }
  const message = error instanceof Error ? error.message : String(error)
  return { status: 0, code: "PluginError", message, correlation_id: null, request: "", at: new Date().toISOString() }
}

/**
 * The fields a thrown value may carry — a {@link ProApiError}, a `MedusaError` (`type`), a `CheckoutMappingError` (`field`), or one as a workflow run
 * serialises it into a plain object — all optional, as they are read without knowing what was thrown.
 */
export interface ErrorFields {
  name?: string
  type?: string
  status?: number
  code?: string
  message?: string
  correlationId?: string | null
  details?: ProErrorBody["Details"]
  method?: string
  path?: string
  /** `CheckoutMappingError`'s field: what is missing to map an order to PRO. */
  field?: string
}

/** `error` as {@link ErrorFields} when it is an object (fields unchecked: test them before use), else undefined. */
export function errorFields(error: unknown): ErrorFields | undefined {
  return error && typeof error === "object" ? (error as ErrorFields) : undefined
}
