import type { Logger } from "@medusajs/framework/types"

/**
 * Medusa's logger from a step's container; `console` when the workflow runs without the app container
 * (the provider runs workflows container-less: docs/medusa.md fact 6).
 */
export function resolveLogger(container: { resolve<T>(key: string): T }): Logger | Console {
  try {
    return container.resolve<Logger>("logger")
  } catch {
    return console
  }
}
