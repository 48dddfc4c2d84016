import type { AllocationStrategy, DeliveryPromise, ErrorRecordView, SyncStatus } from "../../types"
import type { ConsignmentActions } from "../../lib/pro/states"
import type { LabelFormat } from "../../lib/pro/labels"
import { sdk } from "./sdk"
import { adminLanguage, translate } from "./i18n"

/** Our consignment record as the admin routes return it (`src/modules/sorted-pro/models/consignment.ts`). */
export type Consignment = {
  id: string
  order_id: string
  fulfillment_id: string | null
  reference: string | null
  pro_order_reference: string | null
  customer_reference: string
  flow: string
  /** `outbound` to the customer, `inbound` a return. */
  direction: "outbound" | "inbound"
  sync_status: SyncStatus
  state: string | null
  stock_location_id: string | null
  shipping_location_reference: string | null
  carrier_reference: string | null
  carrier_name: string | null
  carrier_service_reference: string | null
  carrier_service_name: string | null
  tracking_numbers: string[]
  packages: {
    items?: Array<{
      package_reference?: string
      weight_kg?: number
      dimensions_cm?: Record<string, number>
      items?: Array<{ sku: string; quantity: number }>
    }>
  } | null
  delivery_promise: DeliveryPromise | null
  allocation_strategy: string | null
  labels_printed_at: string | null
  manifested_at: string | null
  last_error: ErrorRecordView | null
  attempts: number
  /** What staff may do with it, computed by the server from its state (`consignmentActions`). */
  actions: ConsignmentActions
  created_at: string
  updated_at: string
}

export type ProOrder = {
  id: string
  reference: string | null
  flow: string
  sync_status: string
  last_error: Consignment["last_error"]
  attempts: number
}

export type Quote = {
  quote_reference: string
  carrier_reference: string
  carrier_service_reference: string
  carrier_service_name: string
  price: { net: number | null; gross: number | null; currency_code: string }
  collection_date: string | null
  earliest_delivery_date: string | null
  latest_delivery_date: string | null
  expiry_date: string | null
}

export type Strategy = AllocationStrategy

export type BulkJob = {
  id: string
  status: "running" | "done" | "failed"
  total: number
  fetched: number
  merged: number
  failed: Array<{ reference: string; status: number; code: string; message: string; correlation_id: string | null }>
  pages: number | null
  bytes: number | null
  error: string | null
}

export type ManifestResult = {
  message: string
  failed_consignments: Array<{ reference: string; reason: string }>
  consignments: Array<{ id: string; reference: string | null; state: string | null }>
}

export type Catalogue = {
  service_groups: Array<{ reference: string; name: string }>
  carrier_services: Array<{ reference: string; name: string; carrier_reference: string | null; carrier_name: string | null }>
  carriers: Array<{ reference: string; name: string }>
  shipping_locations: Array<{ reference: string; name: string }>
}

/** The plugin's settings in force (`GET /admin/sorted-pro/settings` → `settings`). */
export type PluginSettings = {
  shipping_locations: Record<string, string>
  default_shipping_location: string | null
  allocation_strategy: Strategy
  /** Shipping option id (`so_…`) → its allocation; an option left out uses `allocation_strategy`. */
  shipping_option_strategies: Record<string, Strategy>
  label_format: LabelFormat
  fallback_prices: Record<string, number>
  fallback_price: number
  manifest_time: string | null
  /** IANA time zone of `manifest_time` and of the manifest's shipping day (default Europe/London). */
  manifest_time_zone: string
  last_manifest_at: string | null
  last_tracking_sync_at: string | null
}

/** `GET/POST /admin/sorted-pro/settings`: the settings and what they refer to (stock locations, shipping options, PRO's shipping locations). */
export type SettingsResponse = {
  settings: PluginSettings
  stock_locations: Array<{ id: string; name: string; metadata_shipping_location: string | null }>
  shipping_options: Array<{ id: string; name: string; fulfillment_option: string | null }>
  shipping_locations: Array<{ reference: string; name: string }>
  shipping_locations_error: { message: string; correlation_id: string | null } | null
}

