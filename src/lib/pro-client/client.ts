import axios, { AxiosError, AxiosInstance, AxiosResponse, Method } from "axios"
import { ProApiError } from "./errors"
import type {
  AllocationSummary,
  ApiLink,
  CreateConsignmentRequest,
  ConsignmentState,
  DeliveryOptionsRequest,
  DeliveryOptionsResponse,
  LabelFile,
  LabelFormat,
  ManifestFromQueryRequest,
  ManifestFromQueryResponse,
  ProConsignment,
  ProErrorBody,
  WithMessage,
} from "./types"

/** Anything with Medusa's Logger methods we use. */
export interface ProClientLogger {
  warn(message: string): void
  debug?(message: string): void
}

/**
 * Options of {@link ProClient}.
 * - `baseUrl`: PRO host, e.g. `https://api.electioapp.com`, `https://apisandbox.electioapp.com` or the
 *   local sandbox `http://127.0.0.1:4010` (CONTRACT.md §1). No trailing path.
 * - `apiKey`: sent as `ocp-apim-subscription-key`; never logged.
 * - `timeoutMs`: per-attempt timeout in milliseconds (default 10 000).
 * - `maxRetries`: extra attempts after a retryable failure (default 2). Writes are retried only on
 *   429, which PRO answers before doing anything; a write that timed out or got a 5xx is ambiguous and
 *   is left to the caller, which must look it up by its own reference first (DESIGN.md "Exactly once").
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

/** Per-call options: an absolute `deadline` (epoch ms) bounds every attempt and backoff. */
export interface CallOptions {
  timeoutMs?: number
  deadline?: number
}

interface RequestSpec {
  method: Method
  path: string
  body?: unknown
  query?: Record<string, string | number | boolean | undefined>
  /** Safe to repeat after an ambiguous failure (reads). */
  idempotent?: boolean
  /** Status codes that are not errors for this call (e.g. 404 on a lookup). */
  accept?: number[]
  call?: CallOptions
}

