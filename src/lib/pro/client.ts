import { ProApiError } from "./errors"
import { proDateTime } from "./dates"
import type {
  AllocationSummary,
  ApiLink,
  CarrierServicesResponse,
  ProCarrier,
  ConsignmentEvent,
  ConsignmentSearchResult,
  CreateConsignmentRequest,
  CreateOrderRequest,
  CustomsDocuments,
  PackOrderRequest,
  PackOrderResponse,
  PickupOptionsRequest,
  PickupOptionsResponse,
  QuoteResult,
  SelectOrderResult,
  ServiceFilters,
  TrackingResponse,
  UpdateConsignmentRequest,
  ConsignmentState,
  DeliveryOptionsRequest,
  DeliveryOptionsResponse,
  LabelFile,
  LabelFormat,
  ManifestFromQueryRequest,
  ManifestFromQueryResponse,
  ProConsignment,
  WithMessage,
} from "./types"
import { CallOptions, ProClientOptions, ProTransport, RequestSpec } from "./transport"

export type { CallOptions, ProClientLogger, ProClientOptions } from "./transport"

/**
 * The reference with `prefix` (EC- consignment by default, EO- order) named by PRO's `ApiLinks`
 * (`…/consignments/EC-…`, `…/labels/EC-…`, `…/orders/EO-…`; the `EEO-` typo of §3.5 is read as `EO-`).
 */
export function referenceFromLinks(links: ApiLink[] | null | undefined, prefix: "EC" | "EO" = "EC"): string | undefined {
  const pattern = new RegExp(`/E?(${prefix}-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)\\b`, "i")
  for (const link of links ?? []) {
    const match = pattern.exec(link?.Href ?? "")
    if (match) {
      return match[1].toUpperCase()
    }
  }
  return undefined
}

const enc = encodeURIComponent

/**
 * Typed client of the PRO Consignments API v1.1 (docs/pro-api.md): resources grouped as PRO groups them, over one
 * request core ({@link ProTransport}). Every method throws {@link ProApiError} on failure, with PRO's
 * `CorrelationId` when PRO sent one.
 */
export class ProClient {
  private readonly transport: ProTransport

  constructor(options: ProClientOptions) {
    this.transport = new ProTransport(options)
  }

  /** The PRO host this client talks to (never the key). */
  get baseUrl(): string {
    return this.transport.options.baseUrl
  }

  /** The API key's last four characters, for display (the key itself is never shown). */
  get apiKeyHint(): string {
    const key = this.transport.options.apiKey
    return key ? `…${key.slice(-4)}` : "(none)"
  }

  /** One PRO request through the request core (see {@link ProTransport.request}). */
  request<T>(spec: RequestSpec): Promise<T> {
    return this.transport.request<T>(spec)
  }

  /** Delivery Options, Select Option (docs/pro-api.md §3.2, §3.4). */
  readonly deliveryOptions = {
    /** `POST /deliveryoptions` (201) → home-delivery options for up to 14 days, cheapest service per promise. */
    list: (body: DeliveryOptionsRequest, call?: CallOptions) =>
      this.request<DeliveryOptionsResponse>({ method: "POST", path: "/deliveryoptions", body, call, idempotent: true }),
    /**
     * `POST /deliveryoptions/select/{ref}` (200): creates and allocates the consignment. Returns the
     * AllocationSummary object (S1); a `List<ApiLink>` (S4, §6) is normalised to `{ApiLinks}`. The body's own
     * `StatusCode` (§3.4 example) is read: outside 2xx the option was not selected.
     * @throws ProApiError with that `StatusCode`, code `SelectOptionFailed` and PRO's `Description`, for a non-2xx
     * `StatusCode` inside a 200 answer; PRO's errors as they come.
     */
    select: async (deliveryOptionReference: string, call?: CallOptions): Promise<AllocationSummary> => {
      const path = `/deliveryoptions/select/${enc(deliveryOptionReference)}`
      const result = await this.request<AllocationSummary | AllocationSummary[] | Array<{ Rel: string; Href: string }>>({
        method: "POST",
        path,
        call,
      })
      const first = Array.isArray(result) ? result[0] : result
      const summary: AllocationSummary =
        Array.isArray(result) && first && "Rel" in first ? { ApiLinks: result as ApiLink[] } : ((first as AllocationSummary | null | undefined) ?? {})
      const status = summary.StatusCode
      if (typeof status === "number" && (status < 200 || status >= 300)) {
        const correlationId = (summary as { CorrelationId?: string }).CorrelationId ?? null
        const message = summary.Description ?? `Select Option answered StatusCode ${status}`
        throw new ProApiError({ status, code: "SelectOptionFailed", message, method: "POST", path, correlationId })
      }
      return summary
    },
    /** `POST /deliveryoptions/pickupoptions/` (200) → pickup locations with their options (§3.3). */
    pickup: (body: PickupOptionsRequest, call?: CallOptions) =>
      this.request<PickupOptionsResponse>({ method: "POST", path: "/deliveryoptions/pickupoptions/", body, call, idempotent: true }),
    /** `POST /deliveryoptions/reserve/{ref}`: reserves a pickup option whose location requires it (§3.3). No body. */
    reserve: (pickupOptionReference: string, call?: CallOptions) =>
      this.request<void>({ method: "POST", path: `/deliveryoptions/reserve/${enc(pickupOptionReference)}`, call, idempotent: true }),
    /**
     * `POST /deliveryoptions/selectorder` (201 all, 207 mixed, 400 none) → one `SelectOrderResult` per option (§3.5).
     * A 207/400 is returned, not thrown, so the caller can read each option's `Status`.
     */
    selectOrder: async (options: Array<{ Reference: string; OrderReferenceProvidedByCustomer?: string }>, call?: CallOptions) => {
      const body = await this.request<{ SelectOrderResults: SelectOrderResult[] } | null>({
        method: "POST",
        path: "/deliveryoptions/selectorder",
        body: { DeliveryOptions: options },
        accept: [400],
        acceptBody: true,
        call,
      })
      return body?.SelectOrderResults ?? []
    },
  }

