import { act, renderHook, waitFor } from "@testing-library/react"
import type { ReactNode } from "react"
import { NETWORK_MESSAGE } from "../api"
import { SortedProProvider } from "../context"
import { useDeliveryOptions } from "../hooks/useDeliveryOptions"
import { usePickupOptions } from "../hooks/usePickupOptions"
import { useSelectShippingOption } from "../hooks/useSelectShippingOption"
import { cartWith, deferred, deliveryOptions, fallbackDeliveryOptions, mockFetch, newSdk, pickupOptions, PUBLISHABLE_KEY } from "../../test/fixtures"

const sdk = newSdk()
const wrapper = ({ children }: { children: ReactNode }) => <SortedProProvider sdk={sdk}>{children}</SortedProProvider>

describe("useDeliveryOptions", () => {
  it("lists the cart's days through the js-sdk with the publishable key", async () => {
    const calls = mockFetch(() => ({ body: deliveryOptions }))
    const { result } = renderHook(() => useDeliveryOptions({ cartId: "cart_1" }), { wrapper })
    expect(result.current.status).toBe("loading")
    await waitFor(() => expect(result.current.status).toBe("success"))

    expect(calls).toHaveLength(1)
    expect(calls[0].method).toBe("GET")
    expect(calls[0].url.pathname).toBe("/store/sorted-pro/delivery-options")
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ cart_id: "cart_1" })
    expect(calls[0].headers.get("x-publishable-api-key")).toBe(PUBLISHABLE_KEY)
    expect(result.current.days.map((day) => [day.date, day.from_price.amount, day.windows.length])).toEqual([
      ["2026-06-09", 3.95, 2],
      ["2026-06-10", 5.25, 1],
    ])
    expect(result.current.options).toHaveLength(3)
    expect(result.current.shippingOptionId).toBe("so_delivery")
    expect(result.current.fallback).toBe(false)
    expect(result.current.error).toBeNull()
  })

  it("passes date and guaranteed filters as the route's query fields", async () => {
    const calls = mockFetch(() => ({ body: deliveryOptions }))
    const { result } = renderHook(() =>
      useDeliveryOptions({ cartId: "cart_1", dateFrom: "2026-06-09", dateTo: "2026-06-12", guaranteedOnly: true, sdk })
    )
    await waitFor(() => expect(result.current.status).toBe("success"))
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({
      cart_id: "cart_1",
      date_from: "2026-06-09",
      date_to: "2026-06-12",
      guaranteed_only: "true",
    })
  })

  it("stays idle without a cart and throws a clear error without an sdk", () => {
    const calls = mockFetch(() => ({ body: deliveryOptions }))
    const { result } = renderHook(() => useDeliveryOptions({ cartId: null }), { wrapper })
    expect(result.current.status).toBe("idle")
    expect(calls).toHaveLength(0)
    jest.spyOn(console, "error").mockImplementation(() => undefined)
    expect(() => renderHook(() => useDeliveryOptions({ cartId: "cart_1" }))).toThrow(/SortedProProvider/)
  })

  it("reports a cart without shipping address as a 400 naming the field", async () => {
    mockFetch(() => ({
      status: 400,
      body: { type: "invalid_data", message: "shipping_address.postal_code: the cart has no shipping address postcode" },
    }))
    const { result } = renderHook(() => useDeliveryOptions({ cartId: "cart_1" }), { wrapper })
    await waitFor(() => expect(result.current.status).toBe("error"))
    expect(result.current.error).toMatchObject({ status: 400, field: "shipping_address.postal_code", needsAddress: true, chooseAgain: false })
    expect(result.current.days).toEqual([])
  })

  it("reports a 404 for an unknown cart, and refetch asks again", async () => {
    let answer: { status: number; body: unknown } = { status: 404, body: { type: "not_found", message: "cart_id: cart cart_x was not found" } }
    const calls = mockFetch(() => answer)
    const { result } = renderHook(() => useDeliveryOptions({ cartId: "cart_x" }), { wrapper })
    await waitFor(() => expect(result.current.status).toBe("error"))
    expect(result.current.error).toMatchObject({ status: 404, field: "cart_id", needsAddress: false })
    answer = { status: 200, body: deliveryOptions }
    act(() => result.current.refetch())
    await waitFor(() => expect(result.current.status).toBe("success"))
    expect(calls).toHaveLength(2)
  })

  it("says the store could not be reached when fetch fails", async () => {
    global.fetch = jest.fn(async () => {
      throw new TypeError("Failed to fetch")
    }) as typeof fetch
    const { result } = renderHook(() => useDeliveryOptions({ cartId: "cart_1" }), { wrapper })
    await waitFor(() => expect(result.current.status).toBe("error"))
    expect(result.current.error).toMatchObject({ status: undefined, field: undefined, message: NETWORK_MESSAGE })
  })

  it("exposes the fallback flag and price when PRO is unavailable", async () => {
    mockFetch(() => ({ body: fallbackDeliveryOptions }))
    const { result } = renderHook(() => useDeliveryOptions({ cartId: "cart_1" }), { wrapper })
    await waitFor(() => expect(result.current.status).toBe("success"))
    expect(result.current.fallback).toBe(true)
    expect(result.current.fallbackPrice).toEqual({ amount: 4.99, currency_code: "gbp" })
    expect(result.current.days).toEqual([])
    expect(result.current.shippingOptionId).toBe("so_delivery")
  })

  it("ignores an answer that arrives after a newer request", async () => {
    const slow = deferred<{ body: unknown }>()
    mockFetch((call) => (call.url.searchParams.get("cart_id") === "cart_old" ? slow.promise : { body: { ...deliveryOptions, cart_id: "cart_new" } }))
    const { result, rerender } = renderHook(({ cartId }) => useDeliveryOptions({ cartId }), { wrapper, initialProps: { cartId: "cart_old" } })
    rerender({ cartId: "cart_new" })
    await waitFor(() => expect(result.current.data?.cart_id).toBe("cart_new"))
    await act(async () => slow.resolve({ body: { ...deliveryOptions, cart_id: "cart_old" } }))
    expect(result.current.data?.cart_id).toBe("cart_new")
  })
})

