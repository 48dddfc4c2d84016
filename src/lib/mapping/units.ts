import type { ResolvedOptions } from "../options"

const KG_PER_UNIT = { g: 0.001, kg: 1, lb: 0.45359237, oz: 0.028349523125 } as const
const CM_PER_UNIT = { cm: 1, mm: 0.1, in: 2.54 } as const

/** `value` rounded to `places` decimals. */
export const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places

/** A Medusa number that may arrive as a BigNumber (`{numeric}`), a string or a number. */
export function toNumber(value: unknown): number {
  if (value !== null && typeof value === "object") {
    const big = value as { numeric?: number; value?: string | number }
    return Number(big.numeric ?? big.value ?? NaN)
  }
  return Number(value ?? 0)
}

/** Variant weight in the store's unit → kg (3 dp); a missing weight counts as 0. */
export function toKg(weight: number | null | undefined, unit: ResolvedOptions["weightUnit"]): number {
  return round(Number(weight ?? 0) * KG_PER_UNIT[unit], 3)
}

/** Variant dimension in the store's unit → cm (1 dp); a missing one counts as 0. */
export function toCm(value: number | null | undefined, unit: ResolvedOptions["dimensionUnit"]): number {
  return round(Number(value ?? 0) * CM_PER_UNIT[unit], 1)
}

export { proDateTime } from "../pro/dates"
