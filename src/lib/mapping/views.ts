import type { ProDeliveryOption } from "../pro"
import type { CarrierCost, DeliveryOptionView } from "../../types"
import { round } from "./units"

const hhmm = (time?: string | null) =>
  time
    ? time
        .split(":")
        .slice(0, 2)
        .map((part) => part.padStart(2, "0"))
        .join(":")
    : ""

/**
 * A PRO delivery option as {@link DeliveryOptionView}. `price.amount` is PRO `Price.Gross` (tax-inclusive, major units),
 * to be replaced by the shopper's price (`priceView` in src/lib/checkout/pricing.ts) before any shopper sees it; PRO's
 * net and VAT are not carried. The window is dropped when it spans the whole day.
 */
export function toView(option: ProDeliveryOption): DeliveryOptionView {
  const window = option.DeliveryWindow
  const start = hhmm(window?.Start)
  const end = hhmm(window?.End)
  const allDay = !window || (start === "00:00" && (end === "23:59" || end === "00:00"))
  return {
    reference: option.Reference,
    carrier: option.Carrier,
    carrier_service: option.CarrierService,
    carrier_service_reference: option.CarrierServiceReference,
    service_types: option.CarrierServiceTypes ?? [],
    date: option.EstimatedDeliveryDate.Date.slice(0, 10),
    day_of_week: option.EstimatedDeliveryDate.DayOfWeek ?? weekday(option.EstimatedDeliveryDate.Date.slice(0, 10)),
    window: allDay ? null : { start, end, utc_offset: window?.UtcOffset ?? null },
    guaranteed: Boolean(option.EstimatedDeliveryDate.Guaranteed),
    price: { amount: round(Number(option.Price.Gross), 2), currency_code: option.Price.Currency.IsoCode.toLowerCase(), tax_inclusive: true },
    allocation_cut_off: option.AllocationCutOff ?? null,
    operational_cut_off: option.OperationalCutOff ?? null,
  }
}

/** PRO's price of an option as our record keeps it (admin only): gross, net and VAT in major units (§3.2 `Price`). */
export function toCarrierCost(option: ProDeliveryOption): CarrierCost {
  const gross = Number(option.Price.Gross)
  const net = Number(option.Price.Net ?? gross)
  return {
    gross: round(gross, 2),
    net: round(net, 2),
    vat: round(Number(option.Price.VatAmount ?? gross - net), 2),
    currency_code: option.Price.Currency.IsoCode.toLowerCase(),
  }
}

function weekday(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" })
}

/**
 * Storefront-ready options: only those in the cart's currency (never offer another currency) whose
 * AllocationCutOff is still ahead of `now`, sorted by date, window start, then price.
 */
export function toCheckoutOptions(options: ProDeliveryOption[], currencyCode: string, now = Date.now()): DeliveryOptionView[] {
  return options
    .filter((option) => option.Price?.Currency?.IsoCode?.toLowerCase() === currencyCode.toLowerCase())
    .filter((option) => !option.AllocationCutOff || Date.parse(option.AllocationCutOff) > now)
    .map(toView)
    .sort((a, b) => a.date.localeCompare(b.date) || (a.window?.start ?? "").localeCompare(b.window?.start ?? "") || a.price.amount - b.price.amount)
}
