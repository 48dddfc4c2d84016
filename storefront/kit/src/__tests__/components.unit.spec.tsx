import { fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { DeliveryDayPicker } from "../components/DeliveryDayPicker"
import { PickupPointPicker } from "../components/PickupPointPicker"
import { SortedProProvider } from "../context"
import { groupByDay } from "../format"
import { cartWith, deliveryOptions, fallbackDeliveryOptions, mockFetch, newSdk, pickupOptions } from "../../test/fixtures"

const sdk = newSdk()
const isList = (call: { method: string }) => call.method === "GET"
const addsMethod = (call: { method: string; url: URL }) => call.method === "POST" && call.url.pathname.endsWith("/shipping-methods")

function routes(listing: unknown) {
  return mockFetch((call) => (call.method === "GET" ? { body: listing } : { body: cartWith(call.body?.data, call.body?.option_id) }))
}

describe("<DeliveryDayPicker>", () => {
  it("shows days with from prices, the first day's windows, and stores the chosen window", async () => {
    const calls = routes(deliveryOptions)
    const onSelect = jest.fn()
    render(
      <SortedProProvider sdk={sdk}>
        <DeliveryDayPicker cartId="cart_1" onSelect={onSelect} />
      </SortedProProvider>
    )
    expect(screen.getByText("Loading delivery dates…").getAttribute("role")).toBe("status")
    const days = await screen.findByRole("radiogroup", { name: "Delivery day" })
    const dayRadios = within(days).getAllByRole("radio")
    expect(dayRadios.map((radio) => radio.getAttribute("aria-label"))).toEqual(["Tuesday 9 June, from £3.95", "Wednesday 10 June, from £5.25"])
    expect(dayRadios[0].getAttribute("aria-checked")).toBe("true")
    const windows = screen.getByRole("radiogroup", { name: "Delivery time on Tuesday 9 June" })
    const windowRadios = within(windows).getAllByRole("radio")
    expect(windowRadios.map((radio) => radio.getAttribute("aria-label"))).toEqual([
      "Any time, DPD Next Day, £3.95",
      "07:00–12:00, DPD Timed Delivery, Guaranteed, £6.50",
    ])
    expect(windowRadios[1].textContent).toContain("Guaranteed")

    fireEvent.click(windowRadios[1])
    await waitFor(() => expect(onSelect).toHaveBeenCalledTimes(1))
    expect(calls.filter(addsMethod).map((call) => call.body)).toEqual([
      { option_id: "so_delivery", data: { delivery_option_reference: "EDO-000-000-001" } },
    ])
    expect(onSelect.mock.calls[0][0]).toMatchObject({
      kind: "delivery",
      choice: { shippingOptionId: "so_delivery", deliveryOptionReference: "EDO-000-000-001" },
      option: { reference: "EDO-000-000-001", window: { start: "07:00", end: "12:00" } },
      price: { amount: 6.5, currency_code: "gbp" },
      cart: { id: "cart_1" },
    })
    expect(windowRadios[1].getAttribute("aria-checked")).toBe("true")
    expect(screen.getByText("Delivery on Tuesday 9 June, 07:00–12:00: £6.50")).toBeTruthy()
  })

  it("moves between days with the arrow keys (one tab stop, roving focus)", async () => {
    routes(deliveryOptions)
    render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} />)
    const days = within(await screen.findByRole("radiogroup", { name: "Delivery day" })).getAllByRole("radio")
    expect(days.map((day) => day.tabIndex)).toEqual([0, -1])
    days[0].focus()
    fireEvent.keyDown(days[0], { key: "ArrowRight" })
    expect(document.activeElement).toBe(days[1])
    expect(days[1].getAttribute("aria-checked")).toBe("true")
    expect(days.map((day) => day.tabIndex)).toEqual([-1, 0])
    expect(screen.getByRole("radiogroup", { name: "Delivery time on Wednesday 10 June" })).toBeTruthy()
    fireEvent.keyDown(days[1], { key: "ArrowRight" })
    expect(document.activeElement).toBe(days[0])
    fireEvent.keyDown(days[0], { key: "End" })
    expect(document.activeElement).toBe(days[1])
  })

  it("offers standard delivery at the fallback price, with no data, when PRO is unavailable", async () => {
    const calls = routes(fallbackDeliveryOptions)
    const onSelect = jest.fn()
    render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} onSelect={onSelect} />)
    expect(await screen.findByText("Delivery dates are unavailable right now. Standard delivery at £4.99.")).toBeTruthy()
    expect(screen.queryByRole("radiogroup", { name: "Delivery day" })).toBeNull()
    fireEvent.click(screen.getByRole("radio", { name: /Standard delivery/ }))
    await waitFor(() => expect(onSelect).toHaveBeenCalled())
    expect(calls.filter(addsMethod).map((call) => call.body)).toEqual([{ option_id: "so_delivery" }])
    expect(onSelect.mock.calls[0][0]).toMatchObject({ option: null, price: { amount: 4.99 } })
  })

  it("offers another shipping option as the fallback when given one, and reports a refused fallback as the store says", async () => {
    let refuse = true
    const calls = mockFetch((call) =>
      call.method === "GET"
        ? { body: fallbackDeliveryOptions }
        : refuse
          ? { status: 400, body: { type: "invalid_data", message: "data.delivery_option_reference is required: choose a delivery option" } }
          : { body: cartWith(call.body?.data, call.body?.option_id) }
    )
    const { unmount } = render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} />)
    fireEvent.click(await screen.findByRole("radio", { name: /Standard delivery/ }))
    expect(await screen.findByText("data.delivery_option_reference is required: choose a delivery option")).toBeTruthy()
    expect(screen.getByRole("radio", { name: /Standard delivery/ }).getAttribute("aria-checked")).toBe("false")
    unmount()

    refuse = false
    const onSelect = jest.fn()
    render(
      <DeliveryDayPicker
        cartId="cart_1"
        sdk={sdk}
        onSelect={onSelect}
        fallbackOption={{ shippingOptionId: "so_standard", price: { amount: 3.95, currency_code: "gbp" } }}
      />
    )
    expect(await screen.findByText("Delivery dates are unavailable right now. Standard delivery at £3.95.")).toBeTruthy()
    fireEvent.click(screen.getByRole("radio", { name: /Standard delivery/ }))
    await waitFor(() => expect(onSelect).toHaveBeenCalled())
    expect(calls.filter(addsMethod).map((call) => call.body)).toEqual([{ option_id: "so_delivery" }, { option_id: "so_standard" }])
    expect(onSelect.mock.calls[0][0]).toMatchObject({ option: null, price: { amount: 3.95 }, choice: { shippingOptionId: "so_standard" } })
    expect(screen.getByText("Standard delivery: £3.95")).toBeTruthy()
  })

  it("asks for an address when the cart has none, and retries", async () => {
    let listing: { status: number; body: unknown } = {
      status: 400,
      body: { type: "invalid_data", message: "shipping_address.postal_code: the cart has no shipping address" },
    }
    const calls = mockFetch(() => listing)
    const onError = jest.fn()
    render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} onError={onError} />)
    const alert = await screen.findByRole("alert")
    expect(alert.textContent).toContain("Enter your delivery address to see delivery dates.")
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ needsAddress: true }))
    listing = { status: 200, body: deliveryOptions }
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }))
    expect(await screen.findByRole("radiogroup", { name: "Delivery day" })).toBeTruthy()
    expect(calls.filter(isList)).toHaveLength(2)
  })

  it("lists again and says so when the store refuses an expired choice", async () => {
    const calls = mockFetch((call) =>
      call.method === "GET"
        ? { body: deliveryOptions }
        : { status: 400, body: { type: "invalid_data", message: "data.delivery_option_reference: expired, choose again" } }
    )
    render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} />)
    const windows = within(await screen.findByRole("radiogroup", { name: /Delivery time/ })).getAllByRole("radio")
    fireEvent.click(windows[0])
    expect(await screen.findByText("That option is no longer available. Please choose again.")).toBeTruthy()
    await waitFor(() => expect(calls.filter(isList)).toHaveLength(2))
    expect(windows[0].getAttribute("aria-checked")).toBe("false")
  })

  it("goes back to the stored window when storing a new one fails", async () => {
    let failing = false
    mockFetch((call) =>
      call.method === "GET"
        ? { body: deliveryOptions }
        : failing
          ? { status: 500, body: { type: "unknown_error", message: "An unknown error occurred." } }
          : { body: cartWith(call.body?.data, call.body?.option_id) }
    )
    render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} />)
    const windows = within(await screen.findByRole("radiogroup", { name: /Delivery time/ })).getAllByRole("radio")
    fireEvent.click(windows[1])
    await screen.findByText(/^Delivery on Tuesday 9 June, 07:00–12:00/)
    failing = true
    fireEvent.click(windows[0])
    expect(await screen.findByText("An unknown error occurred.")).toBeTruthy()
    expect(windows.map((radio) => radio.getAttribute("aria-checked"))).toEqual(["false", "true"])
  })

  it("shows the empty state", async () => {
    routes({ ...deliveryOptions, days: [], options: [] })
    render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} />)
    expect(await screen.findByText("No delivery dates are available for this address.")).toBeTruthy()
  })

  it("scopes every class under the spk- prefix and adds className props", async () => {
    routes(deliveryOptions)
    const { container } = render(<DeliveryDayPicker cartId="cart_1" sdk={sdk} className="mine" classNames={{ day: "my-day" }} />)
    await screen.findByRole("radiogroup", { name: "Delivery day" })
    const classes = new Set(Array.from(container.querySelectorAll("[class]")).flatMap((element) => Array.from(element.classList)))
    expect([...classes].filter((name) => !name.startsWith("spk-")).sort()).toEqual(["mine", "my-day"])
  })
})

