import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { ALLOCATION_STRATEGY_TYPES, CONSIGNMENT_REFERENCE, LABEL_FORMATS } from "../../../lib/pro"
import { isoDay, localTime, queryList, text, timeZone } from "../../utils/validation"
import { validateConsignmentParam, validatePathParam } from "./helpers"

const ecReference = (field: string) => z.string().regex(CONSIGNMENT_REFERENCE, `${field} must be a consignment reference EC-xxx-xxx-xxx`)
/** A list query filter: at most 50 values. */
const list = (field: string) => queryList(field, 50)
/** At most this many shipping locations or carriers in a manifest's filters (they are matched locally: see lib/manifest.ts). */
export const MANIFEST_FILTER_MAX = 20
/** A record (object keyed by ids or codes) of at most `max` entries, refused by name beyond. */
const bounded = (field: string, max: number) => (value: object) => Object.keys(value).length <= max || `${field}: at most ${max} entries`

/** Query of `GET|POST /admin/sorted-pro/consignments/:reference/label`: `format` pdf | zpl | zplii | png. */
export const AdminLabelQuery = z.object({
  format: z.enum(LABEL_FORMATS).optional(),
})
export type AdminLabelQuery = z.infer<typeof AdminLabelQuery>

/** Body of `POST /admin/sorted-pro/manifests`: filters of a Manifest From Query, or explicit `references`. */
export const AdminManifestBody = z
  .object({
    shipping_location_references: z
      .array(text("shipping_location_references[]"))
      .max(MANIFEST_FILTER_MAX, `shipping_location_references: at most ${MANIFEST_FILTER_MAX}`)
      .optional(),
    carriers: z.array(text("carriers[]")).max(MANIFEST_FILTER_MAX, `carriers: at most ${MANIFEST_FILTER_MAX}`).optional(),
    shipping_date: isoDay("shipping_date").optional(),
    references: z.array(ecReference("references[]")).min(1).max(500, "references: at most 500").optional(),
  })
  .strict()
export type AdminManifestBody = z.infer<typeof AdminManifestBody>

/** Query of `GET /admin/sorted-pro/manifests/preview`: the same filters as a manifest. */
export const AdminManifestPreviewQuery = z
  .object({
    shipping_location_references: queryList("shipping_location_references", MANIFEST_FILTER_MAX).optional(),
    carriers: queryList("carriers", MANIFEST_FILTER_MAX).optional(),
    shipping_date: isoDay("shipping_date").optional(),
  })
  .strict()
export type AdminManifestPreviewQuery = z.infer<typeof AdminManifestPreviewQuery>

/** Query of `GET /admin/sorted-pro/consignments`: pagination and filters (all optional, ANDed). */
export const AdminConsignmentListQuery = z
  .object({
    limit: z.coerce.number().int().min(1, "limit must be 1–100").max(100, "limit must be 1–100").default(20),
    offset: z.coerce.number().int().min(0, "offset must be ≥ 0").default(0),
    state: list("state").optional(),
    sync_status: list("sync_status")
      .pipe(z.array(z.enum(["pending", "synced", "failed", "replaced"], { error: "sync_status must be pending, synced, failed or replaced" })))
      .optional(),
    carrier: list("carrier").optional(),
    stock_location_id: list("stock_location_id").optional(),
    shipping_location: list("shipping_location").optional(),
    order_id: text("order_id").optional(),
    created_from: isoDay("created_from").optional(),
    created_to: isoDay("created_to").optional(),
    q: text("q").optional(),
    order: z.enum(["created_at", "-created_at", "updated_at", "-updated_at", "state", "-state"]).default("-created_at"),
  })
  .strict()
export type AdminConsignmentListQuery = z.infer<typeof AdminConsignmentListQuery>

