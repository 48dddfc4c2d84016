import { ProClient, ProClientLogger } from "./pro"
import { PRO_SANDBOX_HOST } from "./options-validation"
import { DEFAULT_MANIFEST_TIME_ZONE } from "./manifest"
export { logProHostOnce, PRO_SANDBOX_HOST, validateSortedProOptions } from "./options-validation"
import type { CustomsOptions, SortedProOptions } from "../types/options"
export type { CustomsOptions, PriceRules, SortedProOptions } from "../types/options"

/** {@link SortedProOptions} with defaults and environment applied. */
export type ResolvedOptions = Required<Omit<SortedProOptions, "apiKey" | "defaultShippingLocation" | "backendUrl" | "manifestTime" | "customs">> & {
  customs: CustomsOptions & Required<Pick<CustomsOptions, "originCountry" | "shippingTerms" | "categoryType">>
  manifestTime?: string
  apiKey: string
  mode: "sandbox" | "live"
  defaultShippingLocation?: string
  backendUrl: string
}

/** Applies defaults and the `SORTED_PRO_*` environment variables (documented on {@link SortedProOptions}). */
export function resolveOptions(options: SortedProOptions = {}): ResolvedOptions {
  const apiKey = options.apiKey ?? process.env.SORTED_PRO_API_KEY ?? ""
  const sandboxUrl = options.sandboxUrl ?? process.env.SORTED_PRO_SANDBOX_URL ?? `http://127.0.0.1:${process.env.SORTED_PRO_SANDBOX_PORT ?? 4010}`
  const live = apiKey !== ""
  return {
    apiKey: live ? apiKey : "sandbox",
    mode: live ? "live" : "sandbox",
    baseUrl: live ? (options.baseUrl ?? process.env.SORTED_PRO_BASE_URL ?? PRO_SANDBOX_HOST) : sandboxUrl,
    sandboxUrl,
    shippingLocations: options.shippingLocations ?? {},
    defaultShippingLocation: options.defaultShippingLocation,
    weightUnit: options.weightUnit ?? "g",
    dimensionUnit: options.dimensionUnit ?? "cm",
    checkoutTimeoutMs: options.checkoutTimeoutMs ?? 2_500,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    optionsCacheTtlSeconds: options.optionsCacheTtlSeconds ?? 120,
    fallbackPrice: options.fallbackPrice ?? 4.99,
    labelFormat: options.labelFormat ?? "pdf",
    trackingUrls: options.trackingUrls ?? {},
    allocationStrategy: options.allocationStrategy ?? { type: "default_rules" },
    priceRules: options.priceRules ?? {},
    consumerOptionsFlex: options.consumerOptionsFlex ?? "auto",
    defaultPackage: options.defaultPackage ?? { weight: 0.5, length: 20, width: 15, height: 10 },
    manifestTime: options.manifestTime,
    manifestTimeZone: options.manifestTimeZone ?? DEFAULT_MANIFEST_TIME_ZONE,
    customs: {
      ...options.customs,
      originCountry: (options.customs?.originCountry ?? "GB").toUpperCase(),
      shippingTerms: options.customs?.shippingTerms ?? "DAP",
      categoryType: options.customs?.categoryType ?? "Other",
    },
    backendUrl: (options.backendUrl ?? process.env.MEDUSA_BACKEND_URL ?? "").replace(/\/+$/, ""),
  }
}

const clients = new Map<string, ProClient>()

/**
 * The process's one {@link ProClient} for these options (host, key and timeout): the module and the fulfillment
 * provider (which Medusa builds in separate containers) share it, and with it its connection pool. The first
 * caller's logger is the client's.
 */
export function proClientFor(options: ResolvedOptions, logger?: ProClientLogger): ProClient {
  const key = JSON.stringify([options.baseUrl, options.apiKey, options.requestTimeoutMs])
  let client = clients.get(key)
  if (!client) {
    client = new ProClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: options.requestTimeoutMs, logger })
    clients.set(key, client)
  }
  return client
}