describe("usePickupOptions", () => {
  it("searches by postcode with radius and result limit", async () => {
    const calls = mockFetch(() => ({ body: pickupOptions }))
    const { result } = renderHook(() => usePickupOptions({ cartId: "cart_1", search: { postalCode: " M1 5WG " }, radiusKm: 10, maxResults: 5 }), {
      wrapper,
    })
    await waitFor(() => expect(result.current.status).toBe("success"))
    expect(calls[0].url.pathname).toBe("/store/sorted-pro/pickup-options")
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ cart_id: "cart_1", postal_code: "M1 5WG", radius_km: "10", max_results: "5" })
    expect(calls[0].headers.get("x-publishable-api-key")).toBe(PUBLISHABLE_KEY)
    expect(result.current.locations.map((location) => location.shop_reference)).toEqual(["SHOP-NEAR", "SHOP-FAR"])
    expect(result.current.shippingOptionId).toBe("so_pickup")
  })

  it("searches by coordinates, and stays idle without a search", async () => {
    const calls = mockFetch(() => ({ body: pickupOptions }))
    const { result, rerender } = renderHook(({ search }) => usePickupOptions({ cartId: "cart_1", search }), {
      wrapper,
      initialProps: { search: null as null | { lat: number; lng: number } },
    })
    expect(result.current.status).toBe("idle")
    expect(calls).toHaveLength(0)
    rerender({ search: { lat: 53.47, lng: -2.24 } })
    await waitFor(() => expect(result.current.status).toBe("success"))
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ cart_id: "cart_1", lat: "53.47", lng: "-2.24" })
  })

  it("names the refused field of a bad search", async () => {
    mockFetch(() => ({ status: 400, body: { type: "invalid_data", message: "max_results: must be between 1 and 50" } }))
    const { result } = renderHook(() => usePickupOptions({ cartId: "cart_1", search: { postalCode: "M1 5WG" }, maxResults: 80 }), { wrapper })
    await waitFor(() => expect(result.current.status).toBe("error"))
    expect(result.current.error).toMatchObject({ status: 400, field: "max_results" })
  })
})

