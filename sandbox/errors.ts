/**
 * PRO-style errors.
 *
 * Body shape from docs/pro-api.md §1 "Error body" (`{Code, Message, CorrelationId}`, `Code` is an internal
 * code, not an HTTP status) plus the SDKs' optional `Details: [{Code, Target, Message}]` (S3/S4).
 * The concrete codes used by the sandbox are our own choice (docs/pro-api.md §7: no error catalogue was
 * found); they are listed in sandbox/README.md "Decisions".
 */

/** One entry of an error's `Details` list; `Target` names the offending field path, e.g. `Packages[0].Weight.Value`. */
export interface ErrorDetail {
  Code: string
  Target: string
  Message: string
}

/** PRO error body as sent on the wire. */
export interface ErrorBody {
  Code: string
  Message: string
  CorrelationId: string
  Details?: ErrorDetail[]
}

/**
 * An error that maps to one HTTP response with a PRO error body.
 * Thrown by state/validation code and rendered by the server's error handler.
 */
export class ProError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>
  ) {
    super(message)
  }

  /** Wire body for this error with the request's correlation id. */
  toBody(correlationId: string): ErrorBody {
    const body: ErrorBody = { Code: this.code, Message: this.message, CorrelationId: correlationId }
    if (this.details?.length) {
      body.Details = this.details
    }
    return body
  }
}

/** 404 `{Code:"NotFound", Message:"<kind> <reference> not found"}` (docs/pro-api.md §1 404 example). */
export function notFound(kind: string, reference: string): ProError {
  return new ProError(404, "NotFound", `${kind} ${reference} not found`)
}

/** 400 with a single detail naming `target`. */
export function badRequest(code: string, message: string, target?: string): ProError {
  return new ProError(400, code, message, target === undefined ? undefined : [{ Code: code, Target: target, Message: message }])
}

/**
 * Collects field-level validation failures and throws one 400 `ValidationFailed` naming them all.
 * The top-level `Message` repeats the first failure so clients that only show `Message` still see
 * the offending field.
 */
export class Validation {
  readonly details: ErrorDetail[] = []

  /** Records a failure for `target` (a field path) unless `ok` is true. Returns `ok`. */
  check(ok: boolean, target: string, message: string, code = "InvalidValue"): boolean {
    if (!ok) {
      this.details.push({ Code: code, Target: target, Message: message })
    }
    return ok
  }

  /** Records a "required" failure. */
  missing(target: string): void {
    this.details.push({ Code: "Required", Target: target, Message: `${target} is required` })
  }

  /** Throws `ProError(400, "ValidationFailed")` when any failure was recorded. */
  throwIfAny(): void {
    if (!this.details.length) {
      return
    }
    const first = this.details[0]
    const more = this.details.length > 1 ? ` (and ${this.details.length - 1} more)` : ""
    throw new ProError(400, "ValidationFailed", `${first.Message}${more}`, this.details)
  }
}