/** How to allocate (docs/pro-api.md §3.7); `reference` is required for a service group, a carrier service or a quote. */
export const AllocationStrategySchema = z
  .object({
    type: z.enum(ALLOCATION_STRATEGY_TYPES),
    reference: text("strategy.reference").optional(),
  })
  .strict()
  .refine((strategy) => !["service_group", "carrier_service", "quote"].includes(strategy.type) || Boolean(strategy.reference), {
    message: "strategy.reference is required for service_group, carrier_service and quote",
    path: ["reference"],
  })

/** Body of `POST /admin/sorted-pro/consignments/:reference/allocate`: `strategy` (default: the settings' strategy). */
export const AdminAllocateBody = z.object({ strategy: AllocationStrategySchema.optional() }).strict()
export type AdminAllocateBody = z.infer<typeof AdminAllocateBody>

/** Body of `POST /admin/sorted-pro/bulk/allocate`: up to 100 consignments, one strategy (no quotes: they are per consignment). */
export const AdminBulkAllocateBody = z
  .object({
    references: z.array(ecReference("references[]")).min(1, "references must not be empty").max(100),
    strategy: AllocationStrategySchema.refine((strategy) => strategy.type !== "quote", {
      message: "strategy.type quote is per consignment: allocate each one",
      path: ["type"],
    }).optional(),
  })
  .strict()
export type AdminBulkAllocateBody = z.infer<typeof AdminBulkAllocateBody>

/** Body of `POST /admin/sorted-pro/labels/bulk`: up to 500 consignments whose PDF labels are merged into one file. */
export const AdminBulkLabelsBody = z
  .object({ references: z.array(ecReference("references[]")).min(1, "references must not be empty").max(500, "references: at most 500") })
  .strict()
export type AdminBulkLabelsBody = z.infer<typeof AdminBulkLabelsBody>

/** An empty body (actions such as cancel, deallocate, retry, manifest of one consignment). */
export const AdminEmptyBody = z.object({}).strict()

/**
 * Body of `POST /admin/sorted-pro/settings`: any subset of the settings; `null` clears the daily manifest time;
 * `manifest_time_zone` is an IANA zone, saved in its canonical spelling.
 */
export const AdminSettingsBody = z
  .object({
    shipping_locations: z
      .record(text("shipping_locations keys"), text("shipping_locations values (PRO shipping location references)"))
      .refine(bounded("shipping_locations", 100))
      .optional(),
    allocation_strategy: AllocationStrategySchema.refine((strategy) => strategy.type !== "quote", {
      message: "allocation_strategy.type quote cannot be a default",
      path: ["type"],
    }).optional(),
    shipping_option_strategies: z
      .record(
        z.string().regex(/^so_[A-Za-z0-9]{1,60}$/, "shipping_option_strategies keys must be shipping option ids (so_…)"),
        AllocationStrategySchema.refine((strategy) => strategy.type !== "quote", {
          message: "shipping_option_strategies: type quote is per consignment",
          path: ["type"],
        })
      )
      .refine(bounded("shipping_option_strategies", 100))
      .optional(),
    label_format: z.enum(LABEL_FORMATS).optional(),
    fallback_prices: z
      .record(z.string(), z.number().min(0, "fallback_prices values must be ≥ 0").max(10_000))
      .refine(bounded("fallback_prices", 200))
      .superRefine((prices, ctx) => {
        for (const currency of Object.keys(prices)) {
          if (!/^[a-z]{3}$/.test(currency)) {
            ctx.addIssue({
              code: "custom",
              path: [currency],
              message: `fallback_prices key ${currency} must be a lower-case ISO currency code (gbp)`,
            })
          }
        }
      })
      .optional(),
    manifest_time: localTime("manifest_time (in manifest_time_zone)").nullable().optional(),
    manifest_time_zone: timeZone("manifest_time_zone").optional(),
  })
  .strict()
export type AdminSettingsBody = z.infer<typeof AdminSettingsBody>

/** Body of `POST /admin/sorted-pro/reconcile`: how many days back to look for orders (1–30, default 7). */
export const AdminReconcileBody = z
  .object({ days: z.number().int("days must be a whole number").min(1, "days must be 1–30").max(30, "days must be 1–30").optional() })
  .strict()
