import { defineMiddlewares } from "@medusajs/framework/http"
import { storeSortedProMiddlewares } from "./store/sorted-pro/middlewares"
import { adminSortedProMiddlewares } from "./admin/sorted-pro/middlewares"
import { cartCompletionMiddlewares } from "./store/cart-completion"

/** Request validation of every SortedPRO route (zod schemas live beside the routes), and the cart-completion guard. */
export default defineMiddlewares({
  routes: [...storeSortedProMiddlewares, ...adminSortedProMiddlewares, ...cartCompletionMiddlewares],
})