  /** Orders (docs/pro-api.md §3.6). */
  readonly orders = {
    /** `POST /orders` (201 `[ApiLink]`) → the `EO-` reference. */
    create: async (body: CreateOrderRequest, call?: CallOptions): Promise<string> => {
      const links = await this.request<ApiLink[]>({ method: "POST", path: "/orders", body, call })
      const reference = referenceFromLinks(links, "EO")
      if (!reference) {
        throw ProApiError.unexpectedResponse("Create Order returned no order link", "POST", "/orders")
      }
      return reference
    },
    /** `GET /orders/{ref}` (200, 404). */
    get: (reference: string, call?: CallOptions) =>
      this.request<Record<string, unknown>>({ method: "GET", path: `/orders/${enc(reference)}`, call, idempotent: true }),
    /** `POST /orders/{ref}/pack` (201) → the EC- references of the consignments created. */
    pack: async (body: PackOrderRequest, call?: CallOptions): Promise<string[]> => {
      const result = await this.request<PackOrderResponse>({ method: "POST", path: `/orders/${enc(body.OrderReference)}/pack`, body, call })
      return (result?.Results ?? []).map((entry) => referenceFromLinks(entry.ApiLinks)).filter((ref): ref is string => Boolean(ref))
    },
  }

  /** Consignments (docs/pro-api.md §3.1, §3.12, §3.13). */
  readonly consignments = {
    /** `POST /consignments` (201 `[ApiLink]`) → the new consignment's reference (state `Unallocated`). */
    create: async (body: CreateConsignmentRequest, call?: CallOptions): Promise<string> => {
      const links = await this.request<ApiLink[]>({ method: "POST", path: "/consignments", body, call })
      const reference = referenceFromLinks(links)
      if (!reference) {
        throw ProApiError.unexpectedResponse("Create Consignment returned no consignment link", "POST", "/consignments")
      }
      return reference
    },
    /**
     * `PUT /consignments/{ref}/cancel`. PRO answers 200 with no body (S1) or 201 (S2); both are success (§6).
     * @throws ProApiError 400 when the state forbids it (e.g. `Manifested`), 404 when unknown.
     */
    cancel: (reference: string, call?: CallOptions) => this.request<void>({ method: "PUT", path: `/consignments/${enc(reference)}/cancel`, call }),
    /** `PUT /consignments/{ref}/deallocate` (200/202): back to `Unallocated`, from Allocated/Manifested/ManifestFailed (§3.13). */
    deallocate: (reference: string, call?: CallOptions) =>
      this.request<void>({ method: "PUT", path: `/consignments/${enc(reference)}/deallocate`, call }),
    /** `PUT /consignments/cancellist` → one WithMessage per consignment (§3.13). */
    cancelList: (references: string[], call?: CallOptions) =>
      this.request<WithMessage[]>({ method: "PUT", path: "/consignments/cancellist", body: references, call }),
    /** `PUT /consignments/deallocatelist` → one WithMessage per consignment (§3.13). */
    deallocateList: (references: string[], call?: CallOptions) =>
      this.request<WithMessage[]>({ method: "PUT", path: "/consignments/deallocatelist", body: references, call }),
    /** `PUT /consignments/setreadytoship` (from Allocated) / `setnotreadytoship` (§3.11). */
    setReadyToShip: (references: string[], ready = true, call?: CallOptions) =>
      this.request<WithMessage[]>({ method: "PUT", path: `/consignments/${ready ? "setreadytoship" : "setnotreadytoship"}`, body: references, call }),
    /** `PUT /consignments/` with the full consignment including `Reference` (§3.12 Update Consignment). */
    update: (body: UpdateConsignmentRequest, call?: CallOptions) =>
      this.request<ApiLink[]>({ method: "PUT", path: "/consignments/", body, call, idempotent: true }),
    /** `GET /consignments/{ref}/status` (§3.12). */
    status: (reference: string, call?: CallOptions) =>
      this.request<{ Status: ConsignmentState; ExpectedDeliveryDate?: string | null }>({
        method: "GET",
        path: `/consignments/${enc(reference)}/status`,
        call,
        idempotent: true,
      }),
    /** `GET /consignments/{take}/{skip}?State=…` (§2 Search Consignments). */
    search: (take: number, skip: number, filters: Record<string, string | undefined> = {}, call?: CallOptions) =>
      this.request<ConsignmentSearchResult>({ method: "GET", path: `/consignments/${take}/${skip}`, query: filters, call, idempotent: true }),
    /** `GET /consignments/{ref}` (200, 404). */
    get: (reference: string, call?: CallOptions) =>
      this.request<ProConsignment>({ method: "GET", path: `/consignments/${enc(reference)}`, call, idempotent: true }),
    /**
     * Consignment references whose `ConsignmentReferenceProvidedByCustomer` equals ours.
     * Used before retrying an ambiguous write. `GET /consignments/clientReference/{ref}` (electio-client
     * README, field-notes §B.2); accepts an array of references, an array of consignments or one consignment.
     * `[]` only on PRO's own "none": a 404 carrying PRO's error body (a `Code`, docs/pro-api.md §4).
     * @throws ProApiError otherwise, including a 404 without PRO's error body (a route or host that does not exist:
     * inconclusive, never "none").
     */
    findByCustomerReference: async (customerReference: string, call?: CallOptions): Promise<string[]> => {
      let result: unknown
      try {
        result = await this.request<unknown>({
          method: "GET",
          path: `/consignments/clientReference/${enc(customerReference)}`,
          call,
          idempotent: true,
        })
      } catch (error) {
        // the transport names an error without PRO's body `Http<status>`
        if (error instanceof ProApiError && error.status === 404 && error.code !== "Http404") {
          return []
        }
        throw error
      }
      // entries are references, or objects naming one (`Reference` or `ConsignmentReference`)
      const list = (Array.isArray(result) ? result : result && typeof result === "object" ? [result] : []) as Array<
        string | { Reference?: unknown; ConsignmentReference?: unknown } | null
      >
      return list
        .map((entry) => (typeof entry === "string" ? entry : (entry?.Reference ?? entry?.ConsignmentReference)))
        .filter((ref: unknown): ref is string => typeof ref === "string" && ref.startsWith("EC-"))
    },
  }

