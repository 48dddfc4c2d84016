import { useEffect, useId, useMemo, useState } from "react"
import type { SortedProError, SortedProSdk, StoreCart } from "../api"
import { useSortedProLocale } from "../context"
import { formatDay, formatMoney, formatWindow } from "../format"
import { DayWindowChoices, useReportError } from "./DayWindowChoices"
import { ChoiceStatus, ListError, LoadingStatus, useStoredChoice } from "./PickerParts"
import { RadioList } from "./RadioList"
import { useDeliveryOptions } from "../hooks/useDeliveryOptions"
import { labelsFor, type SortedProLabels } from "../labels"
import { cx } from "../radio"
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
  /** BCP 47 locale for prices, dates, times and the texts (en, de, fr); default: `<SortedProProvider locale>` or "en-GB". */
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
  const { cartId, onSelect, onError, selectedReference, className, classNames = {} } = props
  const locale = useSortedProLocale(props.locale)
  const labels = { ...labelsFor(locale), ...props.labels }
  const headingId = useId()
  const slot = (name: DeliveryDayPickerSlot) => cx(`spk-${name}`, classNames[name])

  const list = useDeliveryOptions({ cartId, dateFrom: props.dateFrom, dateTo: props.dateTo, guaranteedOnly: props.guaranteedOnly, sdk: props.sdk })
  const [chosenDate, setChosenDate] = useState<string | null>(null)
  const [chosenReference, setChosenReference] = useState<string | null>(selectedReference ?? null)
  const [chosenFallback, setChosenFallback] = useState(false)
  const restore = (previous: string | null) => {
    setChosenReference(previous === FALLBACK ? null : previous)
    setChosenFallback(previous === FALLBACK)
  }
  const { store, statusText, failed } = useStoredChoice(props, labels, list.refetch, restore, selectedReference ?? null)

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

  const money = (price: Money) => formatMoney(price.amount, price.currency_code, locale)
  const choose = (choice: ShippingChoice, option: DeliveryOptionView | null, price: Money) =>
    store(choice, choice.deliveryOptionReference ?? FALLBACK, (cart) => onSelect?.({ kind: "delivery", choice, option, price, cart }))

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
  const chooseFallback = (chosen: { shippingOptionId: string; price: Money }) => {
    setChosenFallback(true)
    setChosenReference(null)
    choose({ shippingOptionId: chosen.shippingOptionId }, null, chosen.price)
  }

  const chosenOption = useMemo(() => list.options.find((option) => option.reference === chosenReference), [list.options, chosenReference])
  const selectionText = statusText(() => {
    if (chosenFallback && fallback) {
      return `${labels.fallbackOption}: ${money(fallback.price)}`
    }
    return chosenOption
      ? labels.chosenDelivery(
          formatDay(chosenOption.date, locale).long,
          formatWindow(chosenOption.window, labels.anyTime, locale),
          money(chosenOption.price)
        )
      : null
  })

  return (
    <section className={cx("spk-root spk-delivery", className)} aria-labelledby={headingId} aria-busy={list.isLoading}>
      <p className={slot("heading")} id={headingId}>
        {labels.deliveryHeading}
      </p>

      {list.status === "loading" && !list.data && <LoadingStatus className={slot("status")} text={labels.loadingDays} />}

      {list.status === "error" && list.error && (
        <ListError
          className={slot("error")}
          buttonClassName={slot("button")}
          message={list.error.needsAddress ? labels.needsAddress : list.error.message}
          retry={labels.retry}
          onRetry={list.refetch}
        />
      )}

      {list.data && list.fallback && fallback && (
        <>
          <div className={slot("notice")} role="status">
            {labels.fallbackNotice(money(fallback.price))}
          </div>
          <RadioList
            items={[fallback]}
            keyOf={(candidate) => candidate.shippingOptionId}
            checkedKey={chosenFallback ? fallback.shippingOptionId : null}
            onCheck={chooseFallback}
            label={labels.fallbackOption}
            className={slot("windows")}
            itemClassName={slot("window")}
            render={(candidate) => ({
              content: (
                <>
                  <span className="spk-dot" aria-hidden="true" />
                  <span className="spk-window-main">
                    <span className="spk-window-time">{labels.fallbackOption}</span>
                  </span>
                  <span className="spk-price">{money(candidate.price)}</span>
                </>
              ),
            })}
          />
        </>
      )}

      {list.data && !list.fallback && list.days.length === 0 && list.status === "success" && (
        <div className={slot("notice")} role="status">
          {labels.noDays}
        </div>
      )}

      {list.days.length > 0 && (
        <DayWindowChoices
          days={list.days}
          chosenDate={chosenDate}
          onChooseDay={setChosenDate}
          chosenReference={chosenReference}
          onChooseWindow={chooseWindow}
          daysLabel={labels.daysLabel}
          windowsLabel={labels.windowsLabel}
          slot={slot}
          money={money}
          labels={labels}
          locale={locale}
        />
      )}

      <ChoiceStatus className={slot("status")} failed={failed} text={selectionText} />
    </section>
  )
}
