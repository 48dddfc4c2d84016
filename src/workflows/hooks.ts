import { z } from "@medusajs/framework/zod"
import type { EnsureConsignmentInput, EnsureProOrderInput } from "../lib/consignments"
import type { CreateOrderRequest, PackOrderRequest } from "../lib/pro"

/**
 * What a handler of the plugin's request hooks (`beforeProRequest`, `beforePack`: docs/events.md "Workflow hooks") may answer: nothing
 * (the request goes as built), or `{ request }`, the whole body to send instead, in PRO's field names. Anything else
 * fails the workflow with zod's message (a host bug: the order stays for reconcile, the fulfillment is refused).
 */
export const requestChange = z.object({ request: z.record(z.string(), z.unknown()).optional() }).optional()

/** A hook's answer (see {@link requestChange}). */
export type RequestChange = z.infer<typeof requestChange>

/**
 * The PRO order input with the host's Create Order body (`beforeProRequest`); the Medusa order id stays PRO's
 * `OrderReferenceProvidedByCustomer` (how a retry recognises the order, docs/design.md "Exactly once"). Select as
 * Order has no body: its input is returned as it is.
 */
export function withCreateOrderRequest(input: EnsureProOrderInput, request?: Record<string, unknown>): EnsureProOrderInput {
  if (!request || input.write.kind !== "create") {
    return input
  }
  const body = { ...(request as unknown as CreateOrderRequest), OrderReferenceProvidedByCustomer: input.order_id }
  return { ...input, write: { kind: "create", request: body } }
}

/**
 * The Pack Order input with the host's body (`beforePack`), e.g. another package split. What makes the pack exactly
 * once is kept: the PRO order (`OrderReference`, `OrderReferenceProvidedByCustomer`), and the package references,
 * renumbered `<fulfillment id>-1`, `-2`, … in the host's order (a retry finds the consignment by the first: docs/design.md
 * "Exactly once"). @throws Error naming `Packages` when the host's body has none.
 */
export function withPackRequest(input: EnsureConsignmentInput | null, request?: Record<string, unknown>): EnsureConsignmentInput | null {
  if (!input || !request || input.write.kind !== "pack") {
    return input
  }
  const write = input.write
  const packages = (request as unknown as PackOrderRequest).Packages
  if (!Array.isArray(packages) || !packages.length) {
    throw new Error("Packages: the beforePack hook answered a Pack Order request without packages")
  }
  const prefix = write.package_reference.replace(/-1$/, "")
  const body: PackOrderRequest = {
    ...(request as unknown as PackOrderRequest),
    OrderReference: write.request.OrderReference,
    OrderReferenceProvidedByCustomer: write.request.OrderReferenceProvidedByCustomer,
    Packages: packages.map((pkg, index) => ({ ...pkg, PackageReferenceProvidedByCustomer: `${prefix}-${index + 1}` })),
  }
  return { ...input, write: { ...write, request: body } }
}
