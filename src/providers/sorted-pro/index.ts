import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import SortedProFulfillmentService from "./service"

/**
 * The SortedPRO fulfillment provider. Register it in the host app's Fulfillment module as
 * `{ resolve: "medusa-plugin-sorted-pro/providers/sorted-pro", id: "sorted-pro", options }`
 * (keep `fulfillment-manual` beside it): its provider id is then `sorted-pro_sorted-pro`.
 */
export default ModuleProvider(Modules.FULFILLMENT, { services: [SortedProFulfillmentService] })
