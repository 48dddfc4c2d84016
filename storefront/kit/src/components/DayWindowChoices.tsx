import { useEffect } from "react"
import { formatDay, formatWindow } from "../format"
import type { SortedProLabels } from "../labels"
import type { DeliveryDay, DeliveryOptionView, Money } from "../types"
import { RadioList } from "./RadioList"

interface DayWindowChoicesProps {
  /** At least one day. */
  days: DeliveryDay[]
  /** The shown day; the first one when it is not among `days`. */
  chosenDate: string | null
  onChooseDay: (date: string) => void
  chosenReference: string | null
  onChooseWindow: (option: DeliveryOptionView) => void
  /** Accessible names of the days group and of a day's windows group (given the long day). */
  daysLabel: string
  windowsLabel: (dayLong: string) => string
  /** Class name of a slot (`spk-<name>` plus the caller's extra class). */
  slot: (name: "days" | "day" | "windows" | "window" | "badge") => string
  money: (price: Money) => string
  labels: SortedProLabels
  locale: string
}

/**
 * Internal: the part `<DeliveryDayPicker>` and `<PickupPointPicker>` share — a radio group of days (weekday, date,
 * "from" price) and, under the shown day, a radio group of its windows (time, carrier · service, guaranteed badge, price).
 */
export function DayWindowChoices(props: DayWindowChoicesProps) {
  const { days, chosenReference, slot, money, labels, locale } = props
  const day = days.find((candidate) => candidate.date === props.chosenDate) ?? days[0]
  return (
    <>
      <RadioList
        items={days}
        keyOf={(candidate) => candidate.date}
        checkedKey={day.date}
        onCheck={(candidate) => props.onChooseDay(candidate.date)}
        label={props.daysLabel}
        className={slot("days")}
        itemClassName={slot("day")}
        render={(candidate) => {
          const parts = formatDay(candidate.date, locale)
          const from = labels.fromPrice(money(candidate.from_price))
          const content = (
            <>
              <span className="spk-day-weekday">{parts.weekday}</span>
              <span className="spk-day-date">{parts.dayMonth}</span>
              <span className="spk-day-price">{from}</span>
            </>
          )
          return { content, label: `${parts.long}, ${from}` }
        }}
      />
      <RadioList
        items={day.windows}
        keyOf={(option) => option.reference}
        checkedKey={chosenReference}
        onCheck={props.onChooseWindow}
        label={props.windowsLabel(formatDay(day.date, locale).long)}
        className={slot("windows")}
        itemClassName={slot("window")}
        render={(option) => {
          const time = formatWindow(option.window, labels.anyTime, locale)
          const price = money(option.price)
          const content = (
            <>
              <span className="spk-dot" aria-hidden="true" />
              <span className="spk-window-main">
                <span className="spk-window-time">{time}</span>
                <span className="spk-window-carrier">
                  {option.carrier} · {option.carrier_service}
                </span>
                {option.guaranteed && <span className={slot("badge")}>{labels.guaranteed}</span>}
              </span>
              <span className="spk-price">{price}</span>
            </>
          )
          return {
            content,
            label: `${time}, ${option.carrier} ${option.carrier_service}${option.guaranteed ? `, ${labels.guaranteed}` : ""}, ${price}`,
          }
        }}
      />
    </>
  )
}

/** Reports each new listing error to `onError` (once per error object). */
export function useReportError<E>(error: E | null, onError: ((error: E) => void) | undefined): void {
  useEffect(() => {
    if (error) {
      onError?.(error)
    }
    // onError is read when the error changes only: a new callback each render must not report it again
  }, [error])
}