describe("<PickupPointPicker>", () => {
  // 2026-06-13 is a Saturday
  const saturday = new Date(2026, 5, 13, 11, 0)

  it("searches the given postcode, lists points nearest first with today's hours and flags, and stores a point's option", async () => {
    const calls = routes(pickupOptions)
    const onSelect = jest.fn()
    render(<PickupPointPicker cartId="cart_1" sdk={sdk} postalCode="M1 5WG" now={saturday} onSelect={onSelect} />)
    const points = within(await screen.findByRole("radiogroup", { name: "Pickup points" })).getAllByRole("radio")
    expect(calls.filter(isList)[0].url.searchParams.get("postal_code")).toBe("M1 5WG")
    expect(points.map((point) => point.getAttribute("aria-label"))).toEqual([
      "Oxford Road Post Office, 0.4 km away, 12 Oxford Road, Manchester M1 5WG, Open today 10:00–16:00, Step-free access, from £2.99",
      "Piccadilly Locker, 1.3 km away, 1 Piccadilly, Manchester M1 1AA, Open today 10:00–16:00, Reservation required, from £1.99",
    ])
    expect(screen.queryByRole("group", { name: "Piccadilly Locker" })).toBeNull()

    fireEvent.click(points[1])
    const details = screen.getByRole("group", { name: "Piccadilly Locker" })
    const rows = within(details).getAllByRole("row")
    expect(rows.map((row) => row.textContent)).toEqual([
      "Monday00:00–23:59",
      "Tuesday00:00–23:59",
      "Wednesday00:00–23:59",
      "Thursday00:00–23:59",
      "Friday00:00–23:59",
      "Saturday10:00–16:00",
      "SundayClosed",
    ])
    expect(rows[5].getAttribute("aria-current")).toBe("date")
    const info = details.querySelector("dl")!
    expect(Array.from(info.children).map((entry) => entry.textContent)).toEqual(["Location typeLocker"])
    const collectionDays = within(within(details).getByRole("radiogroup", { name: "Collection day at Piccadilly Locker" })).getAllByRole("radio")
    expect(collectionDays.map((day) => day.getAttribute("aria-label"))).toEqual(["Wednesday 10 June, from £2.49", "Thursday 11 June, from £1.99"])
    expect(within(details).getByRole("radiogroup", { name: "Collection options on Wednesday 10 June" })).toBeTruthy()
    collectionDays[0].focus()
    fireEvent.keyDown(collectionDays[0], { key: "ArrowRight" })
    const options = within(within(details).getByRole("radiogroup", { name: "Collection options on Thursday 11 June" })).getAllByRole("radio")
    expect(options.map((option) => option.getAttribute("aria-label"))).toEqual(["Any time, InPost Locker Economy, £1.99"])
    fireEvent.click(options[0])
    await waitFor(() => expect(onSelect).toHaveBeenCalledTimes(1))
    expect(calls.filter(addsMethod).map((call) => call.body)).toEqual([
      { option_id: "so_pickup", data: { delivery_option_reference: "EDO-100-000-003", pickup_location_shop_reference: "SHOP-FAR" } },
    ])
    expect(onSelect.mock.calls[0][0]).toMatchObject({
      kind: "pickup",
      location: { shop_reference: "SHOP-FAR" },
      option: { reference: "EDO-100-000-003" },
    })
    expect(screen.getByText("Collect from Piccadilly Locker on Thursday 11 June: £1.99")).toBeTruthy()
  })

  it("searches a typed postcode, and moves between points with the arrow keys", async () => {
    const calls = routes(pickupOptions)
    render(<PickupPointPicker cartId="cart_1" sdk={sdk} now={saturday} />)
    expect(screen.queryByRole("radiogroup")).toBeNull()
    fireEvent.change(screen.getByLabelText("Postcode"), { target: { value: "m1 1aa" } })
    fireEvent.click(screen.getByRole("button", { name: "Search" }))
    const points = within(await screen.findByRole("radiogroup", { name: "Pickup points" })).getAllByRole("radio")
    expect(calls.filter(isList)[0].url.searchParams.get("postal_code")).toBe("m1 1aa")
    points[0].focus()
    fireEvent.keyDown(points[0], { key: "ArrowDown" })
    expect(document.activeElement).toBe(points[1])
    expect(points[1].getAttribute("aria-checked")).toBe("true")
    expect(screen.getByRole("group", { name: "Piccadilly Locker" })).toBeTruthy()
  })

  it("uses the shopper's location", async () => {
    const calls = routes(pickupOptions)
    const getCurrentPosition = jest.fn((success: PositionCallback) =>
      success({ coords: { latitude: 53.4723456, longitude: -2.2412345 } } as GeolocationPosition)
    )
    Object.defineProperty(navigator, "geolocation", { value: { getCurrentPosition }, configurable: true })
    render(<PickupPointPicker cartId="cart_1" sdk={sdk} now={saturday} />)
    fireEvent.click(screen.getByRole("button", { name: "Use my location" }))
    await screen.findByRole("radiogroup", { name: "Pickup points" })
    expect(Object.fromEntries(calls.filter(isList)[0].url.searchParams)).toEqual({ cart_id: "cart_1", lat: "53.47235", lng: "-2.24123" })
  })

  it("explains a refused location and the pickup fallback", async () => {
    routes({ ...pickupOptions, fallback: true, locations: [] })
    Object.defineProperty(navigator, "geolocation", {
      value: {
        getCurrentPosition: (_: PositionCallback, failure: PositionErrorCallback) =>
          failure({ code: 1, message: "User denied Geolocation" } as GeolocationPositionError),
      },
      configurable: true,
    })
    render(<PickupPointPicker cartId="cart_1" sdk={sdk} postalCode="M1 5WG" />)
    expect(await screen.findByText("Pickup points are unavailable right now. Choose home delivery (standard delivery at £4.99).")).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "Use my location" }))
    expect(screen.getByRole("alert").textContent).toBe("Your location is not available (User denied Geolocation). Search by postcode instead.")
  })

  it("renders a map only when renderMap is given", async () => {
    routes(pickupOptions)
    const renderMap = jest.fn(({ locations }) => <div data-testid="map">{locations.length} points</div>)
    const { rerender } = render(<PickupPointPicker cartId="cart_1" sdk={sdk} postalCode="M1 5WG" />)
    await screen.findByRole("radiogroup", { name: "Pickup points" })
    expect(screen.queryByTestId("map")).toBeNull()
    rerender(<PickupPointPicker cartId="cart_1" sdk={sdk} postalCode="M1 5WG" renderMap={renderMap} />)
    expect(screen.getByTestId("map").textContent).toBe("2 points")
  })
})

describe("groupByDay", () => {
  it("groups a pickup point's options by date with the cheapest as from price", () => {
    const days = groupByDay([...pickupOptions.locations[1].options].reverse())
    expect(days.map((day) => [day.date, day.from_price.amount, day.windows.map((option) => option.reference)])).toEqual([
      ["2026-06-10", 2.49, ["EDO-100-000-002"]],
      ["2026-06-11", 1.99, ["EDO-100-000-003"]],
    ])
  })
})