  /** Allocation (docs/pro-api.md §3.7). Each returns the AllocationSummary list; 202 means allocation is in progress. */
  readonly allocation = {
    /** `PUT /allocation/allocate`: the cheapest eligible service under the account's rules. */
    withDefaultRules: (consignmentReferences: string[], call?: CallOptions) =>
      this.allocate("/allocation/allocate", { ConsignmentReferences: consignmentReferences }, call),
    /**
     * `PUT /allocation/{ref}/allocatewithservicegroup/{groupReference}` (no body): the cheapest service in the group for
     * one consignment, the call the Flex and Order Flex guides name ("one API call per consignment on the order").
     * The bulk `PUT /allocation/allocatewithservicegroup` is only in the SDK metadata (S3), so it is not used.
     */
    withServiceGroup: (consignmentReference: string, serviceGroupReference: string, call?: CallOptions) =>
      this.allocate(`/allocation/${enc(consignmentReference)}/allocatewithservicegroup/${enc(serviceGroupReference)}`, undefined, call),
    /** `PUT /allocation/allocatewithcarrierservice`: a specific carrier service. */
    withCarrierService: (consignmentReferences: string[], carrierServiceReference: string, call?: CallOptions) =>
      this.allocate(
        "/allocation/allocatewithcarrierservice",
        { MpdCarrierServiceReference: carrierServiceReference, ConsignmentReferences: consignmentReferences },
        call
      ),
    /** `PUT /allocation/{ref}/allocatewithquote/{quoteReference}`: the service of a quote from Get Quotes. */
    withQuote: (consignmentReference: string, quoteReference: string, call?: CallOptions) =>
      this.allocate(`/allocation/${enc(consignmentReference)}/allocatewithquote/${enc(quoteReference)}`, undefined, call),
    /** `PUT /allocation/{ref}/allocatewithcheapestquote`. */
    withCheapestQuote: (consignmentReference: string, call?: CallOptions) =>
      this.allocate(`/allocation/${enc(consignmentReference)}/allocatewithcheapestquote`, undefined, call),
    /** `PUT /allocation/allocateConsignmentsWithServiceFilters` (S3). */
    withServiceFilters: (consignmentReferences: string[], filters: ServiceFilters, call?: CallOptions) =>
      this.allocate("/allocation/allocateConsignmentsWithServiceFilters", { ConsignmentReferences: consignmentReferences, Filters: filters }, call),
  }

