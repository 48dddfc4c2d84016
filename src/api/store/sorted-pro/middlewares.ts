import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { isoDay, text } from "../../utils/validation"

const cartId = text("cart_id")
const bool = (field: string) => z.enum(["true", "false"], { error: `${field} must be true or false` }).transform((value) => value === "true")

/** Query of `GET /store/sorted-pro/delivery-options`. */
export const StoreDeliveryOptionsQuery = z.object({
  cart_id: cartId,
  date_from: isoDay("date_from").optional(),
  date_to: isoDay("date_to").optional(),
  guaranteed_only: bool("guaranteed_only").optional(),
})
export type StoreDeliveryOptionsQuery = z.infer<typeof StoreDeliveryOptionsQuery>

/** Query of `GET /store/sorted-pro/pickup-options`: a postal code, or lat and lng; radius 0.1–50 km; 1–50 results. */
export const StorePickupOptionsQuery = z
  .object({
    cart_id: cartId,
    postal_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/, "postal_code must be a postal code such as M1 5WG")
      .optional(),
    lat: z.coerce
      .number({ error: "lat must be a number" })
      .min(-90, "lat must be between -90 and 90")
      .max(90, "lat must be between -90 and 90")
      .optional(),
    lng: z.coerce
      .number({ error: "lng must be a number" })
      .min(-180, "lng must be between -180 and 180")
      .max(180, "lng must be between -180 and 180")
      .optional(),
    radius_km: z.coerce
      .number({ error: "radius_km must be a number" })
      .min(0.1, "radius_km must be 0.1–50")
      .max(50, "radius_km must be 0.1–50")
      .default(5),
    max_results: z.coerce
      .number({ error: "max_results must be a number" })
      .int("max_results must be a whole number")
      .min(1, "max_results must be between 1 and 50")
      .max(50, "max_results must be between 1 and 50")
      .default(10),
  })
  .refine((query) => query.postal_code || (query.lat !== undefined && query.lng !== undefined), {
    message: "postal_code, or lat and lng, is required",
    path: ["postal_code"],
  })
export type StorePickupOptionsQuery = z.infer<typeof StorePickupOptionsQuery>

/** Validation of the store routes, composed into `src/api/middlewares.ts`. */
export const storeSortedProMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/sorted-pro/delivery-options",
    method: "GET",
    middlewares: [validateAndTransformQuery(StoreDeliveryOptionsQuery, {})],
  },
  {
    matcher: "/store/sorted-pro/pickup-options",
    method: "GET",
    middlewares: [validateAndTransformQuery(StorePickupOptionsQuery, {})],
  },
]
