import type { ReactNode } from "react"

/** One parcel label: a `parcels[]` entry of the plugin's `GET /store/sorted-pro/orders/:id/tracking` (Medusa's store order route gives no labels). */
export interface TrackingLabel {
  tracking_number: string
  /** The carrier's tracking page, filled by medusa-plugin-sorted-pro when the carrier has one (docs/events.md); may be "". */
  tracking_url?: string | null
}

export interface TrackingLinkProps {
  label: TrackingLabel
  /** The link's text; default "Track parcel {tracking number}". */
  children?: ReactNode
  className?: string
}

/** True for an absolute http(s) URL: anything else (empty, relative, `javascript:`) is never made a link. */
function isWebUrl(value: string | null | undefined): value is string {
  try {
    return Boolean(value) && ["http:", "https:"].includes(new URL(value!).protocol)
  } catch {
    return false
  }
}

/**
 * A parcel's tracking link for an order page: the carrier's tracking page (the label's `tracking_url`) opened in a new
 * tab, or, when the carrier gives none, the tracking number as plain text.
 */
export function TrackingLink({ label, children, className }: TrackingLinkProps) {
  const text = children ?? `Track parcel ${label.tracking_number}`
  if (!isWebUrl(label.tracking_url)) {
    return <span className={className ?? "spk-tracking"}>{label.tracking_number}</span>
  }
  return (
    <a className={className ?? "spk-tracking"} href={label.tracking_url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  )
}