export type AdminReconcileBody = z.infer<typeof AdminReconcileBody>

/** Query of the routes that take none: an unknown parameter is refused by name rather than ignored. */
export const AdminNoQuery = z.object({}).strict()

const withReference = [validateConsignmentParam]
const noQuery = validateAndTransformQuery(AdminNoQuery, {})
const jobId = validatePathParam("id", /^splbl_[A-Za-z0-9]{1,64}$/, "a bulk label job id (splbl_…)")

/** Validation of the admin routes, composed into `src/api/middlewares.ts`. */
export const adminSortedProMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/sorted-pro/consignments", method: "GET", middlewares: [validateAndTransformQuery(AdminConsignmentListQuery, {})] },
  { matcher: "/admin/sorted-pro/consignments/:reference", method: "GET", middlewares: withReference },
  {
    matcher: "/admin/sorted-pro/consignments/:reference/label",
    method: ["GET", "POST"],
    middlewares: [...withReference, validateAndTransformQuery(AdminLabelQuery, {})],
  },
  { matcher: "/admin/sorted-pro/consignments/:reference/quotes", method: "GET", middlewares: withReference },
  { matcher: "/admin/sorted-pro/consignments/:reference/customs-documents", method: "GET", middlewares: withReference },
  {
    matcher: "/admin/sorted-pro/consignments/:reference/customs-documents/:name",
    method: "GET",
    middlewares: [...withReference, validatePathParam("name", /^[A-Za-z0-9_.-]{1,100}$/, "a customs document name as listed (e.g. CN23_EP-…)")],
  },
  {
    matcher: "/admin/sorted-pro/consignments/:reference/allocate",
    method: "POST",
    middlewares: [...withReference, validateAndTransformBody(AdminAllocateBody)],
  },
  ...["cancel", "deallocate", "retry", "manifest"].map((action) => ({
    matcher: `/admin/sorted-pro/consignments/:reference/${action}`,
    method: "POST" as const,
    middlewares: [...withReference, validateAndTransformBody(AdminEmptyBody)],
  })),
  { matcher: "/admin/sorted-pro/bulk/allocate", method: "POST", middlewares: [validateAndTransformBody(AdminBulkAllocateBody)] },
  { matcher: "/admin/sorted-pro/labels/bulk", method: "POST", middlewares: [validateAndTransformBody(AdminBulkLabelsBody)] },
  { matcher: "/admin/sorted-pro/manifests", method: "POST", middlewares: [validateAndTransformBody(AdminManifestBody)] },
  { matcher: "/admin/sorted-pro/manifests/preview", method: "GET", middlewares: [validateAndTransformQuery(AdminManifestPreviewQuery, {})] },
  { matcher: "/admin/sorted-pro/settings", method: "POST", middlewares: [validateAndTransformBody(AdminSettingsBody)] },
  { matcher: "/admin/sorted-pro/settings", method: "GET", middlewares: [noQuery] },
  { matcher: "/admin/sorted-pro/health", method: "GET", middlewares: [noQuery] },
  { matcher: "/admin/sorted-pro/reconcile", method: "POST", middlewares: [validateAndTransformBody(AdminReconcileBody)] },
  { matcher: "/admin/sorted-pro/catalogue", method: "GET", middlewares: [noQuery] },
  { matcher: "/admin/sorted-pro/labels/bulk/:id", method: "GET", middlewares: [jobId, noQuery] },
  { matcher: "/admin/sorted-pro/labels/bulk/:id/file", method: "GET", middlewares: [jobId, noQuery] },
  {
    matcher: "/admin/sorted-pro/orders/:id/consignments",
    method: "GET",
    middlewares: [validatePathParam("id", /^order_[A-Za-z0-9]{1,60}$/, "a Medusa order id (order_…)"), noQuery],
  },
]