describe("useSelectShippingOption", () => {
  const answerCart = (call: { url: URL; body: any }) => ({ body: cartWith(call.body?.data, call.body?.option_id) })

  it("adds home delivery with data.delivery_option_reference", async () => {
    const calls = mockFetch(answerCart)
    const { result } = renderHook(() => useSelectShippingOption({ cartId: "cart_1" }), { wrapper })
    let cart: any
    await act(async () => {
      cart = await result.current.select({ shippingOptionId: "so_delivery", deliveryOptionReference: "EDO-000-000-001" })
    })
    expect(calls).toHaveLength(1)
    expect(calls[0].method).toBe("POST")
    expect(calls[0].url.pathname).toBe("/store/carts/cart_1/shipping-methods")
    expect(calls[0].body).toEqual({ option_id: "so_delivery", data: { delivery_option_reference: "EDO-000-000-001" } })
    expect(calls[0].headers.get("x-publishable-api-key")).toBe(PUBLISHABLE_KEY)
    expect(cart.shipping_methods[0].data).toEqual({ delivery_option_reference: "EDO-000-000-001" })
    expect(result.current.status).toBe("success")
    expect(result.current.cart?.id).toBe("cart_1")
  })

  it("adds a pickup point with both references, and a fallback with no data", async () => {
    const calls = mockFetch(answerCart)
    const { result } = renderHook(() => useSelectShippingOption({ cartId: "cart_1", fields: "*shipping_methods" }), { wrapper })
    await act(async () => {
      await result.current.select({
        shippingOptionId: "so_pickup",
        deliveryOptionReference: "EDO-100-000-001",
        pickupLocationShopReference: "SHOP-NEAR",
      })
    })
    await act(async () => {
      await result.current.select({ shippingOptionId: "so_delivery" })
    })
    expect(calls[0].body).toEqual({
      option_id: "so_pickup",
      data: { delivery_option_reference: "EDO-100-000-001", pickup_location_shop_reference: "SHOP-NEAR" },
    })
    expect(calls[0].url.searchParams.get("fields")).toBe("*shipping_methods")
    expect(calls[1].body).toEqual({ option_id: "so_delivery" })
  })

  it("rejects an expired choice with chooseAgain and keeps the error", async () => {
    mockFetch(() => ({
      status: 400,
      body: { type: "invalid_data", message: "data.delivery_option_reference: this delivery option has expired, please choose again" },
    }))
    const { result } = renderHook(() => useSelectShippingOption({ cartId: "cart_1" }), { wrapper })
    let caught: any
    await act(async () => {
      caught = await result.current.select({ shippingOptionId: "so_delivery", deliveryOptionReference: "EDO-999-999-999" }).catch((error) => error)
    })
    expect(caught).toMatchObject({ name: "SortedProError", status: 400, field: "data.delivery_option_reference", chooseAgain: true })
    expect(result.current.status).toBe("error")
    expect(result.current.error?.message).toMatch(/choose again/)
  })

  it("coalesces quick successive choices so the cart ends on the last one", async () => {
    const gates: Array<ReturnType<typeof deferred<void>>> = []
    const calls = mockFetch(async (call) => {
      const gate = deferred<void>()
      gates.push(gate)
      await gate.promise
      return answerCart(call)
    })
    const { result } = renderHook(() => useSelectShippingOption({ cartId: "cart_1" }), { wrapper })
    const settled: string[] = []
    act(() => {
      for (const reference of ["EDO-000-000-001", "EDO-000-000-002", "EDO-000-000-003"]) {
        void result.current
          .select({ shippingOptionId: "so_delivery", deliveryOptionReference: reference })
          .then((cart: any) => settled.push(`${reference}→${cart.shipping_methods[0].data.delivery_option_reference}`))
      }
    })
    expect(result.current.status).toBe("pending")
    expect(result.current.selected?.deliveryOptionReference).toBe("EDO-000-000-003")
    await waitFor(() => expect(gates).toHaveLength(1))
    await act(async () => gates[0].resolve())
    await waitFor(() => expect(gates).toHaveLength(2))
    await act(async () => gates[1].resolve())
    await waitFor(() => expect(result.current.status).toBe("success"))

    expect(calls.map((call) => call.body.data.delivery_option_reference)).toEqual(["EDO-000-000-001", "EDO-000-000-003"])
    expect(settled).toEqual(["EDO-000-000-001→EDO-000-000-001", "EDO-000-000-002→EDO-000-000-003", "EDO-000-000-003→EDO-000-000-003"])
    expect(result.current.cart?.shipping_methods?.[0].data).toEqual({ delivery_option_reference: "EDO-000-000-003" })
  })

  it("previews a choice's price with the store's calculate route", async () => {
    const calls = mockFetch((call) => ({
      body: { shipping_option: { id: "so_delivery", amount: call.body.data ? 6.5 : 3.95, calculated_price: {} } },
    }))
    const { result } = renderHook(() => useSelectShippingOption({ cartId: "cart_1" }), { wrapper })
    let chosen = 0
    let from = 0
    await act(async () => {
      chosen = await result.current.preview({ shippingOptionId: "so_delivery", deliveryOptionReference: "EDO-000-000-001" })
      from = await result.current.preview({ shippingOptionId: "so_delivery" })
    })
    expect(calls[0].url.pathname).toBe("/store/shipping-options/so_delivery/calculate")
    expect(calls[0].body).toEqual({ cart_id: "cart_1", data: { delivery_option_reference: "EDO-000-000-001" } })
    expect(calls[1].body).toEqual({ cart_id: "cart_1" })
    expect([chosen, from]).toEqual([6.5, 3.95])
    expect(result.current.status).toBe("idle")
  })
})