/** Query key and loader of the settings, shared by the settings section and the health panel. */
export const settingsQuery = {
  queryKey: ["sorted-pro", "settings"] as const,
  queryFn: () => adminFetch<SettingsResponse>("/admin/sorted-pro/settings"),
}

/** One reconcile pass (`POST /admin/sorted-pro/reconcile` → `result`); `skipped` says why nothing was tried. */
export type ReconcileResult = { orders_retried: number; fulfillments_retried: number; still_open: number; skipped?: string }

/** A failed admin call: HTTP status, the route's message and PRO's CorrelationId when PRO was involved. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly correlationId: string | null,
    readonly body: unknown
  ) {
    super(message)
  }
}

declare const __BACKEND_URL__: string | undefined
declare const __AUTH_TYPE__: string | undefined
declare const __JWT_TOKEN_STORAGE_KEY__: string | undefined

const base = String(
  (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) ||
    // the sdk's baseUrl is VITE_BACKEND_URL (src/admin/lib/sdk.ts)
    (sdk.client as unknown as { config?: { baseUrl?: string } }).config?.baseUrl ||
    "/"
).replace(/\/+$/, "")

/** The admin's credentials: its session cookie, or its JWT when the admin is built with `authType: "jwt"`. */
function authHeaders(): Record<string, string> {
  if (typeof __AUTH_TYPE__ !== "undefined" && __AUTH_TYPE__ === "jwt") {
    const token = window.localStorage.getItem((typeof __JWT_TOKEN_STORAGE_KEY__ !== "undefined" && __JWT_TOKEN_STORAGE_KEY__) || "medusa_auth_token")
    return token ? { authorization: `Bearer ${token}` } : {}
  }
  return {}
}

/** Absolute URL of a backend path (the admin may be served from another origin in development). */
export function backendUrl(path: string): string {
  return `${base}${path}`
}

/**
 * Calls an admin route with the admin's session cookie. Resolves the JSON body; rejects with {@link AdminApiError}
 * carrying the route's message and `pro.correlation_id`.
 */
