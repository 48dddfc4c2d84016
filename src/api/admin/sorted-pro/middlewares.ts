import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"

/** Query of `GET /admin/sorted-pro/consignments/:reference/label`: `format` pdf | zpl | zplii | png. */
export const AdminLabelQuery = z.object({
  format: z.enum(["pdf", "zpl", "zplii", "png"]).optional(),
})
export type AdminLabelQuery = z.infer<typeof AdminLabelQuery>

/** Body of `POST /admin/sorted-pro/manifests`. */
export const AdminManifestBody = z
  .object({
    shipping_location_references: z.array(z.string().min(1)).optional(),
    carriers: z.array(z.string().min(1)).optional(),
    shipping_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "shipping_date must be YYYY-MM-DD").optional(),
  })
  .strict()
export type AdminManifestBody = z.infer<typeof AdminManifestBody>

/** Validation of the admin routes, composed into `src/api/middlewares.ts`. */
export const adminSortedProMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/sorted-pro/consignments/:reference/label",
    method: "GET",
    middlewares: [validateAndTransformQuery(AdminLabelQuery, {})],
  },
  {
    matcher: "/admin/sorted-pro/manifests",
    method: "POST",
    middlewares: [validateAndTransformBody(AdminManifestBody)],
  },
]
