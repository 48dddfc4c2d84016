/**
 * The plugin's options as a host's `medusa-config.ts` writes them. Type-only; published as
 * `medusa-plugin-sorted-pro/types` (declarations built by `npm run build:types`), so a host's config is type-checked:
 * `import type { SortedProOptions } from "medusa-plugin-sorted-pro/types"`. Defaults and checks: src/lib/options.ts,
 * src/lib/options-validation.ts. Object types, not interfaces, so they fit where Medusa's config wants `Record<string, unknown>`.
 */
import type { LabelFormat } from "../lib/pro/labels"
import type { AllocationStrategy } from "./records"

/**
 * Merchant price rules, applied identically in the store routes and in `calculatePrice` (plugin option
 * `priceRules`). Money in major units of the cart currency; PRO's `Price.Gross` is the starting point.
 * - `markupPercent` / `markupFixed`: added to every option (percent first, then the fixed amount).
 * - `freeAbove`: options are free when the cart's item total (unit price × quantity) reaches it.
 * - `rounding`: `"none"` (default), `"0.99"` (up to the next x.99; in a currency without cents such as JPY, the next
 *   whole unit) or `"whole"` (up to the next whole unit). Prices are always rounded in the currency's own minor unit
 *   (0 decimals for JPY, 2 for GBP, 3 for KWD: src/lib/currency.ts).
 * - `services`: per PRO `CarrierServiceReference`: a fixed `price`, or its own `markupPercent`/`markupFixed`
 *   replacing the global markups (an omitted one counts as 0).
 */
export type PriceRules = {
  markupPercent?: number
  markupFixed?: number
  freeAbove?: number
  rounding?: "none" | "0.99" | "whole"
  services?: Record<string, { price?: number; markupPercent?: number; markupFixed?: number }>
}

/**
 * Options of the plugin, its module and its fulfillment provider. Pass the same object to both
 * (README "Install in your Medusa app" and "Options"). Every key is optional.
 *
 * - `apiKey` (env `SORTED_PRO_API_KEY`): PRO subscription key. When absent, the plugin talks to the local
 *   sandbox (`npm run sandbox`) with a dummy key. Never returned by any route or written to a log.
 * - `baseUrl` (env `SORTED_PRO_BASE_URL`): PRO host used with `apiKey`; default `https://apisandbox.electioapp.com`
 *   (PRO's own sandbox). Production is `https://api.electioapp.com` (docs/pro-api.md §1).
 * - `sandboxUrl` (env `SORTED_PRO_SANDBOX_URL`): local sandbox used without `apiKey`; default
 *   `http://127.0.0.1:${SORTED_PRO_SANDBOX_PORT ?? 4010}`.
 * - `shippingLocations`: Medusa stock location id (or name) → PRO `ShippingLocationReference`.
 * - `defaultShippingLocation`: PRO `ShippingLocationReference` for stock locations not in the map. With neither,
 *   a checkout from an unmapped location falls back to `fallbackPrice` and the error names the location.
 * - `weightUnit`: the unit of Medusa variant weights in this store: `g` (default), `kg`, `lb`, `oz`. Sent to PRO in kg.
 * - `dimensionUnit`: the unit of variant length/width/height: `cm` (default), `mm`, `in`. Sent to PRO in cm.
 * - `checkoutTimeoutMs`: hard time budget of one checkout call to PRO, in ms (default 2 500).
 * - `requestTimeoutMs`: timeout of back-office PRO calls, in ms (default 15 000).
 * - `optionsCacheTtlSeconds`: how long one cart state's delivery options are reused (default 120 s; errors 10 s).
 * - `fallbackPrice`: price in major units of the cart currency (e.g. 4.99 = £4.99) charged when PRO
 *   cannot answer at checkout (default 4.99). The order then follows the Order Flex path afterwards.
 * - `labelFormat`: default label format `pdf` | `zpl` | `zplii` | `png` (default `pdf`).
 * - `trackingUrls`: PRO carrier reference → the carrier's tracking page, `{TrackingNumber}` standing for the number
 *   (e.g. `{ SWIFTPOST: "https://swiftpost.example/track?parcel={TrackingNumber}" }`): the `tracking_url` of labels and
 *   shipments. Over the carrier's `TrackingUrl` from PRO when it has one (docs/events.md "Tracking links"); default none.
 * - `backendUrl` (env `MEDUSA_BACKEND_URL`): absolute URL prefixed to `label_url`; relative when absent.
 * - `allocationStrategy`: how consignments we create are allocated: `{type: "default_rules"}` (default),
 *   `{type: "service_group", reference}`, `{type: "carrier_service", reference}`, `{type: "cheapest_quote"}`.
 * - `priceRules`: merchant price rules (markup, free above a subtotal, rounding, per-service overrides): see `PriceRules`.
 * - `defaultPackage`: weight (kg) and length/width/height (cm) used for a cart item whose variant has no weight
 *   (default 0.5 kg, 20×15×10 cm); each such variant is logged once.
 * - `consumerOptionsFlex`: when a delivery-day order becomes a PRO order packed per fulfillment (Consumer Options
 *   Flex): `"auto"` (default: when its stock is reserved at several stock locations), `"always"`, `"never"`.
 * - `manifestTime`: local `HH:MM` (in `manifestTimeZone`) of the daily manifest job; absent = no daily manifest.
 * - `manifestTimeZone`: IANA time zone of `manifestTime` and of the manifest's shipping day (default `Europe/London`);
 *   the admin settings' `manifest_time_zone` overrides it.
 * - `customs`: what PRO's `CustomsDocumentation` (docs/pro-api.md §3.1, §4) says about the shipper for shipments that cross
 *   a customs border (see {@link CustomsOptions}); items always carry their variant's HS code and country of origin.
 */
