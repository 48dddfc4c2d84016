import { ProClient } from "../../pro"
import { resolveOptions } from "../../options"
import type { CartForDelivery, OriginLocation } from "../../mapping"
import { MANCHESTER_ADDRESS } from "../../mapping/__tests__/addresses"
import { useSandbox } from "../../__tests__/sandbox"
import { askForCart, CheckoutLookupPorts } from "../context"
import { DeliveryOptionsService } from "../delivery-options"

/**
 * The store routes' cold path (issue #19): the PRO call does not wait for Medusa's shipping-option listing when the
 * option's origin is known beforehand, and the answer is always for the origin the listing names.
 */
const sandbox = useSandbox()

const MANCHESTER: OriginLocation = { id: "sloc_manchester", name: "Manchester" }
const LONDON: OriginLocation = { id: "sloc_london", name: "London" }

const cart: CartForDelivery = {
  id: "cart_cold",
  currency_code: "gbp",
  items: [{ id: "li_1", title: "Mug", quantity: 1, unit_price: 9.5, variant_id: "variant_1", variant: { id: "variant_1", weight: 600 } }],
  shipping_address: MANCHESTER_ADDRESS,
}

/** A checkout service over the sandbox, counting the Delivery Options calls that reach PRO and noting when one starts. */
function counted() {
  const client = new ProClient({ baseUrl: sandbox.url, apiKey: "cold-test", retryBaseDelayMs: 5, maxRetries: 0 })
  const list = client.deliveryOptions.list.bind(client.deliveryOptions)
  const seen = { calls: 0, started: () => undefined as void }
  let resolveStarted: () => void = () => undefined
  const firstCall = new Promise<void>((resolve) => (resolveStarted = resolve))
  client.deliveryOptions.list = (...args: Parameters<typeof list>) => {
    seen.calls++
    resolveStarted()
    return list(...args)
  }
  const options = resolveOptions({ shippingLocations: { sloc_manchester: "SL-MANCHESTER", sloc_london: "SL-LONDON" } })
  return { service: new DeliveryOptionsService(client, options), seen, firstCall }
}

/** Ports whose listing answers only once `release` resolves (or after 2 s), naming `listed` as the option's origin. */
function ports(listed: OriginLocation, predicted: OriginLocation | null, release: Promise<void>) {
  const order: string[] = []
  const lookups: CheckoutLookupPorts = {
    loadCart: async () => cart,
    listOption: async () => {
      let timer: NodeJS.Timeout | undefined
      const released = await Promise.race([
        release.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_000))),
      ])
      clearTimeout(timer)
      order.push(released ? "listing answered after the PRO call started" : "listing answered before any PRO call")
      return { id: "so_delivery", origin: listed }
    },
    predictOrigin: async () => predicted,
    fallbackPrice: async () => 4.99,
  }
  return { lookups, order }
}

describe("askForCart", () => {
  it("starts the PRO call while Medusa still lists the cart's shipping options, and makes one call", async () => {
    const { service, seen, firstCall } = counted()
    const { lookups, order } = ports(MANCHESTER, MANCHESTER, firstCall)
    const answer = await askForCart(lookups, (c, origin) => service.forCart(c, origin))
    expect(order).toEqual(["listing answered after the PRO call started"])
    expect(seen.calls).toBe(1)
    expect(answer.result.ok && answer.result.shippingLocationReference).toBe("SL-MANCHESTER")
    expect(answer).toMatchObject({ shippingOptionId: "so_delivery", origin: MANCHESTER, fallbackPrice: { amount: 4.99, currency_code: "gbp" } })
  })

  it("answers for the origin the listing names when the prediction was another one", async () => {
    const { service, firstCall } = counted()
    const { lookups } = ports(LONDON, MANCHESTER, firstCall)
    const answer = await askForCart(lookups, (c, origin) => service.forCart(c, origin))
    expect(answer.origin).toEqual(LONDON)
    expect(answer.result.ok && answer.result.shippingLocationReference).toBe("SL-LONDON")
  })

  it("waits for the listing when the origin cannot be predicted: one PRO call", async () => {
    const { service, seen } = counted()
    const { lookups } = ports(LONDON, null, Promise.resolve())
    const answer = await askForCart(lookups, (c, origin) => service.forCart(c, origin))
    expect(seen.calls).toBe(1)
    expect(answer.result.ok && answer.result.shippingLocationReference).toBe("SL-LONDON")
  })

  it("reports the cart's error before the option's", async () => {
    const { service } = counted()
    const lookups: CheckoutLookupPorts = {
      loadCart: async () => {
        throw new Error("cart_id: cart cart_x was not found")
      },
      listOption: async () => {
        throw new Error("cart_id: no such option")
      },
      predictOrigin: async () => MANCHESTER,
      fallbackPrice: async () => 4.99,
    }
    await expect(askForCart(lookups, (c, origin) => service.forCart(c, origin))).rejects.toThrow("was not found")
  })
})
