import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { expiredChoiceMessage } from "../../lib/checkout/cut-off"

/**
 * Before Medusa's `POST /store/carts/:id/complete` runs `completeCartWorkflow` (so before any order is created or payment
 * authorised), refuses a cart whose SortedPRO delivery or pickup choice passed its cut-off since the shopper chose it
 * ({@link expiredChoiceMessage}): 400 `not_allowed` asking the shopper to choose again; nothing is charged. A cart
 * already completed, or unknown, is left to Medusa (which answers with the order, or 404). A middleware rather than
 * `completeCartWorkflow.hooks.validate`, which holds a single handler and so belongs to the host app (docs/medusa.md
 * §1.7, `completeCartWorkflow`).
 */
export async function refuseExpiredDeliveryChoice(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const { data } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "cart",
      fields: ["id", "completed_at", "shipping_methods.data"],
      filters: { id: req.params.id },
    })
    const cart = data[0] as { completed_at?: unknown; shipping_methods?: Array<{ data?: unknown } | null> | null } | undefined
    const refusal = cart && !cart.completed_at ? expiredChoiceMessage(cart.shipping_methods, Date.now()) : null
    if (refusal) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
    }
    next()
  } catch (error) {
    next(error)
  }
}

/** The cart-completion guard ({@link refuseExpiredDeliveryChoice}) on Medusa's store route. */
export const cartCompletionMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/carts/:id/complete", method: ["POST"], middlewares: [refuseExpiredDeliveryChoice] },
]
