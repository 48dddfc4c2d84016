import { cheapest, formatAddress, formatDistance, formatIntervals, weekdayName, WEEKDAYS } from "../format"
import type { SortedProLabels } from "../labels"
import type { Money, PickupLocation, Weekday } from "../types"

/** `additional_information` keys not shown: shown otherwise (step-free badge) or of no use to a shopper. */
const HIDDEN_INFORMATION = new Set(["DisabledAccess", "Language"])

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
              <td>{formatIntervals(location.opening_times[key], labels.closed, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {info.length > 0 && (
        <dl className="spk-details-info">
          {info.map(([key, value]) => (
            <div key={key}>
              <dt>{labels.informationName(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  )
}

/** Internal: what `describePoint` needs besides the point. */
interface PointContext {
  /** Today's weekday, whose opening hours the summary shows. */
  today: Weekday
  labels: SortedProLabels
  locale: string
  /** A price in MAJOR units, formatted. */
  money: (price: Money) => string
  badgeClass: string
}

/** Internal: a listed point's content (name, address, today's hours, flags, distance, "from" price) and its accessible name. */
export function describePoint(candidate: PickupLocation, context: PointContext) {
  const { today, labels, locale, money } = context
  const hours = candidate.opening_times[today] ?? []
  const todayText = hours.length > 0 ? labels.openToday(formatIntervals(hours, labels.closed, locale)) : labels.closedToday
  const from = cheapest(candidate.options)
  const distance = labels.distance(formatDistance(candidate.distance_km, locale))
  const flags = [candidate.accessibility.disabled_access && labels.stepFreeAccess, candidate.reservation_required && labels.reservationRequired]
  const content = (
    <>
      <span className="spk-dot" aria-hidden="true" />
      <span className="spk-point-main">
        <span className="spk-point-name">{candidate.name}</span>
        <span className="spk-point-address">{formatAddress(candidate.address)}</span>
        <span className="spk-point-today">{todayText}</span>
        <span className="spk-point-flags">
          {flags.filter(Boolean).map((flag) => (
            <span key={String(flag)} className={context.badgeClass}>
              {flag}
            </span>
          ))}
        </span>
      </span>
      <span className="spk-point-side">
        <span className="spk-point-distance">{formatDistance(candidate.distance_km, locale)}</span>
        {from && <span className="spk-price">{labels.fromPrice(money(from))}</span>}
      </span>
    </>
  )
  const label = [candidate.name, distance, formatAddress(candidate.address), todayText, ...flags, from && labels.fromPrice(money(from))]
  return { content, label: label.filter(Boolean).join(", ") }
}
