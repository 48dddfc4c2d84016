/**
 * Store-route answers shaped exactly like the plugin's (see src/types.ts), and a fetch mock that routes requests
 * to them. Prices are major units (GBP).
 */
import Medusa from "@medusajs/js-sdk"
import type {
  CheckoutAnswer,
  DeliveryOptionsResponse,
  DeliveryOptionView,
  OpeningInterval,
  PickupLocation,
  PickupOptionsResponse,
} from "../src/types"

export const PUBLISHABLE_KEY = "pk_test_kit"
export const BACKEND = "http://store.test"

export function option(
  reference: string,
  date: string,
  dayOfWeek: string,
  window: [string, string] | null,
  amount: number,
  extra: Partial<DeliveryOptionView> = {}
): DeliveryOptionView {
  return {
    reference,
    carrier: "DPD",
    carrier_service: window ? "Timed Delivery" : "Next Day",
    carrier_service_reference: "DPD-TIMED",
    service_types: ["Delivery"],
    date,
    day_of_week: dayOfWeek,
    window: window ? { start: window[0], end: window[1], utc_offset: "+01:00" } : null,
    guaranteed: Boolean(window),
    price: { amount, currency_code: "gbp", tax_inclusive: true },
    allocation_cut_off: `${date}T00:00:00Z`,
    operational_cut_off: null,
    ...extra,
  }
}

const tueAm = option("EDO-000-000-001", "2026-06-09", "Tuesday", ["07:00", "12:00"], 6.5)
const tueAll = option("EDO-000-000-002", "2026-06-09", "Tuesday", null, 3.95)
const wedPm = option("EDO-000-000-003", "2026-06-10", "Wednesday", ["12:00", "18:00"], 5.25)

/** What both routes answer for cart_1 besides the options. */
const answer = (shipping_option_id: string): CheckoutAnswer => ({
  cart_id: "cart_1",
  shipping_option_id,
  currency_code: "gbp",
  fallback: false,
  fallback_price: { amount: 4.99, currency_code: "gbp" },
})

export const deliveryOptions: DeliveryOptionsResponse = {
  ...answer("so_delivery"),
  days: [
    { date: "2026-06-09", day_of_week: "Tuesday", from_price: { amount: 3.95, currency_code: "gbp" }, windows: [tueAll, tueAm] },
    { date: "2026-06-10", day_of_week: "Wednesday", from_price: { amount: 5.25, currency_code: "gbp" }, windows: [wedPm] },
  ],
  options: [tueAll, tueAm, wedPm],
}

export const fallbackDeliveryOptions: DeliveryOptionsResponse = {
  ...deliveryOptions,
  fallback: true,
  days: [],
  options: [],
}

const week = (hours: OpeningInterval[]): PickupLocation["opening_times"] => ({
  monday: hours,
  tuesday: hours,
  wednesday: hours,
  thursday: hours,
  friday: hours,
  saturday: [{ start: "10:00", end: "16:00" }],
  sunday: [],
})

/** A Manchester pickup point open `hours` on weekdays; missing address parts are "" (as the plugin maps them). */
function point(
  [shop_reference, name, address_1, postal_code]: [string, string, string, string],
  distance_km: number,
  hours: OpeningInterval,
  facts: Pick<PickupLocation, "accessibility" | "reservation_required" | "additional_information">,
  options: DeliveryOptionView[]
): PickupLocation {
  const address = { address_1, address_2: "", address_3: "", city: "Manchester", province: "", postal_code, country_code: "GB" }
  return { shop_reference, name, address, distance_km, opening_times: week([hours]), ...facts, options }
}

const inPost = (carrier_service: string) => ({ carrier: "InPost", carrier_service, guaranteed: false })

export const pickupOptions: PickupOptionsResponse = {
  ...answer("so_pickup"),
  locations: [
    point(
      ["SHOP-NEAR", "Oxford Road Post Office", "12 Oxford Road", "M1 5WG"],
      0.4,
      { start: "09:00", end: "17:30" },
      { accessibility: { disabled_access: true }, reservation_required: false, additional_information: { parking: "Street parking" } },
      [option("EDO-100-000-001", "2026-06-10", "Wednesday", null, 2.99, inPost("Shop Collect"))]
    ),
    point(
      ["SHOP-FAR", "Piccadilly Locker", "1 Piccadilly", "M1 1AA"],
      1.25,
      { start: "00:00", end: "23:59" },
      {
        accessibility: { disabled_access: false },
        reservation_required: true,
        additional_information: { LocationType: "Locker", Language: "en", DisabledAccess: "False" },
      },
      [
        option("EDO-100-000-002", "2026-06-10", "Wednesday", null, 2.49, inPost("Locker")),
        option("EDO-100-000-003", "2026-06-11", "Thursday", null, 1.99, inPost("Locker Economy")),
      ]
    ),
  ],
}

export interface Call {
  method: string
  url: URL
  headers: Headers
  body: any
}

type Handler = (call: Call) => { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>

/** Replaces `global.fetch` with a router over `handler`; returns the recorded calls. */
export function mockFetch(handler: Handler): Call[] {
  const calls: Call[] = []
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: (init?.method ?? "GET").toUpperCase(),
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : init?.body,
    }
    calls.push(call)
    const { status = 200, body } = await handler(call)
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
  }) as typeof fetch
  return calls
}

export function newSdk() {
  return new Medusa({ baseUrl: BACKEND, publishableKey: PUBLISHABLE_KEY, auth: { type: "session" } })
}

export function cartWith(data: Record<string, unknown> | undefined, optionId: string) {
  return {
    cart: {
      id: "cart_1",
      currency_code: "gbp",
      shipping_total: 6.5,
      total: 36.5,
      shipping_methods: [{ id: "casm_1", shipping_option_id: optionId, amount: 6.5, data: data ?? {} }],
    },
  }
}

/** A promise with its resolve function, to control when a mocked response arrives. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}
