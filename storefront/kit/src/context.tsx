import { createContext, useContext, type ReactNode } from "react"
import type { SortedProSdk } from "./api"

interface SortedProContextValue {
  sdk?: SortedProSdk
  /** BCP 47 locale for prices, dates, times, distances and the kit's own texts (en, de, fr); default "en-GB". */
  locale: string
}

const SortedProContext = createContext<SortedProContextValue>({ locale: "en-GB" })

/**
 * Makes a `@medusajs/js-sdk` instance (and a display locale) available to every kit hook and component below it,
 * so they need no `sdk` prop.
 *
 * Props: `sdk` — the storefront's `Medusa` instance (created with its `publishableKey`); `locale` — BCP 47 tag
 * (default "en-GB"): prices, dates, times and distances are formatted with `Intl` in it, and the kit's own texts are
 * German for `de…`, French for `fr…`, English otherwise (`labelsFor`; a component's `labels` prop overrides single
 * texts); `children`.
 */
export function SortedProProvider({ sdk, locale = "en-GB", children }: { sdk: SortedProSdk; locale?: string; children?: ReactNode }) {
  return <SortedProContext.Provider value={{ sdk, locale }}>{children}</SortedProContext.Provider>
}

/**
 * The sdk to use: `override` when given, else the one from `<SortedProProvider>`.
 * Throws an `Error` naming both ways when neither is there (a programming error, not a shopper one).
 */
export function useSortedProSdk(override?: SortedProSdk): SortedProSdk {
  const context = useContext(SortedProContext)
  const sdk = override ?? context.sdk
  if (!sdk) {
    throw new Error("medusa-plugin-sorted-pro-storefront: pass an `sdk` prop or wrap the tree in <SortedProProvider sdk={…}>")
  }
  return sdk
}

/** The display locale: `override`, else `<SortedProProvider locale>`, else "en-GB". */
export function useSortedProLocale(override?: string): string {
  return override ?? useContext(SortedProContext).locale
}
