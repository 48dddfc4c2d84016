/**
 * The malformed requests of bad-input.spec.ts: every store and admin route of the plugin (the tables of
 * admin-routes.ts), plus Medusa's own calculate and add-shipping-method routes with malformed SortedPRO `data`,
 * each sent with wrong types, impossible dates, huge and negative numbers, long strings, arrays, nulls and prototype
 * keys (`__proto__`, `constructor`) in the query, the path parameters and the body.
 */
import {
  AdminAllocateBody,
  AdminBulkAllocateBody,
  AdminBulkLabelsBody,
  AdminConsignmentListQuery,
  AdminLabelQuery,
  AdminManifestBody,
  AdminManifestPreviewQuery,
  AdminReconcileBody,
  AdminSettingsBody,
} from "../../../src/api/admin/sorted-pro/middlewares"
import { StoreDeliveryOptionsQuery, StorePickupOptionsQuery } from "../../../src/api/store/sorted-pro/middlewares"
import { EC, JOB, ROUTES } from "./admin-routes"

/** One request of the sweep: `body` is the raw JSON text sent as `application/json` (so `__proto__` keys survive). */
export interface SweepRequest {
  method: "GET" | "POST"
  url: string
  body?: string
  /** Which credentials: the admin's secret key or the store's publishable key. */
  auth: "admin" | "store"
  /** Sent alone, after the others: it changes the cart, which Medusa locks (concurrent calls would wait for the lock). */
  serial?: boolean
}

const LONG = "x".repeat(5_000)
/** Bad query values, as they appear after `key=` (already URL-encoded); `&KEY` repeats the key (an array). */
const QUERY_VALUES = ["", "x", "-1", "1e308", "2025-13-01", "0000-01-01", "25:61", "%00", LONG, "a&KEY=b"]
/** Bad query shapes that replace `key=value` whole (qs objects, prototype paths). */
const QUERY_SHAPES = ["KEY[a]=b", "KEY[__proto__][x]=1"]
/** Bad JSON values, as JSON text. */
const JSON_VALUES = [
  '"x"',
  "-1",
  "1e308",
  "true",
  "null",
  "[1,2]",
  "{}",
  '"2025-13-01"',
  '"25:00"',
  '"\\u0000"',
  JSON.stringify(LONG),
  JSON.stringify(Array.from({ length: 1_000 }, (_, i) => `EC-000-000-${String(i).padStart(3, "0")}`)),
  '{"__proto__":{"polluted":true}}',
]
/** The few bad JSON values sent in each field of Medusa's shipping-method `data` (the whole `data` gets them all). */
const DATA_FIELD_VALUES = ["1", "null", "{}", '"\\u0000"', JSON.stringify(LONG)]
/** Whole bodies that are not an object, or carry prototype keys, or are not JSON at all. */
const RAW_BODIES = ["null", "[]", '"x"', "1", "{", '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}']
/**
 * Bad path parameter values (URL-encoded). Not a malformed percent-encoding such as `%E0%A4%A`: Medusa 2.21 answers
 * 500 to it on every route with a path parameter, its own included (its `/admin*` middleware is matched first, and
 * Express's URIError, status 400, is not an http-errors error, which is all its error handler maps); a plugin could
 * change that only by replacing the host's error handler.
 */
const PARAM_VALUES = ["x", "__proto__", "constructor", "%00", "..%2F..", "x".repeat(300), "EC-000-000-001%20", "0", "-1", "null"]
/** Keys every route is also sent: unknown ones, and prototype keys. */
const EXTRA_KEYS = ["__proto__", "constructor"]

/** The field names of a zod object schema. */
const keysOf = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape)

/** The query and body fields of each admin route, by path pattern and method. */
const ADMIN_FIELDS: Array<[RegExp, string, string[], string[]]> = [
  [/^\/admin\/sorted-pro\/consignments$/, "GET", keysOf(AdminConsignmentListQuery), []],
  [/\/label$/, "GET", keysOf(AdminLabelQuery), []],
  [/\/label$/, "POST", keysOf(AdminLabelQuery), []],
  [/\/allocate$/, "POST", [], keysOf(AdminAllocateBody)],
  [/\/bulk\/allocate$/, "POST", [], keysOf(AdminBulkAllocateBody)],
  [/\/labels\/bulk$/, "POST", [], keysOf(AdminBulkLabelsBody)],
  [/\/manifests$/, "POST", [], keysOf(AdminManifestBody)],
  [/\/manifests\/preview$/, "GET", keysOf(AdminManifestPreviewQuery), []],
  [/\/settings$/, "POST", [], keysOf(AdminSettingsBody)],
  [/\/reconcile$/, "POST", [], keysOf(AdminReconcileBody)],
]

/** Nested bad values of object fields: strategies, records keyed by ids or currencies. */
const NESTED: Record<string, string[]> = {
  strategy: ['{"type":1}', '{"type":"quote","reference":' + JSON.stringify(LONG) + "}", '{"type":"default_rules","__proto__":{"x":1}}'],
  allocation_strategy: ['{"type":null}', '{"type":"carrier_service","reference":[]}', '{"constructor":{"type":"x"}}'],
  shipping_locations: ['{"__proto__":"SL-X"}', '{"constructor":"SL-X"}', '{"x":1}', '{"":""}', `{${JSON.stringify(LONG)}:"SL-X"}`],
  shipping_option_strategies: ['{"__proto__":{"type":"default_rules"}}', '{"so_1":{"type":"x"}}', '{"so_1":null}'],
  fallback_prices: ['{"__proto__":1}', '{"constructor":1}', '{"gbp":-1}', '{"gbp":1e308}', '{"gbp":"4"}'],
}

