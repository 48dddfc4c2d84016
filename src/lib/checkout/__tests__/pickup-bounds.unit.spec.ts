import type { ProClient, ProDeliveryOption, ProPickupLocation } from "../../pro"
import { resolveOptions } from "../../options"
import type { CartForDelivery } from "../../mapping"
import { MANCHESTER_ADDRESS } from "../../mapping/__tests__/addresses"
import { BoundedTtlMap } from "../bounded"
import { DeliveryOptionsService, MAX_PICKUP_CHOICES, PICKUP_SEARCHES_PER_MINUTE } from "../delivery-options"

/** Unauthenticated pickup searches stay bounded: memory per cart choice, reuse per search, PRO calls per cart. */
const OPTIONS_PER_SEARCH = 50

const option = (reference: string, gross: number): ProDeliveryOption => ({
  Reference: reference,
  EstimatedDeliveryDate: { Date: "2099-01-02T00:00:00+00:00", Guaranteed: true, DayOfWeek: "Friday" },
  DeliveryWindow: { Start: "00:00:00", End: "23:59:00", UtcOffset: "+00:00" },
  Carrier: "Carrier X",
  CarrierService: "Pickup",
  CarrierServiceReference: "MPD_PICKUP",
  Price: { Net: gross / 1.2, Gross: gross, VatAmount: gross - gross / 1.2, Currency: { Name: "Pound", IsoCode: "GBP" } },
  AllocationCutOff: "2099-01-01T15:00:00+00:00",
})

/** A PRO stand-in answering each Pickup Options call with one location holding 50 options of fresh references. */
function fakePro() {
  let calls = 0
  const client = {
    deliveryOptions: {
      pickup: async () => {
        calls++
        const location = {
          ShopReference: `SHOP-${calls}`,
          Name: "Corner shop",
          Address: { Postcode: "M1 5WG", Country: { IsoCode: { TwoLetterCode: "GB" } } },
          Distance: 1,
          DeliveryOptions: Array.from({ length: OPTIONS_PER_SEARCH }, (_, index) => option(`PDO-${calls}-${index}`, 3 + index / 100)),
        } as unknown as ProPickupLocation
        return { Locations: [location] }
      },
    },
  } as unknown as ProClient
  return { client, calls: () => calls }
}

const cartOf = (id: string): CartForDelivery => ({
  id,
  currency_code: "gbp",
  items: [{ id: "li_1", title: "Mug", quantity: 1, unit_price: 9.5, variant: { weight: 600, length: 12, width: 12, height: 10 } }],
  shipping_address: MANCHESTER_ADDRESS,
})

const serviceWith = (client: ProClient) => new DeliveryOptionsService(client, resolveOptions({ defaultShippingLocation: "SL-MANCHESTER" }))
const search = (postal_code: string, radius_km = 5) => ({ postal_code, radius_km, max_results: 10 })

describe("pickup searches", () => {
  it("remember at most MAX_PICKUP_CHOICES choices, dropping the least recently used", async () => {
    const pro = fakePro()
    const service = serviceWith(pro.client)
    const carts = Math.ceil(MAX_PICKUP_CHOICES / OPTIONS_PER_SEARCH) + 2
    for (let index = 0; index < carts; index++) {
      await service.pickupForCart(cartOf(`cart_${index}`), null, search("M1 5WG"))
    }
    expect(pro.calls()).toBe(carts)
    const remembered = (service as unknown as { pickupChoices: { size: number } }).pickupChoices.size
    expect(remembered).toBeLessThanOrEqual(MAX_PICKUP_CHOICES)
    expect(await service.pickupChoice("cart_0", "PDO-1-0")).toBeNull()
    expect(await service.pickupChoice(`cart_${carts - 1}`, `PDO-${carts}-0`)).not.toBeNull()
  })

  it("reuse the answer to the same search for the same cart (postcode or point, radius), and ask PRO for a new one", async () => {
    const pro = fakePro()
    const service = serviceWith(pro.client)
    const cart = cartOf("cart_reuse")
    const first = await service.pickupForCart(cart, null, search("M1 5WG"))
    const again = await service.pickupForCart(cart, null, search("m1 5wg"))
    expect(again).toEqual(first)
    expect(pro.calls()).toBe(1)
    await service.pickupForCart(cart, null, search("M1 5WG", 10))
    await service.pickupForCart(cart, null, { lat: 53.47, lng: -2.24, radius_km: 5, max_results: 10 })
    await service.pickupForCart(cart, null, { lat: 53.47, lng: -2.24, radius_km: 5, max_results: 10 })
    expect(pro.calls()).toBe(3)
  })

  it(`limit each cart to ${PICKUP_SEARCHES_PER_MINUTE} searches reaching PRO a minute, naming the limit`, async () => {
    const pro = fakePro()
    const service = serviceWith(pro.client)
    const cart = cartOf("cart_limited")
    for (let index = 0; index < PICKUP_SEARCHES_PER_MINUTE; index++) {
      expect((await service.pickupForCart(cart, null, search(`M${index} 1AA`))).ok).toBe(true)
    }
    const refused = await service.pickupForCart(cart, null, search("LS1 4AP"))
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited", limit: PICKUP_SEARCHES_PER_MINUTE, windowSeconds: 60 })
    expect(!refused.ok && refused.message).toContain(`${PICKUP_SEARCHES_PER_MINUTE} pickup searches a minute`)
    expect((await service.pickupForCart(cart, null, search("M0 1AA"))).ok).toBe(true) // a search already answered
    expect((await service.pickupForCart(cartOf("cart_other"), null, search("LS1 4AP"))).ok).toBe(true)
    expect(pro.calls()).toBe(PICKUP_SEARCHES_PER_MINUTE + 1)
  })
})

describe("BoundedTtlMap", () => {
  it("drops the least recently used entry beyond its size, and expired entries", () => {
    const map = new BoundedTtlMap<string, number>(2, 1_000)
    map.set("a", 1)
    map.set("b", 2)
    map.get("a")
    map.set("c", 3)
    expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([1, undefined, 3])
    const now = Date.now()
    jest.spyOn(Date, "now").mockReturnValue(now + 1_001)
    expect(map.get("a")).toBeUndefined()
    jest.restoreAllMocks()
  })
})
