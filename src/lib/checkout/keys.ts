import { createHash } from "crypto"
import { ProApiError, ProErrorRecord } from "../pro"
import type { DeliveryOptionsRequest } from "../pro"
import { CartForDelivery, toNumber } from "../mapping"
import { DeadlineExceeded } from "./deadline"

/**
 * A checkout failure as a PRO error record (`ProErrorRecord`, with PRO's CorrelationId when PRO answered): code
 * `Timeout` when the checkout budget ran out, `PluginError` for anything else that was not PRO's answer.
 */
export function toRecord(error: unknown, path: string): ProErrorRecord {
  if (error instanceof ProApiError) {
    return error.toRecord()
  }
  const code = error instanceof DeadlineExceeded ? "Timeout" : "PluginError"
  return new ProApiError({ status: 0, code, message: (error as Error)?.message ?? String(error), method: "POST", path }).toRecord()
}

/** The cart's item total in major units (unit price × quantity), used by `freeAbove`. */
export function cartSubtotal(cart: CartForDelivery): number {
  return cart.items.reduce((sum, item) => sum + toNumber(item.unit_price) * toNumber(item.quantity), 0)
}

/**
 * The cart state a request stands for: currency plus the request without the shopper's e-mail, which
 * Medusa passes to `validateFulfillmentData` but not to `calculatePrice` (docs/medusa.md §1.3); both must
 * hit the same entry, or the references the shopper saw would not be the ones validated.
 */
export function cartStateKey(currencyCode: string, request: DeliveryOptionsRequest): string {
  const addresses = request.Addresses.map((address) =>
    address.Contact ? { ...address, Contact: { ...address.Contact, Email: undefined } } : address
  )
  return createHash("sha256")
    .update(JSON.stringify([currencyCode.toLowerCase(), { ...request, Addresses: addresses }]))
    .digest("base64url")
}