/** A JSON object text from `base` with `key` set to the JSON text `value` (prototype keys kept as written). */
function withKey(base: Record<string, unknown>, key: string, value: string): string {
  const entries = Object.entries(base)
    .filter(([name]) => name !== key)
    .map(([name, v]) => `${JSON.stringify(name)}:${JSON.stringify(v)}`)
  return `{${[...entries, `${JSON.stringify(key)}:${value}`].join(",")}}`
}

/** The query variants of `url` (its own query kept, `key` replaced): every bad value and shape of every key. */
function queryVariants(url: string, keys: string[]): string[] {
  const [path, own = ""] = url.split("?")
  const out: string[] = []
  for (const key of [...keys, ...EXTRA_KEYS]) {
    const rest = own
      .split("&")
      .filter((pair) => pair && pair.split("=")[0] !== key)
      .join("&")
    const prefix = `${path}?${rest ? `${rest}&` : ""}`
    const extra = EXTRA_KEYS.includes(key)
    for (const value of extra ? ["x", LONG] : QUERY_VALUES) {
      out.push(`${prefix}${key}=${value.replace(/KEY/g, key)}`)
    }
    for (const shape of extra ? [] : QUERY_SHAPES) {
      out.push(`${prefix}${shape.replace(/KEY/g, key)}`)
    }
  }
  return out
}

/** The body variants of a POST: raw bodies, then every bad JSON value (and nested ones) of every key. */
function bodyVariants(base: Record<string, unknown>, keys: string[]): string[] {
  const out = [...RAW_BODIES]
  for (const key of [...keys, ...EXTRA_KEYS]) {
    for (const value of [...JSON_VALUES, ...(Object.prototype.hasOwnProperty.call(NESTED, key) ? NESTED[key] : [])]) {
      out.push(withKey(base, key, value))
    }
  }
  return out
}

/** Path variants: each path parameter (the values of admin-routes.ts's ROUTES) replaced by each bad value. */
function paramVariants(url: string, params: string[]): string[] {
  return params.filter((param) => url.includes(param)).flatMap((param) => PARAM_VALUES.map((value) => url.split(param).join(value)))
}

/** A route to sweep: a valid request shape and the names of its query and body fields. */
interface SweepRoute {
  method: "GET" | "POST"
  url: string
  body?: Record<string, unknown>
  auth: "admin" | "store"
  query: string[]
  fields: string[]
}

/** Every request of the sweep, for the cart `cartId` and the demo's SortedPRO shipping options. */
export function sweepRequests(cartId: string, shippingOptions: { delivery: string; pickup: string }): SweepRequest[] {
  const routes: SweepRoute[] = ROUTES.map(([method, url, body]) => {
    const fields = ADMIN_FIELDS.find(([pattern, m]) => m === method && pattern.test(url))
    return {
      method: method as "GET" | "POST",
      url,
      body: (body as Record<string, unknown> | undefined) ?? (method === "POST" ? {} : undefined),
      auth: "admin",
      query: fields?.[2] ?? [],
      fields: fields?.[3] ?? [],
    }
  })
  routes.push(
    {
      method: "GET",
      url: `/store/sorted-pro/delivery-options?cart_id=${cartId}`,
      auth: "store",
      query: keysOf(StoreDeliveryOptionsQuery),
      fields: [],
    },
    {
      method: "GET",
      url: `/store/sorted-pro/pickup-options?cart_id=${cartId}&postal_code=M1%205WG`,
      auth: "store",
      query: keysOf(StorePickupOptionsQuery),
      fields: [],
    }
  )
  const requests: SweepRequest[] = []
  for (const route of routes) {
    const base = { method: route.method, auth: route.auth }
    const body = route.body ? JSON.stringify(route.body) : undefined
    for (const url of queryVariants(route.url, route.query)) {
      requests.push({ ...base, url, body })
    }
    for (const url of paramVariants(route.url, [EC, JOB, "CN22_EP-000-000-001", "order_01", cartId])) {
      requests.push({ ...base, url, body })
    }
    if (route.body) {
      for (const variant of bodyVariants(route.body, route.fields)) {
        requests.push({ ...base, url: route.url, body: variant })
      }
    }
  }
  requests.push(...medusaRequests(cartId, shippingOptions))
  return requests
}

/** Medusa's calculate and add-shipping-method routes with malformed SortedPRO `data`, on both SortedPRO options. */
function medusaRequests(cartId: string, shippingOptions: { delivery: string; pickup: string }): SweepRequest[] {
  const requests: SweepRequest[] = []
  const dataValues = [
    ...JSON_VALUES,
    ...["delivery_option_reference", "pickup_location_shop_reference", "__proto__", "constructor"].flatMap((key) =>
      DATA_FIELD_VALUES.map((value) => withKey({}, key, value))
    ),
  ]
  for (const option of [shippingOptions.delivery, shippingOptions.pickup]) {
    for (const data of dataValues) {
      requests.push({
        method: "POST",
        url: `/store/shipping-options/${option}/calculate`,
        auth: "store",
        body: withKey({ cart_id: cartId }, "data", data),
      })
    }
    for (const data of dataValues.filter((_, i) => i % 2 === 0)) {
      requests.push({
        method: "POST",
        url: `/store/carts/${cartId}/shipping-methods`,
        auth: "store",
        body: withKey({ option_id: option }, "data", data),
        serial: true,
      })
    }
  }
  return requests
}
