import type { DeliveryDay, DeliveryOptionView } from "../../types"
import type { PriceRules } from "../options"
import { minorUnitDigits, roundToMinorUnit } from "../currency"

export type { PriceRules }

/**
 * Applies `rules` to one PRO gross price for a service and cart subtotal; money in major units of `currencyCode` (the
 * cart's, case-insensitive). The result is rounded in the currency's own minor unit (`minorUnitDigits`: 1357 JPY,
 * 11.65 GBP, 1.222 KWD), then `rounding` applies: `"0.99"` up to the next x.99 (a currency without cents, such as
 * JPY, has none: up to the next whole unit, as `"whole"`), `"whole"` up to the next whole unit. Never negative.
 */
export function applyPriceRules(
  gross: number,
  rules: PriceRules,
  serviceReference: string | undefined,
  subtotal: number,
  currencyCode: string
): number {
  if (rules.freeAbove !== undefined && subtotal >= rules.freeAbove) {
    return 0
  }
  const round = (value: number) => roundToMinorUnit(value, currencyCode)
  const service = serviceReference ? rules.services?.[serviceReference] : undefined
  const markup = service ?? rules
  let price = service?.price ?? gross * (1 + (markup.markupPercent ?? 0) / 100) + (markup.markupFixed ?? 0)
  price = Math.max(0, round(price))
  if (rules.rounding === "0.99" && minorUnitDigits(currencyCode) >= 2) {
    price = round(Math.ceil(round(price + 0.01)) - 0.01)
  } else if (rules.rounding === "0.99" || rules.rounding === "whole") {
    price = Math.ceil(price)
  }
  return price
}

/**
 * The view as the shopper sees it: `price.amount` (PRO's gross price, fresh from `toView`) replaced by the price after
 * `rules` in the view's currency ({@link applyPriceRules}), and nothing else of PRO's price kept. Apply once per view
 * made from PRO's answer.
 */
export function priceView(view: DeliveryOptionView, rules: PriceRules, subtotal: number): DeliveryOptionView {
  const amount = applyPriceRules(view.price.amount, rules, view.carrier_service_reference, subtotal, view.price.currency_code)
  return { ...view, price: { amount, currency_code: view.price.currency_code, tax_inclusive: true } }
}

/** Groups options (already sorted by date, window, price) by delivery day, in date order. */
export function groupByDay(options: DeliveryOptionView[]): DeliveryDay[] {
  const days = new Map<string, DeliveryDay>()
  for (const option of options) {
    const day = days.get(option.date)
    if (!day) {
      days.set(option.date, {
        date: option.date,
        day_of_week: option.day_of_week,
        from_price: { amount: option.price.amount, currency_code: option.price.currency_code },
        windows: [option],
      })
    } else {
      day.windows.push(option)
      day.from_price.amount = Math.min(day.from_price.amount, option.price.amount)
    }
  }
  return [...days.values()]
}
