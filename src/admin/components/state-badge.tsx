import { StatusBadge } from "@medusajs/ui"
import type { Consignment } from "../lib/api"

const COLOURS: Record<string, "green" | "red" | "blue" | "orange" | "grey" | "purple"> = {
  Unallocated: "orange",
  Allocating: "orange",
  AllocationFailed: "red",
  Allocated: "blue",
  ReadyToShip: "blue",
  Manifesting: "purple",
  Manifested: "purple",
  ManifestFailed: "red",
  Collected: "green",
  InTransit: "green",
  OutForDelivery: "green",
  Delivered: "green",
  AtCollectionPoint: "green",
  Cancelling: "grey",
  Cancelled: "grey",
  DeliveryFailed: "red",
  Lost: "red",
  Damaged: "red",
}

/**
 * A PRO consignment state as Medusa's status badge. A record not in PRO yet shows its sync status instead; one in
 * PRO whose last step (allocation, or the move to its shipping location) is still pending or failed shows its state
 * and, next to it, "Sync pending" or "Sync failed". A delivery choice PRO refused for good, which the order's Order Flex
 * PRO order replaced, shows "Replaced by Order Flex".
 */
export const StateBadge = ({
  consignment,
}: {
  consignment: Pick<Consignment, "state" | "sync_status"> & Partial<Pick<Consignment, "reference">>
}) => {
  if (consignment.sync_status === "replaced") {
    return <StatusBadge color="grey">Replaced by Order Flex</StatusBadge>
  }
  const unfinished = consignment.sync_status !== "synced"
  if (unfinished && !consignment.state) {
    if (consignment.reference) {
      return (
        <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>
          {consignment.sync_status === "failed" ? "Sync failed" : "Sync pending"}
        </StatusBadge>
      )
    }
    return (
      <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>
        {consignment.sync_status === "failed" ? "Not in PRO (failed)" : "Pending"}
      </StatusBadge>
    )
  }
  const state = consignment.state ?? "Unknown"
  const badge = <StatusBadge color={COLOURS[state] ?? "grey"}>{state.replace(/([a-z])([A-Z])/g, "$1 $2")}</StatusBadge>
  if (!unfinished) {
    return badge
  }
  return (
    <span className="inline-flex items-center gap-x-1 whitespace-nowrap">
      {badge}
      <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>
        {consignment.sync_status === "failed" ? "Sync failed" : "Sync pending"}
      </StatusBadge>
    </span>
  )
}
