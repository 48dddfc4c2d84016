import axios, { AxiosError, AxiosInstance, AxiosResponse, Method } from "axios"
import { ProApiError } from "./errors"
import type { ProErrorBody } from "./types"

/** Anything with Medusa's Logger methods we use. */
export interface ProClientLogger {
  warn(message: string): void
  debug?(message: string): void
}

/**
 * Options of {@link ProClient}.
 * - `baseUrl`: PRO host, e.g. `https://api.electioapp.com`, `https://apisandbox.electioapp.com` or the
 *   local sandbox `http://127.0.0.1:4010` (docs/pro-api.md §1). No trailing path.
 * - `apiKey`: sent as `ocp-apim-subscription-key`; never logged.
 * - `timeoutMs`: per-attempt timeout in milliseconds (default 10 000).
 * - `maxRetries`: extra attempts after a retryable failure (default 2). Writes are retried only on
 *   429, which PRO answers before doing anything; a write that timed out or got a 5xx is ambiguous and
 *   is left to the caller, which must look it up by its own reference first (docs/design.md "Exactly once").
 * - `retryBaseDelayMs`: first backoff delay, doubled per attempt, capped at 5 s (default 250).
 */
export interface ProClientOptions {
  baseUrl: string
  apiKey: string
  timeoutMs?: number
  maxRetries?: number
  retryBaseDelayMs?: number
  logger?: ProClientLogger
}

/**
 * Per-call options: an absolute `deadline` (epoch ms) bounds every attempt and backoff; `signal` aborts the request in
 * flight (connect, headers or body) and stops retrying, for a caller's own deadline.
 */
export interface CallOptions {
  timeoutMs?: number
  deadline?: number
  signal?: AbortSignal
}

export interface RequestSpec {
  method: Method
  path: string
  body?: unknown
  query?: Record<string, string | number | boolean | undefined>
  /** Safe to repeat after an ambiguous failure (reads). */
  idempotent?: boolean
  /** Status codes that are not errors for this call (e.g. 404 on a lookup); resolved as `null`… */
  accept?: number[]
  /** …or with the response body when this is set. */
  acceptBody?: boolean
  call?: CallOptions
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The wait before retry number `attempt + 1` (ms): PRO's `Retry-After` when it sent one (at most 30 s); otherwise
 * exponential backoff from `base` (doubled per attempt, capped at 5 s) with jitter, uniformly between half and all of
 * it, so that clients retrying together spread out. `random` returns [0, 1) (Math.random; a seeded one in tests).
 */
export function backoffDelay(error: ProApiError, attempt: number, base: number, random: () => number = Math.random): number {
  if (error.retryAfterSeconds !== null && error.retryAfterSeconds >= 0) {
    return Math.min(error.retryAfterSeconds * 1000, 30_000)
  }
  const ceiling = Math.min(base * 2 ** attempt, 5_000)
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * The request core of `ProClient`: auth headers, per-attempt timeout and overall deadline, retries with jittered
 * backoff on 429 (any request) and on 5xx/timeouts for idempotent ones, honouring `Retry-After`, and
 * {@link ProApiError} with PRO's `CorrelationId` for every failure. Logs each failed attempt (never the key).
 */
export class ProTransport {
  private readonly http: AxiosInstance
  readonly options: Required<Omit<ProClientOptions, "logger">> & { logger?: ProClientLogger }

  constructor(options: ProClientOptions) {
    if (!options.baseUrl) {
      throw new Error("SortedPRO client: baseUrl is required")
    }
    this.options = {
      timeoutMs: 10_000,
      maxRetries: 2,
      retryBaseDelayMs: 250,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    }
    this.http = axios.create({
      baseURL: this.options.baseUrl,
      headers: {
        "ocp-apim-subscription-key": options.apiKey,
        "electio-api-version": "1.1",
        accept: "application/json",
        "content-type": "application/json",
      },
      validateStatus: () => true,
    })
  }

  /**
   * The request core. Resolves with the parsed body of a 2xx (or an accepted status, then `null`),
   * throws {@link ProApiError} otherwise.
   */
  async request<T>(spec: RequestSpec): Promise<T> {
    const { maxRetries, retryBaseDelayMs } = this.options
    for (let attempt = 0; ; attempt++) {
      const started = Date.now()
      const timeout = this.attemptTimeout(spec.call)
      let error: ProApiError
      try {
        const response = await this.http.request({
          method: spec.method,
          url: spec.path,
          data: spec.body,
          params: spec.query,
          timeout,
          signal: spec.call?.signal,
        })
        if (response.status >= 200 && response.status < 300) {
          return response.data as T
        }
        if (spec.accept?.includes(response.status)) {
          return (spec.acceptBody ? response.data : null) as T
        }
        error = this.toError(spec, response)
      } catch (thrown) {
        error = this.toError(spec, undefined, thrown as AxiosError)
      }

      const canRetry = error.status === 429 || (error.retryable && spec.idempotent)
      const delay = backoffDelay(error, attempt, retryBaseDelayMs)
      const deadline = spec.call?.deadline
      const exhausted = attempt >= maxRetries || (deadline !== undefined && Date.now() + delay >= deadline) || Boolean(spec.call?.signal?.aborted)
      this.options.logger?.warn(
        `SortedPRO ${spec.method} ${spec.path} failed after ${Date.now() - started} ms: ${error.status} ${error.code} ` +
          `"${error.message}" CorrelationId=${error.correlationId ?? "none"}${canRetry && !exhausted ? `; retrying in ${delay} ms` : ""}`
      )
      if (!canRetry || exhausted) {
        throw error
      }
      await sleep(delay)
    }
  }

  private attemptTimeout(call?: CallOptions): number {
    const base = call?.timeoutMs ?? this.options.timeoutMs
    if (call?.deadline === undefined) {
      return base
    }
    return Math.max(1, Math.min(base, call.deadline - Date.now()))
  }

  private toError(spec: RequestSpec, response?: AxiosResponse, thrown?: AxiosError): ProApiError {
    if (!response) {
      const timedOut = thrown?.code === "ECONNABORTED" || thrown?.code === "ETIMEDOUT"
      return new ProApiError({
        status: 0,
        code: timedOut ? "Timeout" : (thrown?.code ?? "NetworkError"),
        message: timedOut ? `SortedPRO did not answer in time` : `SortedPRO could not be reached: ${thrown?.message ?? "unknown error"}`,
        method: String(spec.method).toUpperCase(),
        path: spec.path,
      })
    }
    const body: ProErrorBody = response.data && typeof response.data === "object" ? response.data : {}
    const headerId = response.headers?.["x-correlation-id"] ?? response.headers?.["request-id"]
    const retryAfter = Number(response.headers?.["retry-after"])
    return new ProApiError({
      status: response.status,
      code: body.Code ?? `Http${response.status}`,
      message: body.Message ?? (typeof response.data === "string" && response.data ? response.data.slice(0, 300) : `HTTP ${response.status}`),
      correlationId: body.CorrelationId ?? (typeof headerId === "string" ? headerId : null),
      details: body.Details,
      method: String(spec.method).toUpperCase(),
      path: spec.path,
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
    })
  }
}
