import { useCallback } from "react"
import { getI18n, useTranslation } from "react-i18next"

/**
 * Our texts live in the dashboard's i18next `translation` namespace under this key (src/admin/i18n/json/{en,de,fr}.json,
 * registered by src/admin/i18n/index.ts), so they follow the language staff pick in the admin (Profile → Language).
 */
const PREFIX = "sortedPro"

/** Translates `key` (relative to {@link PREFIX}, e.g. `table.heading`) with i18next `options` (values, `count` for plurals). */
export type Translate = (key: string, options?: Record<string, unknown>) => string

/** The translate function of a component; the component renders again when staff change the admin's language. */
export function useAdminTranslation(): Translate {
  const { t } = useTranslation()
  return useCallback((key: string, options?: Record<string, unknown>) => t(`${PREFIX}.${key}`, options ?? {}) as string, [t])
}

/** {@link Translate} outside a component (helpers called while rendering): the dashboard's i18next instance; the key without one. */
export const translate: Translate = (key, options) => {
  const i18n = getI18n()
  return i18n ? (i18n.t(`${PREFIX}.${key}`, options ?? {}) as string) : key
}

/** The language the admin shows (`en`, `de`, `fr`, …), from the dashboard's i18next; null before it is set up. */
export function adminLanguage(): string | null {
  const i18n = getI18n()
  return i18n?.resolvedLanguage ?? i18n?.language ?? null
}
