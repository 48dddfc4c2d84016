import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from "react"
import type { SortedProError, SortedProSdk, StoreCart } from "../api"
import { useSortedProLocale } from "../context"
import { formatDay, formatMoney, groupByDay, weekdayKey } from "../format"
import { usePickupOptions } from "../hooks/usePickupOptions"
import { DayWindowChoices, useReportError } from "./DayWindowChoices"
import { ChoiceStatus, ListError, LoadingStatus, useStoredChoice } from "./PickerParts"
import { describePoint, PickupPointFacts } from "./PickupPointFacts"
import { RadioList } from "./RadioList"
import { labelsFor, type SortedProLabels } from "../labels"
import { cx } from "../radio"
import type { DeliveryOptionView, PickupLocation, PickupSearch, ShippingChoice } from "../types"

/** Element slots of `<PickupPointPicker>` that accept an extra class name through `classNames`. */
export type PickupPointPickerSlot =
  | "heading"
  | "search"
  | "input"
  | "button"
  | "points"
  | "point"
  | "details"
  | "hours"
  | "days"
  | "day"
  | "windows"
  | "window"
  | "badge"
  | "notice"
  | "error"
  | "status"

/** What `onSelect` receives once a pickup point's option is chosen (and, with `addToCart`, stored on the cart). */
export interface PickupSelection {
  kind: "pickup"
  /** The choice as sent: shipping option, `deliveryOptionReference` and `pickupLocationShopReference`. */
  choice: ShippingChoice
  location: PickupLocation
  option: DeliveryOptionView
  /** The updated cart when `addToCart` is on (default), else `null`. */
  cart: StoreCart | null
}

/** What a `renderMap` function receives: the listed points (nearest first), the chosen one, and a way to choose. */
export interface PickupMapProps {
  locations: PickupLocation[]
  chosenShopReference: string | null
  choose: (shopReference: string) => void
}

/** Props of `<PickupPointPicker>`. */
export interface PickupPointPickerProps {
  /** The cart to price for. */
  cartId: string | null | undefined
  /** Called after a point's option is chosen and, with `addToCart`, stored on the cart. */
  onSelect?: (selection: PickupSelection) => void
  /** Called when a search or storing fails (`SortedProError`), and for geolocation failures (no `status`). */
  onError?: (error: SortedProError | Error) => void
  /** Postcode to search at first (e.g. the cart's shipping address); the shopper can change it. */
  postalCode?: string
  /** Search radius in km (store default 5, max 50) and maximum points (1–50, store default 10). */
  radiusKm?: number
  maxResults?: number
  /** Store the choice with `sdk.store.cart.addShippingMethod` (default `true`); `false` only reports it via `onSelect`. */
  addToCart?: boolean
  /** Fields of the cart returned to `onSelect` (js-sdk `fields`). */
  cartFields?: string
  /**
   * Optional map, off by default: rendered beside the list when given (bring your own map library and tiles).
   * The list never needs it, nor any network beyond the store.
   */
  renderMap?: (props: PickupMapProps) => ReactNode
  /** The moment "today" refers to in opening hours (default: now, viewer's time zone). */
  now?: Date
  /** A `@medusajs/js-sdk` instance; default: the one from `<SortedProProvider>`. */
  sdk?: SortedProSdk
  /** BCP 47 locale for prices, dates, times, distances and the texts (en, de, fr); default: `<SortedProProvider locale>` or "en-GB". */
  locale?: string
  /** Replacement texts (see `SortedProLabels`). */
  labels?: Partial<SortedProLabels>
  /** Extra class on the root element (which always has `spk-root spk-pickup`). */
  className?: string
  /** Extra classes per element slot. */
  classNames?: Partial<Record<PickupPointPickerSlot, string>>
}

/**
 * Pickup-point picker: search by postcode or "use my location" (`navigator.geolocation`), a list of points nearest
 * first (distance, address, today's opening hours, step-free access and reservation flags, "from" price), and the
 * chosen point's week of opening hours, its collection days ("from" prices) and each day's options. Choosing an option adds the cart's
 * "sorted-pro-pickup" shipping method with `data` `{ delivery_option_reference, pickup_location_shop_reference }`.
 *
 * Data: `GET /store/sorted-pro/pickup-options`. Prices are MAJOR units of the cart currency, tax-inclusive.
 * Keyboard: points, collection days and options are radio groups (arrow keys, Home/End). No map unless `renderMap` is given.
 * Styling: class names prefixed `spk-`; import the optional `styles.css` and theme it with `--spk-*` variables.
 */
