/**
 * Wire types of the SortedPRO Consignments API v1.1, with PRO's own PascalCase field names.
 *
 * Source: docs/pro-api.md (§1 conventions, §3 endpoint bodies, §4 data contracts, §5 enums).
 * Only the fields this plugin reads or writes are typed; PRO may send more, and the index signatures
 * keep them. Units: `Weight.Unit` is always "Kg", `Dimensions.Unit` "Cm", money in major units
 * (e.g. 33.23 GBP), distances "Km".
 */

import type { ConsignmentState } from "./states"

export type { ConsignmentState }

export type { LabelFormat } from "./labels"

export interface ProWeight {
  Value: number
  Unit: "Kg"
}
export interface ProDimensions {
  Unit: "Cm"
  Width: number
  Length: number
  Height: number
}
export interface ProMoney {
  Amount: number
  Currency: { IsoCode: string; Name?: string }
}
export interface ProCountry {
  Name?: string
  IsoCode: { TwoLetterCode: string; ThreeLetterCode?: string; NumericCode?: string }
}

export interface ProContact {
  Title?: string
  FirstName?: string
  LastName?: string
  Telephone?: string
  Mobile?: string
  LandLine?: string
  Email?: string
}

/** §3.1 / §4 Address. An Origin may be only `{AddressType, ShippingLocationReference, IsCached}`. */
export interface ProAddress {
  AddressType: "Origin" | "Destination" | "Return" | "Sender" | "Recipient" | "Importer"
  ShippingLocationReference?: string
  ShopLocationReference?: string | null
  Contact?: ProContact
  CompanyName?: string | null
  AddressLine1?: string
  AddressLine2?: string
  AddressLine3?: string
  Town?: string
  Region?: string
  Postcode?: string
  Country?: ProCountry
  SpecialInstructions?: string
  LatLong?: { Latitude: number; Longitude: number } | null
  IsCached?: boolean
}

/** §4 Item. Weight in kg, dimensions in cm, value in major units. */
export interface ProItem {
  Sku?: string
  Description?: string
  CountryOfOrigin?: { IsoCode: { TwoLetterCode: string } }
  HarmonisationCode?: string
  Weight: ProWeight
  Dimensions: ProDimensions
  Value: ProMoney
  ItemReferenceProvidedByCustomer?: string
  Quantity?: number
}

/** §4 Package. `Reference` (EP-…) is set by PRO. */
export interface ProPackage {
  Reference?: string
  PackageReferenceProvidedByCustomer?: string
  Weight: ProWeight
  Dimensions: ProDimensions
  Description: string
  Value: ProMoney
  Items?: ProItem[]
  [key: string]: unknown
}

/** §3.2 Delivery Options request (BaseCreateConsignmentRequest + DeliveryDate, GuaranteedOnly). */
export interface DeliveryOptionsRequest {
  ConsignmentReferenceProvidedByCustomer?: string
  DeliveryDate?: string
  GuaranteedOnly?: boolean
  ShippingDate?: string
  Direction?: "Outbound" | "Inbound"
  Packages: ProPackage[]
  Addresses: ProAddress[]
  CustomsDocumentation?: Record<string, unknown>
  /** §4 MetaData: `KeyValue` plus one of `StringValue|IntValue|DecimalValue|DateTimeValue|BoolValue`. */
  MetaData?: Array<Record<string, unknown>>
}

/** §4 Rate. PRO sends `TaxRate` in delivery options and `VatRate` in pickup options (§6); both are typed. */
export interface ProPrice {
  Net: number
  Gross: number
  TaxRate?: { Reference?: string; CountryIsoCode?: string; Type?: string; Rate: number }
  VatRate?: { Reference?: string; CountryIsoCode?: string; Type?: string; Rate: number }
  VatAmount?: number
  Currency: { Name?: string; IsoCode: string }
}

/** §3.1 Create Consignment request. */
export interface CreateConsignmentRequest extends Omit<DeliveryOptionsRequest, "DeliveryDate" | "GuaranteedOnly"> {
  Source?: "Api" | "Web"
  RequiredDeliveryDate?: { Date: string; DeliveryWindow?: { Start: string; End: string }; IsToBeExactlyOnTheDateSpecified?: boolean }
  Tags?: string[]
}

/**
 * §3.12 Update Consignment body: the Create body plus the immutable `Reference`. Dates, our reference, customs
 * documentation, metadata and addresses are replaced wholesale; `Packages` and `Tags` only when supplied.
 */
export type UpdateConsignmentRequest = Omit<CreateConsignmentRequest, "Packages"> & { Reference: string; Packages?: ProPackage[] }