export async function adminFetch<T>(
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown; query?: Record<string, string | number | undefined | null> } = {}
): Promise<T> {
  const query = Object.entries(init.query ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join("&")
  const response = await fetch(backendUrl(`${path}${query ? `?${query}` : ""}`), {
    method: init.method ?? "GET",
    credentials: "include",
    headers: { accept: "application/json", ...authHeaders(), ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new AdminApiError(body?.message ?? `${response.status} ${response.statusText}`, response.status, body?.pro?.correlation_id ?? null, body)
  }
  return body as T
}

/** Fetches a file route (label, customs document, merged labels) as a Blob (`POST` prints a label: it is recorded); rejects like {@link adminFetch}. */
export async function adminFile(path: string, method: "GET" | "POST" = "GET"): Promise<Blob> {
  const response = await fetch(backendUrl(path), { method, credentials: "include", headers: authHeaders() })
  if (!response.ok) {
    const body = await response.json().catch(() => ({}))
    throw new AdminApiError(body?.message ?? `${response.status} ${response.statusText}`, response.status, body?.pro?.correlation_id ?? null, body)
  }
  return response.blob()
}

/** Opens a file route in a new tab (print), or saves it under `filename` (download). */
export async function openFile(path: string, filename?: string, method: "GET" | "POST" = "GET") {
  const target = filename ? null : window.open("", "_blank")
  try {
    const blob = await adminFile(path, method)
    const url = URL.createObjectURL(blob)
    if (filename) {
      const link = document.createElement("a")
      link.href = url
      link.download = filename
      document.body.appendChild(link)
      link.click()
      link.remove()
    } else if (target) {
      target.location.href = url
    } else {
      window.open(url, "_blank")
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  } catch (error) {
    target?.close()
    throw error
  }
}

/**
 * Human text of an error for a toast: the message (the server's, as it sent it) and, when PRO was involved, its
 * CorrelationId, in the admin's language.
 */
export function describeError(error: unknown): string {
  if (error instanceof AdminApiError) {
    return error.correlationId ? translate("common.withCorrelation", { message: error.message, id: error.correlationId }) : error.message
  }
  return (error as Error)?.message ?? String(error)
}

/**
 * Money in major units in the admin's locale ({@link adminLocale}), e.g. `£4.99` (en-GB), `4,99 £` (de): `Intl` uses
 * the currency's own minor unit (JPY 0, KWD 3 decimals), the same source as the price rules (src/lib/currency.ts).
 */
export function money(amount: number | null | undefined, currency = "gbp"): string {
  if (amount === null || amount === undefined) {
    return "–"
  }
  const options = { style: "currency", currency: currency.toUpperCase() || "GBP" } as const
  try {
    return new Intl.NumberFormat(adminLocale(), options).format(amount)
  } catch {
    return new Intl.NumberFormat("en-GB", options).format(amount)
  }
}

/** A date (`YYYY-MM-DD`, read as that calendar day, or an ISO instant) in the admin's locale with `format`; `–` when empty. */
function formatDate(value: string | null | undefined, format: (date: Date) => Intl.DateTimeFormatOptions): string {
  if (!value) {
    return "–"
  }
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)
  if (Number.isNaN(date.getTime())) {
    return value
  }
  try {
    return new Intl.DateTimeFormat(adminLocale(), format(date)).format(date)
  } catch {
    return new Intl.DateTimeFormat("en-GB", format(date)).format(date)
  }
}

/**
 * The admin's locale: the language shown in Medusa's admin (the dashboard's i18next, else its `lng` cookie or local
 * storage) with the browser's regional variant of that language (`en` + `en-GB` → `en-GB`, `de` + `de-AT` → `de-AT`);
 * the browser's language when the admin has none.
 */
export function adminLocale(): string {
  const browser = typeof navigator !== "undefined" ? [...(navigator.languages ?? []), navigator.language].filter(Boolean) : []
  let chosen: string | null = adminLanguage()
  try {
    const cookie = /(?:^|;\s*)lng=([^;]+)/.exec(document.cookie)?.[1]
    chosen ??= cookie ? decodeURIComponent(cookie) : window.localStorage.getItem("lng")
  } catch {
    chosen ??= null
  }
  if (!chosen) {
    return browser[0] ?? "en-GB"
  }
  if (chosen.includes("-")) {
    return chosen
  }
  return browser.find((locale) => locale.toLowerCase().startsWith(`${chosen!.toLowerCase()}-`)) ?? chosen
}

/**
 * An ISO instant as a date and time in the admin's locale ({@link adminLocale}), with the parts {@link day} shows,
 * e.g. `Tue, 17 Jun 2025, 17:00` in en-GB; `–` when empty.
 */
export function localDateTime(value: string | null | undefined): string {
  if (!value) {
    return "–"
  }
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) {
    return value
  }
  const parts = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" } as const
  try {
    return new Intl.DateTimeFormat(adminLocale(), parts).format(date)
  } catch {
    return new Intl.DateTimeFormat("en-GB", parts).format(date)
  }
}

const TIME = { hour: "2-digit", minute: "2-digit" } as const

/** A date (`YYYY-MM-DD` or ISO instant) as `Tue 17 Jun 2025`; a time too when `withTime`. */
export function day(value: string | null | undefined, withTime = false): string {
  return formatDate(value, () => ({ weekday: "short", day: "numeric", month: "short", year: "numeric", ...(withTime ? TIME : {}) }))
}

/** A date for tables: `Tue 17 Jun`, with the year only when it is not this year; a time too when `withTime`. */
export function shortDay(value: string | null | undefined, withTime = false): string {
  return formatDate(value, (date) => ({
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(date.getFullYear() !== new Date().getFullYear() ? { year: "numeric" } : {}),
    ...(withTime ? TIME : {}),
  }))
}

/** Strategy types that have a name of their own (`strategy.<type>` in the translations). */
const STRATEGY_NAMES = new Set(["default_rules", "service_group", "carrier_service", "quote", "cheapest_quote", "delivery_option"])

/** `quote:…` / `service_group:SG_NEXTDAY` → readable text in the admin's language. */
export function strategyText(value: string | null | undefined): string {
  if (!value) {
    return "–"
  }
  const [type, reference] = value.split(":")
  const name = STRATEGY_NAMES.has(type) ? translate(`strategy.${type}`) : type
  return reference ? `${name} ${type === "quote" ? reference.slice(0, 8) : reference}` : name
}
