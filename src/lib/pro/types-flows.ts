/**
 * Wire types of the SortedPRO Consignments API v1.1 for pickup options, PRO orders, quotes, documents, tracking, events
 * and search (the rest is in types.ts, which re-exports these), with PRO's own PascalCase field names.
 *
 * Source: docs/pro-api.md (§3 endpoint bodies, §4 data contracts). Units as in types.ts: kg, cm, major currency units, km.
 */

import type {
  ApiLink,
  ConsignmentState,
  CreateConsignmentRequest,
  DeliveryOptionsRequest,
  ProAddress,
  ProDeliveryOption,
  ProDimensions,
  ProMoney,
  ProPrice,
  ProWeight,
} from "./types"

/** §3.3 Pickup Options request: a Delivery Options request plus search radius and result count (1–50). */
export interface PickupOptionsRequest extends DeliveryOptionsRequest {
  Distance: { Unit: "Km"; Value: number } | number
  MaxResults: number
}

/** §3.3 opening hours of a pickup location: local times per weekday (`Monday` … `Sunday`). */
export type ProOpeningTimes = Partial<
  Record<
    "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday",
    Array<{ Start: string; End: string; UtcOffset?: string }>
  >
>

/** §3.3 one pickup location with its options. Prices here carry `VatRate` (§6). */
export interface ProPickupLocation {
  Name: string
  ShopReference: string
  Address: ProAddress | Omit<ProAddress, "AddressType">
  Distance: number
  OpeningTimes?: ProOpeningTimes
  DeliveryOptions: ProDeliveryOption[]
  Reservation?: { IsReservationRequired: boolean; ExpiryDate?: string | null }
  AdditionalInformation?: Array<{ Key: string; Value: string }>
}

export interface PickupOptionsResponse {
  Distance?: number
  MaxResults?: number
  Locations: ProPickupLocation[]
  NonGuaranteedLocation?: ProPickupLocation | null
}

/** §3.5 Select Delivery Option as an Order. */
export interface SelectOrderResult {
  DeliveryOptionReference: string
  OrderReference?: string | null
  Status: number
  Message?: string | null
  Links?: ApiLink[]
}

/** §3.6 Create Order request. */
export interface CreateOrderRequest extends Omit<CreateConsignmentRequest, "ConsignmentReferenceProvidedByCustomer"> {
  OrderReferenceProvidedByCustomer: string
}

/** §3.6 Pack Order request: packages of the order's items matched by Sku / Reference / ItemReferenceProvidedByCustomer. */
export interface PackOrderRequest {
  OrderReference: string
  OrderReferenceProvidedByCustomer?: string
  GenerateReturn?: boolean
  Packages: Array<{
    Weight?: ProWeight
    Dimensions?: ProDimensions
    PackageSizeReference?: string
    PackageReferenceProvidedByCustomer?: string
    Description?: string
    Value?: ProMoney
    Items: Array<{ Sku?: string; Reference?: string; ItemReferenceProvidedByCustomer?: string; Quantity: number }>
  }>
  CustomsDocumentation?: Record<string, unknown>
  Tags?: string[]
  MetaData?: Array<Record<string, unknown>>
}

/** §3.6 Pack Order result. */
export interface PackOrderResponse {
  Results: Array<{ Result: string; Message?: string | null; Data?: unknown; ApiLinks?: ApiLink[] }>
}

/** §3.8 one quote. Money in major units. */
export interface ProQuote {
  QuoteReference: string
  MpdCarrierService: string
  MpdCarrierServiceReference: string
  CarrierReference: string
  CollectionDate?: string | null
  EarliestDeliveryDate?: string | null
  LatestDeliveryDate?: string | null
  Price: ProPrice
  ExpiryDate?: string | null
  [key: string]: unknown
}

/** §3.8 QuoteResult. */
export interface QuoteResult {
  QuoteRequestReference?: string
  Quotes: ProQuote[]
  Message?: string | null
  UnqualifiedServices?: Array<Record<string, unknown>>
}

/** §3.10 customs documents: base64 PDFs keyed by file name. */
export interface CustomsDocuments {
  CommercialInvoiceDocuments?: Array<{ Key: string; Value: string }>
  CN22Documents?: Array<{ Key: string; Value: string }>
  CN23Documents?: Array<{ Key: string; Value: string }>
}

/** §3.14 tracking (nested form). */
export interface TrackingResponse {
  ConsignmentReferenceForAllLegsAssignedByMpd: string
  TrackedPackages: Array<{
    PackageReferenceForAllLegsAssignedByMpd: string
    Legs?: Array<{ CarrierServiceName?: string; Events: TrackingEvent[] }>
    Events?: TrackingEvent[]
  }>
}

export interface TrackingEvent {
  TimeStamp: string
  Code: string
  Description?: string
  SignedBy?: string | null
  Location?: string | null
  CarrierServiceName?: string
}

/** §3.15 ConsignmentPayload of the events feeds. */
export interface ConsignmentEvent {
  ConsignmentReference: string
  ConsignmentReferenceProvidedByCustomer?: string | null
  ConsignmentState: ConsignmentState
  CarrierServiceReference?: string | null
  CarrierServiceName?: string | null
  Packages?: Array<{ Reference: string; TrackingDetails?: Array<{ Leg: number; TrackingReference: string }> }>
  DateDelivered?: string | null
  [key: string]: unknown
}

/** §3.12 search result. */
export interface ConsignmentSearchResult {
  Count: number
  ConsignmentSummaries: Array<{
    Reference: string
    ConsignmentState?: ConsignmentState
    ConsignmentReferenceProvidedByCustomer?: string | null
    [key: string]: unknown
  }>
}

/** §3.15 allocation service filters. */
export interface ServiceFilters {
  ServiceDirection?: string
  IsPickup?: boolean
  IsDropOff?: boolean
}
