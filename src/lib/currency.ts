/**
 * The one definition of a currency's minor unit in this plugin: the number of decimals `Intl.NumberFormat` uses for it
 * (ISO 4217 via the runtime's ICU data: JPY 0, GBP/EUR 2, KWD 3). No Medusa import: the admin may use it too.
 */

const digits = new Map<string, number>()

/**
 * Decimals of `currencyCode`'s minor unit (case-insensitive ISO 4217 code): `Intl.NumberFormat(…).resolvedOptions()
 * .maximumFractionDigits` for the currency style. 2 for a code `Intl` refuses (not three letters). Remembered per code.
 */
export function minorUnitDigits(currencyCode: string): number {
  const code = currencyCode.toUpperCase()
  let known = digits.get(code)
  if (known === undefined) {
    try {
      known = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    } catch {
      known = 2
    }
    digits.set(code, known)
  }
  return known
}

/** `amount` (major units) rounded half away from zero to the minor unit of `currencyCode` (1357.4 JPY → 1357, 1.2221 KWD → 1.222). */
export function roundToMinorUnit(amount: number, currencyCode: string): number {
  const factor = 10 ** minorUnitDigits(currencyCode)
  // toPrecision(12) first: 1.005 × 100 is 100.49999… in binary floating point
  return Math.sign(amount) * (Math.round(Number((Math.abs(amount) * factor).toPrecision(12))) / factor)
}
