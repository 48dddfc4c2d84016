import { z } from "@medusajs/framework/zod"
import { LABEL_FORMATS } from "./pro/labels"
import type { SortedProOptions } from "./options"
import { canonicalTimeZone } from "./manifest"

/** PRO's own sandbox, used with an `apiKey` when no `baseUrl` is given (docs/pro-api.md §1). */
export const PRO_SANDBOX_HOST = "https://apisandbox.electioapp.com"

/** The environment the checks read (`NODE_ENV`, `SORTED_PRO_*`); `process.env` unless a test passes its own. */
type Env = Record<string, string | undefined>

const url = z.url({ error: "must be an absolute http(s) URL, e.g. https://api.electioapp.com" })
const positive = z.number({ error: "must be a number" }).positive("must be greater than 0")
const money = z.number({ error: "must be a number in major units, e.g. 4.99" }).min(0, "must be 0 or more")
const markups = { markupPercent: z.number({ error: "must be a number" }).optional(), markupFixed: z.number({ error: "must be a number" }).optional() }

/** The shape of {@link SortedProOptions}; unknown keys are left alone (Medusa may pass its own). */
const OptionsSchema = z.object({
  apiKey: z.string({ error: "must be a string" }).optional(),
  baseUrl: url.optional(),
  sandboxUrl: url.optional(),
  shippingLocations: z.record(z.string(), z.string({ error: "must be a PRO ShippingLocationReference string" })).optional(),
  defaultShippingLocation: z.string({ error: "must be a PRO ShippingLocationReference string" }).min(1, "must not be empty").optional(),
  weightUnit: z.enum(["g", "kg", "lb", "oz"], { error: "must be g, kg, lb or oz" }).optional(),
  dimensionUnit: z.enum(["cm", "mm", "in"], { error: "must be cm, mm or in" }).optional(),
  checkoutTimeoutMs: positive.int("must be whole milliseconds").optional(),
  requestTimeoutMs: positive.int("must be whole milliseconds").optional(),
  optionsCacheTtlSeconds: z.number({ error: "must be a number of seconds" }).int("must be whole seconds").min(0, "must be 0 or more").optional(),
  fallbackPrice: money.optional(),
  labelFormat: z.enum(LABEL_FORMATS, { error: `must be one of ${LABEL_FORMATS.join(", ")}` }).optional(),
  trackingUrls: z
    .record(
      z.string(),
      url.refine((value) => value.includes("{TrackingNumber}"), "must contain {TrackingNumber}")
    )
    .optional(),
  backendUrl: url.optional(),
  priceRules: z
    .object({
      ...markups,
      freeAbove: money.optional(),
      rounding: z.enum(["none", "0.99", "whole"], { error: 'must be "none", "0.99" or "whole"' }).optional(),
      services: z.record(z.string(), z.object({ price: money.optional(), ...markups })).optional(),
    })
    .optional(),
  consumerOptionsFlex: z.enum(["auto", "always", "never"], { error: 'must be "auto", "always" or "never"' }).optional(),
  defaultPackage: z.object({ weight: positive, length: positive, width: positive, height: positive }).optional(),
  allocationStrategy: z
    .object({
      type: z.enum(["default_rules", "service_group", "carrier_service", "cheapest_quote"], {
        error: "must be default_rules, service_group, carrier_service or cheapest_quote",
      }),
      reference: z.string().optional(),
    })
    .refine((value) => !["service_group", "carrier_service"].includes(value.type) || Boolean(value.reference), {
      error: "needs a reference for service_group and carrier_service",
      path: ["reference"],
    })
    .optional(),
  manifestTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be local HH:MM, e.g. 17:30")
    .optional(),
  manifestTimeZone: z
    .string()
    .refine((zone) => canonicalTimeZone(zone) !== undefined, "must be an IANA time zone, e.g. Europe/London")
    .optional(),
  customs: z
    .object({
      originCountry: z
        .string()
        .regex(/^[A-Za-z]{2}$/, "must be an ISO two-letter country code")
        .optional(),
      shippingTerms: z.enum(["EXW", "FCA", "CPT", "CIP", "DAT", "DAP", "DDP", "FAS", "FOB", "CFR", "CIF", "DDU"]).optional(),
      categoryType: z.enum(["Gift", "CommercialSample", "Documents", "Other"]).optional(),
    })
    .loose()
    .optional(),
})

/**
 * Checks the plugin options (the object passed to the module and to the fulfillment provider) when Medusa loads them,
 * so a mistake stops the start instead of a checkout. `env` defaults to `process.env`.
 * @throws Error `SortedPRO option <name> <what is wrong>` (one line per problem, `<name>` a dotted path such as
 * `priceRules.rounding`); and, with `NODE_ENV=production`, when there is no `apiKey` (option or `SORTED_PRO_API_KEY`)
 * and no explicit `sandboxUrl` (option or `SORTED_PRO_SANDBOX_URL`): every checkout would otherwise be priced by a local
 * sandbox at 127.0.0.1:4010, which a production host does not run.
 */
export function validateSortedProOptions(options: SortedProOptions | undefined, env: Env = process.env): void {
  const parsed = OptionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `SortedPRO option ${issue.path.map(String).join(".") || "(options)"} ${issue.message}`)
    throw new Error(lines.join("\n"))
  }
  const hasKey = Boolean(options?.apiKey ?? env.SORTED_PRO_API_KEY)
  const explicitSandbox = Boolean(options?.sandboxUrl ?? env.SORTED_PRO_SANDBOX_URL)
  if (env.NODE_ENV === "production" && !hasKey && !explicitSandbox) {
    throw new Error(
      "SortedPRO option apiKey is missing (or set SORTED_PRO_API_KEY) and NODE_ENV is production: without a key the plugin would price " +
        "every checkout against a local PRO sandbox at 127.0.0.1:4010. Set apiKey (and baseUrl: https://api.electioapp.com for live PRO), " +
        "or set sandboxUrl (SORTED_PRO_SANDBOX_URL) explicitly if this production build really is meant to use a sandbox."
    )
  }
}

let hostLogged = false

/**
 * With `NODE_ENV=production`, an `apiKey` and no `baseUrl` (option or `SORTED_PRO_BASE_URL`), logs once per process
 * which PRO host the plugin talks to (PRO's sandbox, {@link PRO_SANDBOX_HOST}) and how to choose live PRO.
 */
export function logProHostOnce(options: SortedProOptions | undefined, logger: { info(message: string): void }, env: Env = process.env): void {
  const hasKey = Boolean(options?.apiKey ?? env.SORTED_PRO_API_KEY)
  if (hostLogged || env.NODE_ENV !== "production" || !hasKey || options?.baseUrl || env.SORTED_PRO_BASE_URL) {
    return
  }
  hostLogged = true
  logger.info(
    `SortedPRO talks to ${PRO_SANDBOX_HOST} (PRO's sandbox): no baseUrl is set. For live PRO set baseUrl (SORTED_PRO_BASE_URL) to https://api.electioapp.com.`
  )
}
