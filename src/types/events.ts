/**
 * The events the plugin emits through Medusa's event bus (docs/events.md): the one definition of their names and
 * payload, for host apps (`import { SORTED_PRO_EVENTS } from "medusa-plugin-sorted-pro/types"`). Each is emitted once
 * per change of our record of a PRO consignment or order, right after that change is committed.
 */
export const SORTED_PRO_EVENTS = {
  /** A consignment exists in PRO (our record got its EC- reference). */
  CONSIGNMENT_CREATED: "sorted-pro.consignment.created",
  /** A consignment was allocated to a carrier service (again, after a deallocation or with another service). */
  CONSIGNMENT_ALLOCATED: "sorted-pro.consignment.allocated",
  /** PRO could not allocate a consignment (state `AllocationFailed`, or an allocation PRO refused). */
  CONSIGNMENT_ALLOCATION_FAILED: "sorted-pro.consignment.allocation_failed",
  /** A consignment was manifested (handed to its carrier's collection). */
  CONSIGNMENT_MANIFESTED: "sorted-pro.consignment.manifested",
  /** A consignment left the warehouse (collected, dispatched, in transit, per PRO's states). */
  CONSIGNMENT_SHIPPED: "sorted-pro.consignment.shipped",
  /** A consignment was delivered. */
  CONSIGNMENT_DELIVERED: "sorted-pro.consignment.delivered",
  /** A consignment was cancelled in PRO (nothing of it is live any more). */
  CONSIGNMENT_CANCELLED: "sorted-pro.consignment.cancelled",
  /** A PRO order (EO-…) exists for a Medusa order (Order Flex, Consumer Options Flex). */
  ORDER_CREATED: "sorted-pro.order.created",
} as const

/** One of {@link SORTED_PRO_EVENTS}' names. */
export type SortedProEventName = (typeof SORTED_PRO_EVENTS)[keyof typeof SORTED_PRO_EVENTS]

/**
 * Every event's `data`:
 * - `id`: our record's id (`spcon_…` for a consignment, the PRO order record's id for `sorted-pro.order.created`);
 * - `reference`: PRO's reference (`EC-…` consignment, `EO-…` order);
 * - `order_id`: the Medusa order; `fulfillment_id`: the Medusa fulfillment, null until there is one (always null for orders);
 * - `state`: PRO's `ConsignmentState` as recorded (docs/pro-api.md §5), null for orders;
 * - `carrier`, `carrier_service`: PRO's carrier and carrier service references (null until allocated, and for orders);
 * - `tracking_numbers`: every leg's tracking references (empty until allocated).
 */
export interface SortedProEventData {
  id: string
  reference: string
  order_id: string
  fulfillment_id: string | null
  state: string | null
  carrier: string | null
  carrier_service: string | null
  tracking_numbers: string[]
}
