import { formatAddress, formatIntervals, weekdayName, WEEKDAYS } from "../format"
import type { SortedProLabels } from "../labels"
import type { PickupLocation, Weekday } from "../types"

/** `additional_information` keys not shown: shown otherwise (step-free badge) or of no use to a shopper. */
const HIDDEN_INFORMATION = new Set(["DisabledAccess", "Language"])

/** "LocationType" or "location_type" → "Location type". */
function humanise(key: string): string {
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

interface PickupPointFactsProps {
  location: PickupLocation
  /** Today's weekday, highlighted in the opening hours. */
  today: Weekday
  hoursClass: string
  labels: SortedProLabels
  locale: string
}

/** Internal: the chosen point's name, address, week of opening hours and additional information. */
export function PickupPointFacts({ location, today, hoursClass, labels, locale }: PickupPointFactsProps) {
  const info = Object.entries(location.additional_information ?? {}).filter(([key, value]) => value && !HIDDEN_INFORMATION.has(key))
  return (
    <>
      <p className="spk-details-name">{location.name}</p>
      <p className="spk-details-address">{formatAddress(location.address)}</p>
      <table className={hoursClass}>
        <caption>{labels.openingHours}</caption>
        <tbody>
          {WEEKDAYS.map((key) => (
            <tr key={key} aria-current={key === today ? "date" : undefined} data-today={key === today || undefined}>
              <th scope="row">{weekdayName(key, locale)}</th>
              <td>{formatIntervals(location.opening_times[key], labels.closed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {info.length > 0 && (
        <dl className="spk-details-info">
          {info.map(([key, value]) => (
            <div key={key}>
              <dt>{humanise(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  )
}
