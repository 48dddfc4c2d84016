import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import SortedProModule from "../modules/sorted-pro"

/**
 * Order ↔ its PRO consignments (one order, many consignments). Read with
 * `query.graph({ entity: "order", fields: ["sorted_pro_consignments.*"] })`.
 */
export default defineLink(OrderModule.linkable.order, {
  linkable: SortedProModule.linkable.sortedProConsignment,
  isList: true,
})