/** The EC- reference named by PRO's `ApiLinks` (`…/consignments/EC-…`, `…/labels/EC-…`). */
export function referenceFromLinks(links: ApiLink[] | null | undefined): string | undefined {
  for (const link of links ?? []) {
    const match = /\/(EC-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)\b/i.exec(link?.Href ?? "")
    if (match) {
      return match[1].toUpperCase()
    }
  }
  return undefined
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const enc = encodeURIComponent

/**
 * Typed client of the PRO Consignments API v1.1 (shared/pro-api/CONTRACT.md).
 *
 * One request core (auth headers, timeouts, retries with backoff on 429/5xx honouring
 * `Retry-After`, {@link ProApiError}) and resources grouped as PRO groups them. Every method throws
 * {@link ProApiError} on failure, with PRO's `CorrelationId` when PRO sent one.
 */
export class ProClient {
  private readonly http: AxiosInstance
  private readonly options: Required<Omit<ProClientOptions, "logger">> & { logger?: ProClientLogger }

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

  /** The PRO host this client talks to (never the key). */
  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** The API key's last four characters, for display (the key itself is never shown). */
  get apiKeyHint(): string {
    return this.options.apiKey ? `…${this.options.apiKey.slice(-4)}` : "(none)"
  }

  /** Delivery Options, Select Option (CONTRACT.md §3.2, §3.4). */
  readonly deliveryOptions = {
    /** `POST /deliveryoptions` (201) → home-delivery options for up to 14 days, cheapest service per promise. */
    list: (body: DeliveryOptionsRequest, call?: CallOptions) =>
      this.request<DeliveryOptionsResponse>({ method: "POST", path: "/deliveryoptions", body, call, idempotent: true }),
    /**
     * `POST /deliveryoptions/select/{ref}` (200): creates and allocates the consignment. Returns the
     * AllocationSummary object (S1); a `List<ApiLink>` (S4, §6) is normalised to `{ApiLinks}`.
     */
    select: async (deliveryOptionReference: string, call?: CallOptions): Promise<AllocationSummary> => {
      const result = await this.request<AllocationSummary | AllocationSummary[] | Array<{ Rel: string; Href: string }>>({
        method: "POST",
        path: `/deliveryoptions/select/${enc(deliveryOptionReference)}`,
        call,
      })
      if (Array.isArray(result)) {
        const first = result[0] as any
        return first && "Rel" in first ? { ApiLinks: result as any } : (first ?? {})
      }
      return result ?? {}
    },
  }

  /** Consignments (CONTRACT.md §3.1, §3.12, §3.13). */
  readonly consignments = {
    /** `POST /consignments` (201 `[ApiLink]`) → the new consignment's reference (state `Unallocated`). */
    create: async (body: CreateConsignmentRequest, call?: CallOptions): Promise<string> => {
      const links = await this.request<ApiLink[]>({ method: "POST", path: "/consignments", body, call })
      const reference = referenceFromLinks(links)
      if (!reference) {
        throw new ProApiError({ status: 502, code: "UnexpectedResponse", message: "Create Consignment returned no consignment link", method: "POST", path: "/consignments" })
      }
      return reference
    },
    /**
     * `PUT /consignments/{ref}/cancel`. PRO answers 200 with no body (S1) or 201 (S2); both are success (§6).
     * @throws ProApiError 400 when the state forbids it (e.g. `Manifested`), 404 when unknown.
     */
    cancel: (reference: string, call?: CallOptions) =>
      this.request<void>({ method: "PUT", path: `/consignments/${enc(reference)}/cancel`, call }),
    /** `GET /consignments/{ref}` (200, 404). */
    get: (reference: string, call?: CallOptions) =>
      this.request<ProConsignment>({ method: "GET", path: `/consignments/${enc(reference)}`, call, idempotent: true }),
    /**
     * Consignment references whose `ConsignmentReferenceProvidedByCustomer` equals ours; `[]` when none.
     * Used before retrying an ambiguous write. `GET /consignments/clientReference/{ref}` (electio-client
     * README, field-notes §B.2); accepts an array of references, an array of consignments or one consignment.
     */
    findByCustomerReference: async (customerReference: string, call?: CallOptions): Promise<string[]> => {
      const result = await this.request<unknown>({
        method: "GET",
        path: `/consignments/clientReference/${enc(customerReference)}`,
        accept: [404],
        call,
        idempotent: true,
      })
      const list = Array.isArray(result) ? result : result && typeof result === "object" ? [result] : []
      return list
        .map((entry: any) => (typeof entry === "string" ? entry : entry?.Reference ?? entry?.ConsignmentReference))
        .filter((ref: unknown): ref is string => typeof ref === "string" && ref.startsWith("EC-"))
    },
  }

  /** Allocation (CONTRACT.md §3.7). Each returns the AllocationSummary list; 202 means allocation is in progress. */
  readonly allocation = {
    /** `PUT /allocation/allocate`: the cheapest eligible service under the account's rules. */
    withDefaultRules: (consignmentReferences: string[], call?: CallOptions) =>
      this.request<AllocationSummary[]>({ method: "PUT", path: "/allocation/allocate", body: { ConsignmentReferences: consignmentReferences }, call }),
  }

  /** Labels (CONTRACT.md §3.9). */
  readonly labels = {
    /** `GET /labels/{ref}/{format}` (200, 404) → one file with every package label, decoded. */
    get: async (reference: string, format: LabelFormat = "pdf", call?: CallOptions) => {
      const file = await this.request<LabelFile>({
        method: "GET",
        path: `/labels/${enc(reference)}/${format}`,
        call,
        idempotent: true,
      })
      return { contentType: file.ContentType, bytes: Buffer.from(file.File ?? "", "base64") }
    },
  }

  /** Manifests (CONTRACT.md §3.11). */
  readonly manifests = {
    /**
     * Manifest Consignments From Query. S1's help and S2 say `POST`, S1's include says `PUT` (§6): we send
     * `POST` and, if PRO answers 404/405, repeat with `PUT` (sandbox/README.md "Decisions").
     */
    fromQuery: async (body: ManifestFromQueryRequest, call?: CallOptions) => {
      try {
        return await this.request<ManifestFromQueryResponse>({ method: "POST", path: "/consignments/manifestFromQuery", body, call })
      } catch (error) {
        if (error instanceof ProApiError && (error.status === 404 || error.status === 405)) {
          return this.request<ManifestFromQueryResponse>({ method: "PUT", path: "/consignments/manifestFromQuery", body, call })
        }
        throw error
      }
    },
    /** `PUT /consignments/manifest` with explicit references → one WithMessage per consignment. */
    manifest: (consignmentReferences: string[], call?: CallOptions) =>
      this.request<WithMessage[]>({
        method: "PUT",
        path: "/consignments/manifest",
        body: { ConsignmentReferences: consignmentReferences },
        call,
        idempotent: true,
      }),
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
        })
        if (response.status >= 200 && response.status < 300) {
          return response.data as T
        }
        if (spec.accept?.includes(response.status)) {
          return null as T
        }
        error = this.toError(spec, response)
      } catch (thrown) {
        error = this.toError(spec, undefined, thrown as AxiosError)
      }

      const canRetry = error.status === 429 || (error.retryable && spec.idempotent)
      const delay = this.backoff(error, attempt, retryBaseDelayMs)
      const deadline = spec.call?.deadline
      const exhausted = attempt >= maxRetries || (deadline !== undefined && Date.now() + delay >= deadline)
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

  private backoff(error: ProApiError, attempt: number, base: number): number {
    if (error.retryAfterSeconds !== null && error.retryAfterSeconds >= 0) {
      return Math.min(error.retryAfterSeconds * 1000, 30_000)
    }
    return Math.min(base * 2 ** attempt, 5_000)
  }

  private toError(spec: RequestSpec, response?: AxiosResponse, thrown?: AxiosError): ProApiError {
    if (!response) {
      const timedOut = thrown?.code === "ECONNABORTED" || thrown?.code === "ETIMEDOUT"
      return new ProApiError({
        status: 0,
        code: timedOut ? "Timeout" : thrown?.code ?? "NetworkError",
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

/** States from which Manifest From Query moves a consignment to `Manifested` (CONTRACT.md §3.11). */
export const MANIFESTABLE_STATES: ConsignmentState[] = ["Allocated", "ManifestFailed", "ReadyToShip"]
