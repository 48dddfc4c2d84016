import { StatusBadge } from "@medusajs/ui"
import type { Consignment } from "../lib/api"
import { useAdminTranslation, type Translate } from "../lib/i18n"

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
 * A PRO consignment state in the admin's language (`state.<PRO state>`; a state PRO adds later shows split into words,
 * "Out For Something"). The translations name every state of PRO's lifecycle (docs/pro-api.md §5).
 */
export function stateName(state: string | null | undefined, t: Translate): string {
  if (!state) {
    return t("state.Unknown")
  }
  return state in COLOURS ? t(`state.${state}`) : state.replace(/([a-z])([A-Z])/g, "$1 $2")
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
  const t = useAdminTranslation()
  if (consignment.sync_status === "replaced") {
    return <StatusBadge color="grey">{t("badge.replaced")}</StatusBadge>
  }
  const unfinished = consignment.sync_status !== "synced"
  if (unfinished && !consignment.state) {
    if (consignment.reference) {
      return (
        <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>
          {consignment.sync_status === "failed" ? t("badge.syncFailed") : t("badge.syncPending")}
        </StatusBadge>
      )
    }
    return (
      <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>
        {consignment.sync_status === "failed" ? t("badge.notInPro") : t("badge.pending")}
      </StatusBadge>
    )
  }
  const badge = <StatusBadge color={COLOURS[consignment.state ?? ""] ?? "grey"}>{stateName(consignment.state, t)}</StatusBadge>
  if (!unfinished) {
    return badge
  }
  return (
    <span className="inline-flex items-center gap-x-1 whitespace-nowrap">
      {badge}
      <StatusBadge color={consignment.sync_status === "failed" ? "red" : "orange"}>
        {consignment.sync_status === "failed" ? t("badge.syncFailed") : t("badge.syncPending")}
      </StatusBadge>
    </span>
  )
}
