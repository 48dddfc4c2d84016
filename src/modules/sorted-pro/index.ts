import { Module } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import SortedProModuleService from "./service"
import { logProHostOnce, SortedProOptions } from "../../lib/options"

/** Container key of the plugin's module: `container.resolve(SORTED_PRO_MODULE)`. */
export const SORTED_PRO_MODULE = "sorted_pro"

/**
 * Runs when Medusa loads the module, before anything is served: the options are validated (a mistake stops the start
 * with an error naming the option, see `validateSortedProOptions`) and, in production, the PRO host is logged once.
 */
async function checkOptions({ container, options }: { container: { resolve<T>(key: string): T }; options?: Record<string, unknown> }) {
  SortedProModuleService.validateOptions(options)
  logProHostOnce(options as SortedProOptions, container.resolve<Logger>("logger"))
}

export default Module(SORTED_PRO_MODULE, { service: SortedProModuleService, loaders: [checkOptions] })