export type SortedProOptions = {
  apiKey?: string
  baseUrl?: string
  sandboxUrl?: string
  shippingLocations?: Record<string, string>
  defaultShippingLocation?: string
  weightUnit?: "g" | "kg" | "lb" | "oz"
  dimensionUnit?: "cm" | "mm" | "in"
  checkoutTimeoutMs?: number
  requestTimeoutMs?: number
  optionsCacheTtlSeconds?: number
  fallbackPrice?: number
  labelFormat?: LabelFormat
  trackingUrls?: Record<string, string>
  backendUrl?: string
  priceRules?: PriceRules
  consumerOptionsFlex?: "auto" | "always" | "never"
  defaultPackage?: { weight: number; length: number; width: number; height: number }
  allocationStrategy?: AllocationStrategy
  manifestTime?: string
  manifestTimeZone?: string
  customs?: CustomsOptions
}

/**
 * The shipper's side of the customs documentation (docs/pro-api.md §3.1 `CustomsDocumentation`, enums §5), all optional:
 * - `originCountry`: ISO two-letter country the store ships from (default `GB`); a destination outside its customs
 *   territory (another country, unless both are in the EU customs union) gets customs documentation.
 * - `shippingTerms`: Incoterm, PRO `ShippingTerms` (default `DAP`: duties paid by the receiver).
 * - `categoryType`: PRO `CategoryType` of a sale (default `Other`, explained as "Sale of goods"); returns are `ReturnedGoods`.
 * - `shippersVatNumber`, `designatedPersonResponsible`, `officeOfPosting`, `shipperCustomsReference`: copied as they are.
 */
export type CustomsOptions = {
  originCountry?: string
  shippingTerms?: "EXW" | "FCA" | "CPT" | "CIP" | "DAT" | "DAP" | "DDP" | "FAS" | "FOB" | "CFR" | "CIF" | "DDU"
  categoryType?: "Gift" | "CommercialSample" | "Documents" | "Other"
  shippersVatNumber?: string
  designatedPersonResponsible?: string
  officeOfPosting?: string
  shipperCustomsReference?: string
}
