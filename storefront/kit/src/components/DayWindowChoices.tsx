import { useEffect } from "react"
import { formatDay, formatWindow } from "../format"
import type { SortedProLabels } from "../labels"
import { useRadioGroup } from "../radio"
import type { DeliveryDay, DeliveryOptionView, Money } from "../types"

/**
 * Internal: the parts `<DeliveryDayPicker>` and `<PickupPointPicker>` share — a radio group of days ("from" prices)
 * and a radio group of one day's windows (time, carrier and service, guaranteed badge, price).
 */

/** Class name of a slot (`spk-<name>` plus the caller's extra class). */
type SlotClass = (name: "days" | "day" | "windows" | "window" | "badge") => string

interface DayButtonsProps {
  days: DeliveryDay[]
  chosenDate: string | undefined
  onChoose: (date: string) => void
  label: string
  slot: SlotClass
  money: (price: Money) => string
  labels: SortedProLabels
  locale: string
}

/** Days as a radio group: weekday, date and "from" price. */
export function DayButtons({ days, chosenDate, onChoose, label, slot, money, labels, locale }: DayButtonsProps) {
  const dayRadio = useRadioGroup(
    days.length,
    days.findIndex((day) => day.date === chosenDate),
    (index) => onChoose(days[index].date)
  )
  return (
    <div className={slot("days")} role="radiogroup" aria-label={label}>
      {days.map((day, index) => {
        const parts = formatDay(day.date, locale)
        const from = labels.fromPrice(money(day.from_price))
        return (
          <button
            key={day.date}
            {...dayRadio(index)}
            className={slot("day")}
            data-checked={day.date === chosenDate || undefined}
            aria-label={`${parts.long}, ${from}`}
          >
            <span className="spk-day-weekday">{parts.weekday}</span>
            <span className="spk-day-date">{parts.dayMonth}</span>
            <span className="spk-day-price">{from}</span>
          </button>
        )
      })}
    </div>
  )
}

interface WindowButtonsProps {
  windows: DeliveryOptionView[]
  chosenReference: string | null
  onChoose: (option: DeliveryOptionView) => void
  label: string
  slot: SlotClass
  money: (price: Money) => string
  labels: SortedProLabels
}

/** One day's windows as a radio group: time, carrier · service, guaranteed badge and price. */
export function WindowButtons({ windows, chosenReference, onChoose, label, slot, money, labels }: WindowButtonsProps) {
  const windowRadio = useRadioGroup(
    windows.length,
    windows.findIndex((option) => option.reference === chosenReference),
    (index) => onChoose(windows[index])
  )
  return (
    <div className={slot("windows")} role="radiogroup" aria-label={label}>
      {windows.map((option, index) => {
        const time = formatWindow(option.window, labels.anyTime)
        const price = money(option.price)
        return (
          <button
            key={option.reference}
            {...windowRadio(index)}
            className={slot("window")}
            data-checked={option.reference === chosenReference || undefined}
            aria-label={`${time}, ${option.carrier} ${option.carrier_service}${option.guaranteed ? `, ${labels.guaranteed}` : ""}, ${price}`}
          >
            <span className="spk-dot" aria-hidden="true" />
            <span className="spk-window-main">
              <span className="spk-window-time">{time}</span>
              <span className="spk-window-carrier">
                {option.carrier} · {option.carrier_service}
              </span>
              {option.guaranteed && <span className={slot("badge")}>{labels.guaranteed}</span>}
            </span>
            <span className="spk-price">{price}</span>
          </button>
        )
      })}
    </div>
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
