import type { ProClient } from "./client"
import { ProApiError } from "./errors"
import type { AllocationSummary, ProConsignment } from "./types"

import type { AllocationStrategy } from "../../types"

export type { AllocationStrategy }

/** Every allocation strategy type (docs/pro-api.md §3.7), in the order staff are offered them. */
export const ALLOCATION_STRATEGY_TYPES = [
  "default_rules",
  "service_group",
  "carrier_service",
  "cheapest_quote",
  "quote",
] as const satisfies readonly AllocationStrategy["type"][]

/** The `allocation_strategy` stored on our record: `type` or `type:reference`, e.g. `service_group:SG_NEXTDAY`. */
export function strategyLabel(strategy: AllocationStrategy): string {
  return strategy.reference ? `${strategy.type}:${strategy.reference}` : strategy.type
}

/**
 * Calls the Allocate endpoint of `strategy` for one consignment (docs/pro-api.md §3.7).
 * @throws ProApiError 400 `MissingReference` naming `strategy.reference` when the strategy needs one; PRO's errors as they come.
 */
export function allocateWithStrategy(client: ProClient, reference: string, strategy: AllocationStrategy): Promise<AllocationSummary[]> {
  const needReference = () => {
    if (!strategy.reference) {
      throw new ProApiError({
        status: 400,
        code: "MissingReference",
        message: `strategy.reference is required to allocate with ${strategy.type}`,
        method: "PUT",
        path: "/allocation",
      })
    }
    return strategy.reference
  }
  switch (strategy.type) {
    case "service_group":
      return client.allocation.withServiceGroup(reference, needReference())
    case "carrier_service":
      return client.allocation.withCarrierService([reference], needReference())
    case "quote":
      return client.allocation.withQuote(reference, needReference())
    case "cheapest_quote":
      return client.allocation.withCheapestQuote(reference)
    default:
      return client.allocation.withDefaultRules([reference])
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Polls `GET /consignments/{ref}` every `intervalMs` until the state is no longer `Allocating` (PRO answered an
 * allocation with 202, §3.7) or `timeoutMs` passed; returns the last consignment read and whether it settled.
 */
export async function waitForAllocation(
  client: ProClient,
  reference: string,
  timeoutMs = 30_000,
  intervalMs = 500
): Promise<{ consignment: ProConsignment; settled: boolean }> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const consignment = await client.consignments.get(reference)
    if (consignment.ConsignmentState !== "Allocating") {
      return { consignment, settled: true }
    }
    if (Date.now() >= until) {
      return { consignment, settled: false }
    }
    await sleep(intervalMs)
  }
}