  /** Quotes (docs/pro-api.md §3.8). */
  readonly quotes = {
    /** `GET /quotes/consignment/{ref}` (201 per S2) → quotes for an existing consignment. */
    forConsignment: (consignmentReference: string, call?: CallOptions) =>
      this.request<QuoteResult>({ method: "GET", path: `/quotes/consignment/${enc(consignmentReference)}`, call, idempotent: true }),
    /** `POST /quotes/` → quotes for a consignment that is not created. */
    forRequest: (body: CreateConsignmentRequest, call?: CallOptions) =>
      this.request<QuoteResult>({ method: "POST", path: "/quotes/", body, call, idempotent: true }),
  }

  /** Customs documents (docs/pro-api.md §3.10): only for consignments leaving the customs area; 404 otherwise. */
  readonly customsDocuments = {
    /** `GET /consignments/docs/{ref}` → CN22/CN23 and commercial invoices, decoded. */
    get: async (consignmentReference: string, call?: CallOptions) => {
      const docs = await this.request<CustomsDocuments>({
        method: "GET",
        path: `/consignments/docs/${enc(consignmentReference)}`,
        call,
        idempotent: true,
      })
      const decode = (type: "CN22" | "CN23" | "CommercialInvoice", list?: Array<{ Key: string; Value: string }>) =>
        (list ?? []).map((doc) => ({ type, name: doc.Key, bytes: Buffer.from(doc.Value ?? "", "base64") }))
      return [
        ...decode("CN22", docs?.CN22Documents),
        ...decode("CN23", docs?.CN23Documents),
        ...decode("CommercialInvoice", docs?.CommercialInvoiceDocuments),
      ]
    },
  }

  /** Tracking and events (docs/pro-api.md §3.14, §3.15). */
  readonly tracking = {
    /** `GET /tracking/{ref}` (200, 404). */
    get: (consignmentReference: string, call?: CallOptions) =>
      this.request<TrackingResponse>({ method: "GET", path: `/tracking/${enc(consignmentReference)}`, call, idempotent: true }),
    /** `POST /events/consignments/stateevents` → state changes in `[start, end]` for the given states (dates: {@link proDateTime}). */
    stateEvents: (states: ConsignmentState[], start: Date, end: Date, call?: CallOptions) =>
      this.request<ConsignmentEvent[]>({
        method: "POST",
        path: "/events/consignments/stateevents",
        body: { ConsignmentStates: states, Start: proDateTime(start), End: proDateTime(end) },
        call,
        idempotent: true,
      }),
  }

  /** The account's catalogue (docs/pro-api.md §2, §4): carrier services, service groups, shipping locations. */
  readonly catalogue = {
    /** `GET /carrierservices`. */
    carrierServices: (call?: CallOptions) =>
      this.request<CarrierServicesResponse>({ method: "GET", path: "/carrierservices", call, idempotent: true }),
    /** `GET /carriers` (§2): the account's carriers. */
    carriers: (call?: CallOptions) => this.request<ProCarrier[] | null>({ method: "GET", path: "/carriers", call, idempotent: true }),
    /** `GET /servicegroups`. */
    serviceGroups: (call?: CallOptions) =>
      this.request<Array<{ Reference: string; Name: string; IsEnabled?: boolean }>>({
        method: "GET",
        path: "/servicegroups",
        call,
        idempotent: true,
      }),
    /** `GET /shippinglocations`: a cheap authenticated call, also used as the health check. */
    shippingLocations: (call?: CallOptions) =>
      this.request<Array<{ Reference: string; Name: string; [key: string]: unknown }>>({
        method: "GET",
        path: "/shippinglocations",
        call,
        idempotent: true,
      }),
  }

  /** Labels (docs/pro-api.md §3.9). */
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

  /** All Allocate calls: PUT, answered by one AllocationSummary or a list (§2); 202 = in progress. */
  private async allocate(path: string, body: unknown, call?: CallOptions): Promise<AllocationSummary[]> {
    const result = await this.request<AllocationSummary | AllocationSummary[] | null>({ method: "PUT", path, body, call })
    return Array.isArray(result) ? result : result ? [result] : []
  }

  /** Manifests (docs/pro-api.md §3.11). */
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
}
