import { useEffect, useId, useMemo, useRef, useState } from "react"
import type { SortedProError, SortedProSdk, StoreCart } from "../api"
import { useSortedProLocale } from "../context"
import { formatDay, formatMoney, formatWindow } from "../format"
import { DayButtons, useReportError, WindowButtons } from "./DayWindowChoices"
import { useDeliveryOptions } from "../hooks/useDeliveryOptions"
import { useSelectShippingOption } from "../hooks/useSelectShippingOption"
import { defaultLabels, type SortedProLabels } from "../labels"
import { cx, useRadioGroup } from "../radio"
import type { DeliveryOptionView, Money, ShippingChoice } from "../types"

/** Marks the stored choice as the fallback one (no delivery option reference). */
const FALLBACK = "\u0000fallback"

/** Element slots of `<DeliveryDayPicker>` that accept an extra class name through `classNames`. */
export type DeliveryDayPickerSlot = "heading" | "days" | "day" | "windows" | "window" | "badge" | "notice" | "error" | "status" | "button"

/** What `onSelect` receives once a home-delivery choice is made (and, with `addToCart`, stored on the cart). */
export interface DeliverySelection {
  kind: "delivery"
  /** The choice as sent to the store. `deliveryOptionReference` is absent for the fallback choice. */
  choice: ShippingChoice
  /** The chosen window; `null` for the fallback ("standard delivery") choice. */
  option: DeliveryOptionView | null
  /** The price shown to the shopper, MAJOR units, tax-inclusive. */
  price: Money
  /** The updated cart when `addToCart` is on (default), else `null`. */
  cart: StoreCart | null
}

/** Props of `<DeliveryDayPicker>`. */
export interface DeliveryDayPickerProps {
  /** The cart (it needs a shipping address). `null`/`undefined` renders nothing but the heading. */
  cartId: string | null | undefined
  /** Called after a window (or the fallback) is chosen and, with `addToCart`, stored on the cart. */
  onSelect?: (selection: DeliverySelection) => void
  /** Called when listing or storing fails (a `SortedProError` with `status`, `field`, `needsAddress`, `chooseAgain`). */
  onError?: (error: SortedProError) => void
  /** Store the choice with `sdk.store.cart.addShippingMethod` (default `true`); `false` only reports it via `onSelect`. */
  addToCart?: boolean
  /** Fields of the cart returned to `onSelect` (js-sdk `fields`, e.g. "*shipping_methods,+shipping_total"). */
  cartFields?: string
  /** The reference chosen earlier (e.g. from `cart.shipping_methods[0].data.delivery_option_reference`), shown as checked. */
  selectedReference?: string
  /**
   * What the fallback choice adds when PRO is unavailable. Default: the "sorted-pro-delivery" option with no data,
   * at the store's `fallback_price`. Pass another shipping option (e.g. the flat "sorted-pro-standard" one from
   * `sdk.store.fulfillment.listCartOptions`) with its price in MAJOR units to offer that instead.
   */
  fallbackOption?: { shippingOptionId: string; price: Money }
  /** Filters passed to the store route: `YYYY-MM-DD` bounds and guaranteed-only. */
  dateFrom?: string
  dateTo?: string
  guaranteedOnly?: boolean
  /** A `@medusajs/js-sdk` instance; default: the one from `<SortedProProvider>`. */
  sdk?: SortedProSdk
  /** BCP 47 locale for prices and dates; default: `<SortedProProvider locale>` or "en-GB". */
  locale?: string
  /** Replacement texts (see `SortedProLabels`). */
  labels?: Partial<SortedProLabels>
  /** Extra class on the root element (which always has `spk-root spk-delivery`). */
  className?: string
  /** Extra classes per element slot. */
  classNames?: Partial<Record<DeliveryDayPickerSlot, string>>
}

/**
 * Home-delivery picker: a row of delivery days (weekday, date, "from" price) and, under the chosen day, its time
 * windows (time, carrier and service, guaranteed badge, price). Choosing a window adds the cart's
 * "sorted-pro-delivery" shipping method with `data.delivery_option_reference`. Shows loading, empty, error (with
 * retry; "enter your address" when the cart has none) and fallback states — on fallback it offers standard
 * delivery at the store's fallback price (the same shipping option, no data).
 *
 * Data: `GET /store/sorted-pro/delivery-options` (days past their cut-off are never returned). Prices are MAJOR
 * units of the cart currency, tax-inclusive. Keyboard: days and windows are radio groups (arrow keys, Home/End).
 * Styling: class names prefixed `spk-`; import the optional `styles.css` and theme it with `--spk-*` variables.
 */
