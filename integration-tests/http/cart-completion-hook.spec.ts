import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { chooseFirstDeliveryOption, expectRefusedAfterCutOff, newCart, payAndComplete } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * The host app keeps Medusa's one `completeCartWorkflow.hooks.validate` handler for itself: it registers its own
 * (here, before Medusa and the plugin load, as a host's `src/workflows/hooks` file would), Medusa starts, and both the
 * host's check and the plugin's delivery cut-off check run at cart completion.
 */
const hostChecked: string[] = []
completeCartWorkflow.hooks.validate(async ({ cart }) => {
  hostChecked.push(cart.id)
  if ((cart.metadata as Record<string, unknown> | null)?.host_refuses) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The host app refuses this cart.")
  }
})

sortedProSuite({}, ({ api, seed, store }) => {
  afterEach(() => jest.restoreAllMocks())

  it("runs the host's own validate hook: a cart it accepts becomes an order, one it refuses does not", async () => {
    const accepted = await newCart(api, seed, store)
    await chooseFirstDeliveryOption(api, seed, store, accepted.id)
    const order = await payAndComplete(api, accepted.id, store)
    expect(order.data.type).toBe("order")
    expect(hostChecked).toContain(accepted.id)

    const refused = await newCart(api, seed, store)
    await api.post(`/store/carts/${refused.id}`, { metadata: { host_refuses: true } }, store)
    await chooseFirstDeliveryOption(api, seed, store, refused.id)
    const response = await payAndComplete(api, refused.id, store)
    expect(response.status).toBe(400)
    expect(response.data.message).toBe("The host app refuses this cart.")
  })

  it("still refuses a delivery choice whose cut-off passed, before any payment, alongside the host's hook", async () => {
    const cart = await newCart(api, seed, store)
    const option = await chooseFirstDeliveryOption(api, seed, store, cart.id)
    await expectRefusedAfterCutOff(api, store, cart.id, option.allocation_cut_off)
  })
})
