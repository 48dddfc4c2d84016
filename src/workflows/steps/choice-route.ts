import { Modules } from "@medusajs/framework/utils"
import type { IInventoryService } from "@medusajs/framework/types"
import { selectionRefused } from "../../lib/consignments"
import type { EnsureConsignmentInput, EnsureProOrderInput, ProOrderRecord } from "../../lib/consignments"
import type { SortedProOptions } from "../../types/options"

type Container = { resolve<T>(key: string): T }

/**
 * The stock locations the order's inventory is reserved at (several: it ships in several parcels), read through the
 * Inventory Module (`listReservationItems` by line item id), so that it works in the app's container and in the
 * module-only container a workflow run without one gets (the fulfillment provider's case, docs/medusa.md fact 6).
 * Shape: `items` are the order's line items (`id`); answers distinct stock location ids.
 */
export async function reservedLocations(container: Container, items: Array<{ id?: string | null }>): Promise<string[]> {
  const ids = items.map((item) => item.id).filter((id): id is string => Boolean(id))
  if (!ids.length) {
    return []
  }
  const reservations = await container
    .resolve<IInventoryService>(Modules.INVENTORY)
    .listReservationItems({ line_item_id: ids }, { select: ["location_id"] })
  return [...new Set(reservations.map((reservation) => reservation.location_id))]
}

/**
 * Whether the shopper's delivery-day or pickup choice (`select`, a Select Option input) goes down Consumer Options Flex:
 * selected as a PRO order and packed per fulfillment (docs/design.md flow table) — when `consumerOptionsFlex` is
 * `always`, or `auto` and the order's stock is reserved at more than one stock location. The one rule both
 * `order.placed` and a fulfillment made before `order.placed` was handled apply, so they agree whichever comes first.
 * Answers the Select as Order input (`flow: "consumer_options_flex"`), or null when the choice is selected as it is.
 */
export async function selectAsOrderInput(
  container: Container,
  order: { id: string; items: Array<{ id?: string | null }> },
  select: EnsureConsignmentInput,
  consumerOptionsFlex: SortedProOptions["consumerOptionsFlex"]
): Promise<EnsureProOrderInput | null> {
  if (select.write.kind !== "select") {
    return null
  }
  const flex = consumerOptionsFlex === "always" || (consumerOptionsFlex === "auto" && (await reservedLocations(container, order.items)).length > 1)
  return flex ? selectAsOrder(order.id, select) : null
}

/** The Select as Order input (Consumer Options Flex) for the order's choice `select`; null when it is no Select Option. */
export function selectAsOrder(orderId: string, select: EnsureConsignmentInput): EnsureProOrderInput | null {
  return select.write.kind === "select"
    ? {
        order_id: orderId,
        flow: "consumer_options_flex",
        write: { kind: "select_order", delivery_option_reference: select.write.delivery_option_reference },
      }
    : null
}

/**
 * Whether the order's choice was selected as a PRO order already (a Consumer Options Flex record, synced, or pending
 * with its answer lost) that PRO did not refuse for good (`selectionRefused`). `order.placed` and a fulfillment then
 * finish that one with {@link selectAsOrder} (which adopts the order PRO made: src/lib/consignments/pro-order.ts), never
 * with a Create Order beside it.
 */
export function selectedAsOrder(proOrder: ProOrderRecord | null | undefined): boolean {
  return proOrder?.flow === "consumer_options_flex" && !selectionRefused(proOrder)
}
