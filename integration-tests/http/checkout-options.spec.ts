import { SORTED_PRO_MODULE } from "../../src/modules/sorted-pro"
import type SortedProModuleService from "../../src/modules/sorted-pro/service"
import { expectRefusedAfterCutOff, failed, injectFault, newCart, payAndComplete, UK_ADDRESS, waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * The store routes and the checkout rules: listing by day with filters, pickup points, choosing and
 * re-validation, cut-off expiry between choice and completion, clear 4xx for bad input, and the fallback
 * when PRO fails.
 */
// PRO's per-request timeout far beyond any test's: only the checkout budget can end a call to a hanging PRO
sortedProSuite(
  { clearFaultsAfterEach: true, env: { SORTED_PRO_REQUEST_TIMEOUT_MS: "600000" } },
  ({ api, getContainer, sandbox, seed, admin, store }) => {
    afterEach(() => jest.restoreAllMocks())

    const listing = async (cartId: string, extra = "") => (await api.get(`/store/sorted-pro/delivery-options?cart_id=${cartId}${extra}`, store)).data

    it("lists days with windows and from-prices, and filters by date and guarantee", async () => {
      const cart = await newCart(api, seed, store)
      const all = await listing(cart.id)
      expect(all.days.map((day: any) => day.date)).toEqual([...new Set(all.options.map((option: any) => option.date))])
      const second = all.days[1].date
      const filtered = await listing(cart.id, `&date_from=${second}&date_to=${second}`)
      expect(filtered.days.map((day: any) => day.date)).toEqual([second])
      const guaranteed = await listing(cart.id, "&guaranteed_only=true")
      expect(guaranteed.options.length).toBeGreaterThan(0)
      expect(guaranteed.options.every((option: any) => option.guaranteed)).toBe(true)
      expect(guaranteed.options.length).toBeLessThanOrEqual(all.options.length)
    })

    it("answers bad storefront input with a 4xx naming the field", async () => {
      const cart = await newCart(api, seed, store)
      const cases: Array<[string, number, string]> = [
        [`/store/sorted-pro/delivery-options?cart_id=${cart.id}&guaranteed_only=maybe`, 400, "guaranteed_only"],
        [`/store/sorted-pro/delivery-options?cart_id=${cart.id}&date_from=tomorrow`, 400, "date_from"],
        [`/store/sorted-pro/delivery-options?cart_id=${"x".repeat(5000)}`, 400, "cart_id"],
        [`/store/sorted-pro/delivery-options?cart_id=cart_doesnotexist`, 404, "cart_id"],
        [`/store/sorted-pro/pickup-options?cart_id=${cart.id}`, 400, "postal_code"],
        [`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1 5WG&max_results=0`, 400, "max_results"],
        [`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1 5WG&max_results=51`, 400, "max_results"],
        [`/store/sorted-pro/pickup-options?cart_id=${cart.id}&lat=north&lng=1`, 400, "lat"],
        [`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=${"9".repeat(300)}`, 400, "postal_code"],
      ]
      for (const [url, status, field] of cases) {
        const response = await failed(api.get(url, store))
        expect({ url: url.slice(0, 120), status: response.status }).toEqual({ url: url.slice(0, 120), status })
        expect(JSON.stringify(response.data)).toContain(field)
      }
      const noAddress = await newCart(api, seed, store, null)
      const missing = await failed(api.get(`/store/sorted-pro/delivery-options?cart_id=${noAddress.id}`, store))
      expect([400, 404]).toContain(missing.status)
    })

    it("limits a cart's pickup searches reaching PRO, answering 429 naming the limit; a repeated search is reused", async () => {
      const cart = await newCart(api, seed, store)
      const search = (postcode: string) => failed(api.get(`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=${postcode}`, store))
      const pickupCalls = () =>
        Object.entries(sandbox.sandbox.requests.counts)
          .filter(([endpoint]) => endpoint.includes("pickupoptions"))
          .reduce((sum, [, count]) => sum + count, 0)
      const before = pickupCalls()
      for (const postcode of ["M1 5WG", "M1 5WG", "M2 1AA", "M3 1AA", "M4 1AA", "M5 1AA", "M6 1AA", "M7 1AA", "M8 1AA", "M9 1AA", "M11 1AA"]) {
        expect((await search(postcode)).status).toBe(200)
      }
      const limited = await search("LS1 4AP")
      expect(limited.status).toBe(429)
      expect(limited.data).toMatchObject({ type: "too_many_requests", limit: 10, window_seconds: 60 })
      expect(limited.data.message).toContain("10 pickup searches a minute")
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
      expect(pickupCalls() - before).toBe(10)
    })

    it("refuses another cart's reference and a malformed one, asking to choose again", async () => {
      const mine = await newCart(api, seed, store)
      const theirs = await newCart(api, seed, store, { ...UK_ADDRESS, postal_code: "EH1 1YZ" })
      const their = (await listing(theirs.id)).options[0]
      for (const reference of [their.reference, "not-a-reference", 12345]) {
        const response = await failed(
          api.post(
            `/store/carts/${mine.id}/shipping-methods`,
            { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: reference } },
            store
          )
        )
        expect(response.status).toBe(400)
        expect(response.data.message).toContain("delivery_option_reference")
      }
    })

    it("Pickup: searches points, stores the chosen one (reserving where required), selects it at order.placed, labels and manifests", async () => {
      const cart = await newCart(api, seed, store)
      const { data } = await api.get(`/store/sorted-pro/pickup-options?cart_id=${cart.id}&postal_code=M1 5WG&max_results=12&radius_km=10`, store)
      expect(data.fallback).toBe(false)
      expect(data.shipping_option_id).toBe(seed.shipping_options.pickup)
      expect(data.locations.length).toBeGreaterThan(1)
      expect(data.locations.length).toBeLessThanOrEqual(12)
      const distances = data.locations.map((location: any) => location.distance_km)
      expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b))
      const location = data.locations.find((candidate: any) => candidate.reservation_required && candidate.options.length) ?? data.locations[0]
      expect(Object.keys(location.opening_times)).toEqual(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
      expect(typeof location.accessibility.disabled_access).toBe("boolean")
      const option = location.options[0]
      const { data: priced } = await api.post(
        `/store/shipping-options/${seed.shipping_options.pickup}/calculate`,
        { cart_id: cart.id, data: { delivery_option_reference: option.reference, pickup_location_shop_reference: location.shop_reference } },
        store
      )
      expect(priced.shipping_option.amount).toBe(option.price.amount)
      const wrongShop = await failed(
        api.post(
          `/store/carts/${cart.id}/shipping-methods`,
          { option_id: seed.shipping_options.pickup, data: { delivery_option_reference: option.reference, pickup_location_shop_reference: "NOPE" } },
          store
        )
      )
      expect(wrongShop.status).toBe(400)
      const { data: chosen } = await api.post(
        `/store/carts/${cart.id}/shipping-methods?fields=+shipping_methods.data`,
        {
          option_id: seed.shipping_options.pickup,
          data: { delivery_option_reference: option.reference, pickup_location_shop_reference: location.shop_reference },
        },
        store
      )
      expect(chosen.cart.shipping_methods[0].data).toMatchObject({
        flow: "consumer_options_pickup",
        delivery_option_reference: option.reference,
        pickup_location: { shop_reference: location.shop_reference, name: location.name, reserved: location.reservation_required },
      })
      const counts = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()).counts as Record<string, number>
      const reserves = Object.entries(counts)
        .filter(([endpoint]) => /reserve/i.test(endpoint))
        .reduce((sum, [, n]) => sum + n, 0)
      expect(reserves).toBe(location.reservation_required ? 1 : 0)
      const completed = await payAndComplete(api, cart.id, store)
      expect(completed.data.type).toBe("order")
      const order = completed.data.order

      // order.placed: Select Option → one consignment, delivered to the pickup point, for the shopper to collect
      const sortedPro = getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
      const record = await waitFor("the pickup consignment", async () => {
        const [found] = await sortedPro.listSortedProConsignments({ order_id: order.id })
        return found?.sync_status === "synced" ? found : undefined
      })
      expect(record).toMatchObject({ flow: "consumer_options_pickup", state: "Allocated", delivery_option_reference: option.reference })
      expect(record.delivery_promise).toMatchObject({ pickup_location: expect.objectContaining({ shop_reference: location.shop_reference }) })
      const pro = async () => (await sandbox.pro(`/consignments/${record.reference}`)).json()
      const consignment = await pro()
      const destination = consignment.Addresses.find((address: any) => address.AddressType === "Destination")
      expect(destination).toMatchObject({
        ShopLocationReference: location.shop_reference,
        Contact: expect.objectContaining({ LastName: UK_ADDRESS.last_name }),
      })
      expect(consignment.LocationInformation).toMatchObject({ ShopReference: location.shop_reference })

      // fulfillment (label), then the end-of-day manifest
      const { data: full } = await api.get(`/admin/orders/${order.id}?fields=id,*items`, admin)
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        { items: full.order.items.map((item: any) => ({ id: item.id, quantity: item.quantity })), location_id: seed.stock_location_id },
        admin
      )
      const label = await api.get(`/admin/sorted-pro/consignments/${record.reference}/label`, { ...admin, responseType: "arraybuffer" })
      expect(Buffer.from(label.data).subarray(0, 4).toString()).toBe("%PDF")
      await api.post(`/admin/sorted-pro/manifests`, {}, admin)
      expect((await pro()).ConsignmentState).toBe("Manifested")
      expect(await sortedPro.listSortedProConsignments({ order_id: order.id })).toHaveLength(1)
    })

    it("refuses completion when the chosen option's cut-off passed since it was chosen; nothing is charged", async () => {
      const cart = await newCart(api, seed, store)
      const option = (await listing(cart.id)).options[0]
      await api.post(
        `/store/carts/${cart.id}/shipping-methods`,
        { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: option.reference } },
        store
      )
      await expectRefusedAfterCutOff(api, store, cart.id, option.allocation_cut_off)
    })

    it("falls back when PRO fails: empty list with fallback flag, fallback price, and the order is still placed", async () => {
      await injectFault(sandbox.url, { pathPattern: "/deliveryoptions", status: 503 })
      const cart = await newCart(api, seed, store, { ...UK_ADDRESS, postal_code: "B1 1AA" })
      const down = await listing(cart.id)
      expect(down).toMatchObject({ fallback: true, options: [], days: [], fallback_price: { amount: 4.99, currency_code: "gbp" } })
      const { data: priced } = await api.post(`/store/shipping-options/${seed.shipping_options.delivery}/calculate`, { cart_id: cart.id }, store)
      expect(priced.shipping_option.amount).toBe(4.99)
      const { data: chosen } = await api.post(
        `/store/carts/${cart.id}/shipping-methods?fields=+shipping_methods.data`,
        { option_id: seed.shipping_options.delivery, data: { delivery_option_reference: "EDO-000-000-001" } },
        store
      )
      expect(chosen.cart.shipping_methods[0]).toMatchObject({ amount: 4.99, data: { flow: "order_flex", fallback: true } })
      const completed = await payAndComplete(api, cart.id, store)
      expect(completed.data.type).toBe("order")
      const noChoice = await newCart(api, seed, store, { ...UK_ADDRESS, postal_code: "B2 4QA" })
      const { data: withoutData } = await api.post(
        `/store/carts/${noChoice.id}/shipping-methods?fields=+shipping_methods.data`,
        { option_id: seed.shipping_options.delivery },
        store
      )
      expect(withoutData.cart.shipping_methods[0]).toMatchObject({ amount: 4.99, data: { flow: "order_flex", fallback: true } })
    })

    // PRO never answers and its request timeout is 10 minutes (above, default 15 s): the price comes back only because the checkout
    // budget (2.5 s) ends the call; without it the test runs out of its 60 s. No wall-clock figure is asserted.
    it("answers with the fallback price within the checkout budget when PRO hangs", async () => {
      await injectFault(sandbox.url, { pathPattern: "/deliveryoptions", hang: true })
      const cart = await newCart(api, seed, store, { ...UK_ADDRESS, postal_code: "LS1 1UR" })
      const { data } = await api.post(`/store/shipping-options/${seed.shipping_options.delivery}/calculate`, { cart_id: cart.id }, store)
      expect(data.shipping_option.amount).toBe(4.99)
    }, 60_000)
  }
)
