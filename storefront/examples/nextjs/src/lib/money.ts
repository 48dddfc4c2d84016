/**
 * A price as the starter's `convertToLocale` shows it: `amount` in MAJOR units of `currencyCode` (Medusa v2 amounts,
 * e.g. 11.65 = £11.65), formatted with Intl for `locale`.
 */
export function formatMoney(amount: number, currencyCode: string, locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
}