export function PickupPointPicker(props: PickupPointPickerProps) {
  const { cartId, onSelect, onError, className, classNames = {}, renderMap } = props
  const locale = useSortedProLocale(props.locale)
  const labels = { ...labelsFor(locale), ...props.labels }
  const headingId = useId()
  const inputId = useId()
  const slot = (name: PickupPointPickerSlot) => cx(`spk-${name}`, classNames[name])

  const [postcode, setPostcode] = useState(props.postalCode ?? "")
  const [search, setSearch] = useState<PickupSearch | null>(props.postalCode?.trim() ? { postalCode: props.postalCode } : null)
  const [geo, setGeo] = useState<{ state: "idle" | "locating" | "error"; message?: string }>({ state: "idle" })
  const [chosenShop, setChosenShop] = useState<string | null>(null)
  const [chosenReference, setChosenReference] = useState<string | null>(null)

  const list = usePickupOptions({ cartId, search, radiusKm: props.radiusKm, maxResults: props.maxResults, sdk: props.sdk })
  const { store, statusText, failed } = useStoredChoice(props, labels, list.refetch, setChosenReference)
  const locations = list.locations
  const location = locations.find((candidate) => candidate.shop_reference === chosenShop)
  const options = location?.options ?? []
  const pointDays = useMemo(() => groupByDay(options), [options])
  const [pointDate, setPointDate] = useState<string | null>(null)

  useReportError(list.error, onError)

  const today = weekdayKey(props.now ?? new Date())
  const money = (price: { amount: number; currency_code: string }) => formatMoney(price.amount, price.currency_code, locale)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (postcode.trim()) {
      setSearch({ postalCode: postcode.trim() })
    }
  }
  // known only once mounted: a server has no geolocation, and the first render must match the server's markup
  const [geolocation, setGeolocation] = useState<Geolocation | undefined>(undefined)
  useEffect(() => setGeolocation(typeof navigator !== "undefined" ? navigator.geolocation : undefined), [])
  const locate = () => {
    if (!geolocation) {
      return
    }
    setGeo({ state: "locating" })
    geolocation.getCurrentPosition(
      (position) => {
        setGeo({ state: "idle" })
        const round = (value: number) => Math.round(value * 1e5) / 1e5
        setSearch({ lat: round(position.coords.latitude), lng: round(position.coords.longitude) })
      },
      (failure) => {
        const message = labels.locationUnavailable(failure.message || "permission denied")
        setGeo({ state: "error", message })
        onError?.(new Error(message))
      },
      { timeout: 10_000, maximumAge: 300_000 }
    )
  }

  const choosePoint = (shopReference: string) => {
    if (shopReference !== chosenShop) {
      setChosenShop(shopReference)
      setChosenReference(null)
      setPointDate(null)
    }
  }
  const chooseOption = (option: DeliveryOptionView) => {
    if (!location || !list.shippingOptionId) {
      return
    }
    setChosenReference(option.reference)
    const choice: ShippingChoice = {
      shippingOptionId: list.shippingOptionId,
      deliveryOptionReference: option.reference,
      pickupLocationShopReference: location.shop_reference,
    }
    const chosenLocation = location
    store(choice, option.reference, (cart) => onSelect?.({ kind: "pickup", choice, location: chosenLocation, option, cart }))
  }

  const chosenOption = options.find((option) => option.reference === chosenReference)
  const selectionText = statusText(() =>
    location && chosenOption ? labels.chosenPickup(location.name, formatDay(chosenOption.date, locale).long, money(chosenOption.price)) : null
  )

  return (
    <section className={cx("spk-root spk-pickup", className)} aria-labelledby={headingId} aria-busy={list.isLoading}>
      <p className={slot("heading")} id={headingId}>
        {labels.pickupHeading}
      </p>

      <form className={slot("search")} role="search" aria-labelledby={headingId} onSubmit={submit}>
        <label className="spk-label" htmlFor={inputId}>
          {labels.postcodeLabel}
        </label>
        <input
          id={inputId}
          className={slot("input")}
          value={postcode}
          onChange={(event) => setPostcode(event.target.value)}
          autoComplete="postal-code"
          inputMode="text"
          required
        />
        <button type="submit" className={cx(slot("button"), "spk-button-primary")}>
          {labels.search}
        </button>
        {geolocation && (
          <button type="button" className={slot("button")} onClick={locate} disabled={geo.state === "locating"}>
            {geo.state === "locating" ? labels.locating : labels.useMyLocation}
          </button>
        )}
      </form>

      {geo.state === "error" && (
        <div className={slot("error")} role="alert">
          {geo.message}
        </div>
      )}

      {list.isLoading && <LoadingStatus className={slot("status")} text={labels.loadingPoints} />}

      {list.status === "error" && list.error && (
        <ListError
          className={slot("error")}
          buttonClassName={slot("button")}
          message={list.error.message}
          retry={labels.retry}
          onRetry={list.refetch}
        />
      )}

      {list.status === "success" && list.fallback && list.fallbackPrice && (
        <div className={slot("notice")} role="status">
          {labels.pickupFallbackNotice(money(list.fallbackPrice))}
        </div>
      )}

      {list.status === "success" && !list.fallback && locations.length === 0 && (
        <div className={slot("notice")} role="status">
          {labels.noPoints}
        </div>
      )}

      {locations.length > 0 && (
        <div className={cx("spk-pickup-body", renderMap && "spk-pickup-body-map")}>
          {renderMap && <div className="spk-map">{renderMap({ locations, chosenShopReference: chosenShop, choose: choosePoint })}</div>}
          <RadioList
            items={locations}
            keyOf={(candidate) => candidate.shop_reference}
            checkedKey={chosenShop}
            onCheck={(candidate) => choosePoint(candidate.shop_reference)}
            label={labels.pointsLabel}
            className={slot("points")}
            itemClassName={slot("point")}
            render={(candidate) => describePoint(candidate, { today, labels, locale, money, badgeClass: slot("badge") })}
          />

          {location && (
            <div className={slot("details")} aria-label={location.name} role="group">
              <PickupPointFacts location={location} today={today} hoursClass={slot("hours")} labels={labels} locale={locale} />
              {pointDays.length === 0 ? (
                <div className={slot("notice")}>{labels.noPointOptions}</div>
              ) : (
                <DayWindowChoices
                  days={pointDays}
                  chosenDate={pointDate}
                  onChooseDay={setPointDate}
                  chosenReference={chosenReference}
                  onChooseWindow={chooseOption}
                  daysLabel={labels.pointOptionsLabel(location.name)}
                  windowsLabel={labels.pointWindowsLabel}
                  slot={slot}
                  money={money}
                  labels={labels}
                  locale={locale}
                />
              )}
            </div>
          )}
        </div>
      )}

      <ChoiceStatus className={slot("status")} failed={failed} text={selectionText} />
    </section>
  )
}
