import { MedusaModule } from "@medusajs/framework/modules-sdk"

/**
 * The loaded instance of the Medusa module registered as `key` in this process (e.g. `Modules.STOCK_LOCATION`, or
 * our `sorted_pro`), or undefined when no such module is loaded (unit tests, a host app without it).
 *
 * For code that has no container able to resolve the module: the fulfillment provider lives in the Fulfillment
 * module's isolated container, and our module's own container cannot see other modules. This is the fallback
 * workflows-sdk itself uses when a workflow runs without a container (`MedusaModule.getLoadedModules()`,
 * docs/medusa.md fact 6); `getModuleInstance` answers `{ [alias]: instance }`.
 */
export function loadedModule<T>(key: string): T | undefined {
  const entry = MedusaModule.getModuleInstance(key) as Record<string, T> | undefined
  return entry ? Object.values(entry)[0] : undefined
}
