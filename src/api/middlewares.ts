import { defineMiddlewares } from "@medusajs/framework/http"
import { storeSortedProMiddlewares } from "./store/sorted-pro/middlewares"
import { adminSortedProMiddlewares } from "./admin/sorted-pro/middlewares"

/** Request validation of every SortedPRO route (zod schemas live beside the routes). */
export default defineMiddlewares({
  routes: [...storeSortedProMiddlewares, ...adminSortedProMiddlewares],
})
