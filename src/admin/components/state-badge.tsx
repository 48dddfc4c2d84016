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

/** A PRO consignment state as Medusa's status badge; a record not in PRO yet shows its sync status. */
export const StateBadge = ({ consignment }: { consignment: Pick<Consignment, "state" | "sync_status"> }) => {
  if (consignment.sync_status !== "synced" && !consignment.state) {
    return <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>{consignment.sync_status === "failed" ? "Not in PRO (failed)" : "Pending"}</StatusBadge>
  }
  const state = consignment.state ?? "Unknown"
  return <StatusBadge color={COLOURS[state] ?? "grey"}>{state.replace(/([a-z])([A-Z])/g, "$1 $2")}</StatusBadge>
}