/** §3.2 one delivery option. */
export interface ProDeliveryOption {
  Reference: string
  EstimatedDeliveryDate: { Date: string; Guaranteed: boolean; DayOfWeek?: string }
  DeliveryWindow?: { Start: string; End: string; UtcOffset?: string } | null
  Carrier: string
  CarrierService: string
  CarrierServiceReference: string
  CarrierServiceTypes?: string[]
  Price: ProPrice
  AllocationCutOff?: string | null
  OperationalCutOff?: string | null
  ServiceDirection?: string
}

export interface DeliveryOptionsResponse {
  DeliveryOptions: ProDeliveryOption[]
  NonGuaranteedDeliveryOption?: ProDeliveryOption | null
}

export interface ApiLink {
  Rel: string
  Href: string
}

export interface ConsignmentLeg {
  Leg: number
  TrackingReferences: string[]
  CarrierReference?: string | null
  CarrierServiceReference?: string | null
  CarrierName?: string | null
}

/** §3.7 AllocationSummary (also the Select Option response, §3.4). */
export interface AllocationSummary {
  StatusCode?: number
  ApiLinks?: ApiLink[]
  Description?: string
  ConsignmentLegs?: ConsignmentLeg[]
  CarrierReference?: string
  CarrierName?: string
  CarrierServiceReference?: string
  CarrierServiceName?: string
}

/** §4 MpdCarrierService (the fields we read), an entry of `GET /carrierservices`. */
export interface ProCarrierService {
  Reference: string
  Name: string
  MpdCarrierReference?: string | null
  CarrierName?: string | null
  [key: string]: unknown
}

/**
 * §2 `GET /carriers` → `[Carrier]` (shape undocumented): the fields we read. `TrackingUrl` (a template with
 * `{TrackingNumber}`) is the sandbox's own (sandbox/README.md "Decisions"): absent, labels get no tracking URL.
 */
export interface ProCarrier {
  Reference: string
  Name?: string | null
  TrackingUrl?: string | null
  [key: string]: unknown
}

/** §2 `GET /carrierservices`: a SubscriptionMpdCarrierServiceResponse (`MpdCarrierServices`), or a bare list in some sources. */
export type CarrierServicesResponse = ProCarrierService[] | { MpdCarrierServices?: ProCarrierService[] | null } | null

/** §3.12 / §4 Consignment (the fields we read). */
export interface ProConsignment {
  Reference: string
  ConsignmentState: ConsignmentState
  ConsignmentReferenceProvidedByCustomer?: string | null
  ConsignmentLegs?: ConsignmentLeg[]
  Allocation?: {
    CarrierServiceGroupReference?: string | null
    MpdCarrierServiceGroupName?: string | null
    MpdCarrierServiceReference?: string | null
    MpdCarrierServiceName?: string | null
    AllocationDate?: string | null
    Price?: ProPrice | null
  } | null
  /** Set while the state is `AllocationFailed` (§3.7): the service tried and PRO's reason. */
  FailedAllocation?: {
    CarrierServiceGroupReference?: string | null
    MpdCarrierServiceGroupName?: string | null
    MpdCarrierServiceReference?: string | null
    MpdCarrierServiceName?: string | null
    AttemptedAllocationDate?: string | null
    Message?: string | null
  } | null
  Addresses?: ProAddress[]
  Packages?: ProPackage[]
  ShippingDate?: string | null
  EarliestDeliveryDate?: string | null
  LatestDeliveryDate?: string | null
  LabelsPrinted?: boolean
  [key: string]: unknown
}

/** §3.9 Get Labels response: one base64 file holding every package label. */
export interface LabelFile {
  File: string
  ContentType: string
}

/** §3.11 Manifest Consignments From Query request (all filters optional, ANDed). */
export interface ManifestFromQueryRequest {
  ShippingLocationReferences?: string[]
  States?: readonly ConsignmentState[]
  Carriers?: string[]
  LabelsPrinted?: boolean
  ShippingDate?: string
  ShippingDateRanges?: { StartDate: string; EndDate: string }
}

/** §3.11 response. `FailedConsignments` items are strings in some sources, objects in others. */
export interface ManifestFromQueryResponse {
  Message: string
  FailedConsignments?: Array<string | { ConsignmentReference?: string; Reference?: string; Reason?: string; Message?: string }>
}

/** §1 `WithMessage<T>` bulk result. */
export interface WithMessage<T = string> {
  IsSuccess: boolean
  Message: string
  Data: T
  ApiLinks?: ApiLink[] | null
}

/** §1 error body; `Details` per S3/S4. */
export interface ProErrorBody {
  Code?: string
  Message?: string
  CorrelationId?: string
  Details?: Array<{ Code?: string; Target?: string; Message?: string }>
}

export * from "./types-flows"
