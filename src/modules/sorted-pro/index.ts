import { Module } from "@medusajs/framework/utils"
import SortedProModuleService from "./service"

/** Container key of the plugin's module: `container.resolve(SORTED_PRO_MODULE)`. */
export const SORTED_PRO_MODULE = "sorted_pro"

export default Module(SORTED_PRO_MODULE, { service: SortedProModuleService })
