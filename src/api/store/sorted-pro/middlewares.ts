import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"

/** Query of `GET /store/sorted-pro/delivery-options`: `cart_id` (required). */
export const StoreDeliveryOptionsQuery = z.object({
  cart_id: z.string({ error: "cart_id is required" }).min(1, "cart_id is required"),
})
export type StoreDeliveryOptionsQuery = z.infer<typeof StoreDeliveryOptionsQuery>

/** Validation of the store routes, composed into `src/api/middlewares.ts`. */
export const storeSortedProMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/sorted-pro/delivery-options",
    method: "GET",
    middlewares: [validateAndTransformQuery(StoreDeliveryOptionsQuery, {})],
  },
]
