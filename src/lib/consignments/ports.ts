import type { AllocationStrategy, Flow, SyncStatus } from "../../types"
import type { CreateConsignmentRequest, PackOrderRequest, ProErrorRecord } from "../pro"

/**
 * What the exactly-once engine needs from the outside, as plain interfaces: our records (the module implements them
 * over its tables; tests over memory), a claim that keeps one writer per reference, and a logger. No Medusa import.
 */

/** Our record of one PRO consignment (the module's `sorted_pro_consignment` row; see its model for each field). */
export interface ConsignmentRecord {
  id: string
  order_id: string
  fulfillment_id?: string | null
  customer_reference: string
  reference?: string | null
  pro_order_reference?: string | null
  flow: Flow
  direction?: "outbound" | "inbound"
  sync_status: SyncStatus
  state?: string | null
  delivery_option_reference?: string | null
  shipping_location_reference?: string | null
  delivery_promise?: Record<string, unknown> | null
  allocation_strategy?: string | null
  last_error?: ProErrorRecord | Record<string, unknown> | null
  attempts?: number | null
  [field: string]: unknown
}

/** Our record of one PRO order (EO-…), keyed by the Medusa order id as `customer_reference`. */
export interface ProOrderRecord {
  id: string
  order_id: string
  customer_reference: string
  reference?: string | null
  flow: string
  sync_status: SyncStatus
  delivery_option_reference?: string | null
  last_error?: ProErrorRecord | Record<string, unknown> | null
  attempts?: number | null
  [field: string]: unknown
}

/** Reads and writes our records. `update` returns the record as stored after the change. */
export interface RecordStore {
  findConsignment(customerReference: string): Promise<ConsignmentRecord | null>
  createConsignment(fields: Omit<ConsignmentRecord, "id">): Promise<ConsignmentRecord>
  updateConsignment(id: string, fields: Partial<ConsignmentRecord>): Promise<ConsignmentRecord>
  findProOrder(orderId: string): Promise<ProOrderRecord | null>
  createProOrder(fields: Omit<ProOrderRecord, "id">): Promise<ProOrderRecord>
  updateProOrder(id: string, fields: Partial<ProOrderRecord>): Promise<ProOrderRecord>
  /** The allocation strategy in force when a write names none (admin settings over the plugin option). */
  defaultStrategy(): Promise<AllocationStrategy>
}

/**
 * Runs `work` while this caller alone holds `key` (one writer per PRO reference). Implementations wait for a holder
 * to finish, and must hold across every process that can write to PRO for this store.
 */
export type Claim = <T>(key: string, work: () => Promise<T>) => Promise<T>

/** The claim key of a consignment record (by our `customer_reference`). */
export const consignmentKey = (customerReference: string) => `sorted-pro:consignment:${customerReference}`

/** The claim key of a PRO order record (by the Medusa order id). */
export const proOrderKey = (orderId: string) => `sorted-pro:order:${orderId}`

/** The logger the engine reports PRO failures to (Medusa's logger, or console). */
export interface EngineLogger {
  error(message: string): void
  warn?(message: string): void
}

/**
 * How the consignment comes to exist in PRO:
 * - `select`: Select Option on the shopper's delivery option (Consumer Options, docs/pro-api.md §3.4);
 * - `create`: Create Consignment, then Allocate with `strategy` (default rules unless given; §3.1, §3.7);
 * - `pack`: Pack Order on the PRO order (Flex flows, §3.6), moved to `origin` (the fulfillment's shipping location)
 *   and allocated: to the shopper's `promise` (Consumer Options Flex: its carrier service on its day), else with
 *   `strategy`. PRO gives the packed consignment the order's customer reference, so ours is `package_reference`
 *   (the package's `PackageReferenceProvidedByCustomer`), found again through Get Order.
 */
export type ConsignmentWrite =
  | { kind: "select"; delivery_option_reference: string }
  | { kind: "create"; request: CreateConsignmentRequest; strategy?: AllocationStrategy }
  | PackWrite

/** See {@link ConsignmentWrite}; `promise.date` is `YYYY-MM-DD`, `origin` a PRO `ShippingLocationReference`. */
export type PackWrite = {
  kind: "pack"
  request: PackOrderRequest
  package_reference: string
  strategy?: AllocationStrategy
  origin?: string | null
  promise?: { carrier_service_reference: string; date: string } | null
}