export function DeliveryDayPicker(props: DeliveryDayPickerProps) {
  const { cartId, onSelect, onError, addToCart = true, cartFields, selectedReference, className, classNames = {} } = props
  const locale = useSortedProLocale(props.locale)
  const labels = { ...defaultLabels, ...props.labels }
  const headingId = useId()
  const slot = (name: DeliveryDayPickerSlot) => cx(`spk-${name}`, classNames[name])

  const list = useDeliveryOptions({ cartId, dateFrom: props.dateFrom, dateTo: props.dateTo, guaranteedOnly: props.guaranteedOnly, sdk: props.sdk })
  const selection = useSelectShippingOption({ cartId, fields: cartFields, sdk: props.sdk })
  const [chosenDate, setChosenDate] = useState<string | null>(null)
  const [chosenReference, setChosenReference] = useState<string | null>(selectedReference ?? null)
  const [chosenFallback, setChosenFallback] = useState(false)
  const stored = useRef<string | null>(selectedReference ?? null)

  // keep the chosen day valid for the current list: the day of the chosen window, else the first day
  useEffect(() => {
    if (list.days.length === 0) {
      return
    }
    const ofChosen = list.options.find((option) => option.reference === chosenReference)?.date
    if (ofChosen) {
      setChosenDate(ofChosen)
    } else if (!list.days.some((day) => day.date === chosenDate)) {
      setChosenDate(list.days[0].date)
    }
  }, [list.days])

  useReportError(list.error, onError)

  const day = list.days.find((candidate) => candidate.date === chosenDate) ?? list.days[0]
  const windows = day?.windows ?? []
  const money = (price: Money) => formatMoney(price.amount, price.currency_code, locale)

  const choose = (choice: ShippingChoice, option: DeliveryOptionView | null, price: Money) => {
    if (!addToCart) {
      onSelect?.({ kind: "delivery", choice, option, price, cart: null })
      return
    }
    selection.select(choice).then(
      (cart) => {
        stored.current = choice.deliveryOptionReference ?? FALLBACK
        onSelect?.({ kind: "delivery", choice, option, price, cart })
      },
      (error: SortedProError) => {
        onError?.(error)
        // show what the cart holds: nothing valid after an expired choice (list again), else the last stored one
        const previous = error.chooseAgain ? null : stored.current
        setChosenReference(previous === FALLBACK ? null : previous)
        setChosenFallback(previous === FALLBACK)
        if (error.chooseAgain) {
          list.refetch()
        }
      }
    )
  }

  const chooseWindow = (option: DeliveryOptionView) => {
    setChosenReference(option.reference)
    setChosenFallback(false)
    if (list.shippingOptionId) {
      choose({ shippingOptionId: list.shippingOptionId, deliveryOptionReference: option.reference }, option, option.price)
    }
  }

  const fallback =
    props.fallbackOption ??
    (list.shippingOptionId && list.fallbackPrice ? { shippingOptionId: list.shippingOptionId, price: list.fallbackPrice } : undefined)
  const fallbackRadio = useRadioGroup(1, chosenFallback ? 0 : -1, () => {
    if (fallback) {
      setChosenFallback(true)
      setChosenReference(null)
      choose({ shippingOptionId: fallback.shippingOptionId }, null, fallback.price)
    }
  })

  const chosenOption = useMemo(() => list.options.find((option) => option.reference === chosenReference), [list.options, chosenReference])
  let selectionText: string | null = null
  if (selection.status === "pending") {
    selectionText = labels.saving
  } else if (selection.status === "error" && selection.error) {
    selectionText = selection.error.chooseAgain ? labels.chooseAgain : selection.error.message
  } else if (chosenFallback && fallback && (selection.status === "success" || !addToCart)) {
    selectionText = `${labels.fallbackOption}: ${money(fallback.price)}`
  } else if (chosenOption && (selection.status === "success" || !addToCart)) {
    selectionText = labels.chosenDelivery(
      formatDay(chosenOption.date, locale).long,
      formatWindow(chosenOption.window, labels.anyTime),
      money(chosenOption.price)
    )
  }

  const showLoading = list.status === "loading" && !list.data
  return (
    <section className={cx("spk-root spk-delivery", className)} aria-labelledby={headingId} aria-busy={list.isLoading}>
      <p className={slot("heading")} id={headingId}>
        {labels.deliveryHeading}
      </p>

      {showLoading && (
        <div className={slot("status")} role="status">
          <span className="spk-spinner" aria-hidden="true" />
          {labels.loadingDays}
        </div>
      )}

      {list.status === "error" && list.error && (
        <div className={slot("error")} role="alert">
          <span>{list.error.needsAddress ? labels.needsAddress : list.error.message}</span>
          <button type="button" className={slot("button")} onClick={list.refetch}>
            {labels.retry}
          </button>
        </div>
      )}

      {list.data && list.fallback && fallback && (
        <>
          <div className={slot("notice")} role="status">
            {labels.fallbackNotice(money(fallback.price))}
          </div>
          <div className={slot("windows")} role="radiogroup" aria-label={labels.fallbackOption}>
            <button {...fallbackRadio(0)} className={slot("window")} data-checked={chosenFallback || undefined}>
              <span className="spk-dot" aria-hidden="true" />
              <span className="spk-window-main">
                <span className="spk-window-time">{labels.fallbackOption}</span>
              </span>
              <span className="spk-price">{money(fallback.price)}</span>
            </button>
          </div>
        </>
      )}

      {list.data && !list.fallback && list.days.length === 0 && list.status === "success" && (
        <div className={slot("notice")} role="status">
          {labels.noDays}
        </div>
      )}

      {list.days.length > 0 && (
        <>
          <DayButtons
            days={list.days}
            chosenDate={day?.date}
            onChoose={setChosenDate}
            label={labels.daysLabel}
            slot={slot}
            money={money}
            labels={labels}
            locale={locale}
          />
          {day && (
            <WindowButtons
              windows={windows}
              chosenReference={chosenReference}
              onChoose={chooseWindow}
              label={labels.windowsLabel(formatDay(day.date, locale).long)}
              slot={slot}
              money={money}
              labels={labels}
            />
          )}
        </>
      )}

      <p className={cx(slot("status"), selection.status === "error" && "spk-status-error")} role="status" aria-live="polite">
        {selectionText}
      </p>
    </section>
  )
}
