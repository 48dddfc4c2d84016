import { normaliseOrderReference, ProApiError, ProClient, toErrorRecord } from "../pro"
import type { CreateOrderRequest, SelectOrderResult } from "../pro"
import type { EngineDeps } from "./consignment"
import { proOrderKey } from "./ports"
import type { ProOrderRecord } from "./ports"

/**
 * How the PRO order comes to exist: `create` (Create Order, Order Flex, docs/pro-api.md §3.6) or `select_order`
 * (Select Delivery Option as an Order, Consumer Options Flex, §3.5). `OrderReferenceProvidedByCustomer` is the
 * Medusa order id.
 */
export interface EnsureProOrderInput {
  order_id: string
  flow: "order_flex" | "consumer_options_flex"
  write: { kind: "create"; request: CreateOrderRequest } | { kind: "select_order"; delivery_option_reference: string }
}

/**
 * Makes the PRO order of a Medusa order exist once and returns our record of it (`reference` EO-… when synced).
 * Under the claim on the order id: a synced record is returned as it is; otherwise the record is written before the
 * PRO call and completed after it. PRO offers no look-up of orders by our reference (docs/pro-api.md §7), so after
 * an ambiguous failure (timeout, 5xx) the record stays `pending` with the error, and the next attempt creates it
 * again: at worst an unpacked duplicate order, which ships nothing. A Select as Order retried after a lost answer
 * adopts the order PRO made (the option is taken, PRO names the order, Get Order confirms it is ours). Failures are
 * recorded, never thrown.
 * @throws only what the store or the claim throw (database or lock failures).
 */
export function ensureProOrder(deps: EngineDeps, input: EnsureProOrderInput): Promise<ProOrderRecord> {
  return deps.claim(proOrderKey(input.order_id), () => ensure(deps, input))
}

async function ensure({ client, store, logger, orderCancelled }: EngineDeps, input: EnsureProOrderInput): Promise<ProOrderRecord> {
  const existing = await store.findProOrder(input.order_id)
  if (existing?.sync_status === "synced" || existing?.cancel_status) {
    return existing
  }
  const record =
    existing ??
    (await store.createProOrder({
      order_id: input.order_id,
      customer_reference: input.order_id,
      flow: input.flow,
      sync_status: "pending",
      delivery_option_reference: input.write.kind === "select_order" ? input.write.delivery_option_reference : null,
    }))
  if (orderCancelled && (await orderCancelled(input.order_id))) {
    return store.updateProOrder(record.id, { cancel_status: "done" })
  }
  try {
    const reference = await write(client, input)
    // flow: a Select as Order that PRO refused for good is retried as Create Order (Order Flex)
    return store.updateProOrder(record.id, { reference, flow: input.flow, sync_status: "synced", last_error: null, attempts: record.attempts ?? 0 })
  } catch (error) {
    const lastError = toErrorRecord(error)
    logger.error(
      `SortedPRO could not create the PRO order for ${input.order_id}: ${lastError.status} ${lastError.code} ${lastError.message} CorrelationId=${lastError.correlation_id ?? "none"}`
    )
    const ambiguous = error instanceof ProApiError ? error.ambiguous : false
    // only refusals count towards the limit after which reconcile leaves the record to staff
    const attempts = (record.attempts ?? 0) + (ambiguous ? 0 : 1)
    return store.updateProOrder(record.id, { sync_status: ambiguous ? "pending" : "failed", last_error: lastError, attempts })
  }
}

async function write(client: ProClient, input: EnsureProOrderInput): Promise<string> {
  if (input.write.kind === "create") {
    return client.orders.create(input.write.request)
  }
  const [result] = await client.deliveryOptions.selectOrder([
    { Reference: input.write.delivery_option_reference, OrderReferenceProvidedByCustomer: input.order_id },
  ])
  const reference = normaliseOrderReference(result?.OrderReference)
  if (result && result.Status >= 300) {
    const ours = await orderAlreadySelectedForUs(client, input.order_id, result)
    if (ours) {
      return ours
    }
  }
  if (!result || result.Status >= 300 || !reference) {
    throw new ProApiError({
      status: result?.Status ?? 502,
      code: "SelectOrderFailed",
      message: result?.Message ?? "Select Delivery Option as an Order returned no order",
      method: "POST",
      path: "/deliveryoptions/selectorder",
    })
  }
  return reference
}

/**
 * After a Select as Order whose answer was lost (reset, timeout, 5xx after PRO made the order), selecting again is
 * refused because the option is taken (`DeliveryOptionAlreadySelected`, sandbox/README.md "Decisions"; not in the
 * contract, §7). The order PRO made is looked for in the option's result: its structured `OrderReference` and `Links`
 * first, then a reference the error's `Message` names. No candidate is trusted as it stands: it is ours only when
 * Get Order (`GET /orders/{ref}`, §2) shows our `OrderReferenceProvidedByCustomer` (the Medusa order id). The first
 * confirmed `EO-` reference is returned, so the record adopts it instead of failing (and, since a choice refused for
 * good becomes Order Flex, instead of a second PRO order). Null when no candidate is confirmed (404 or someone else's).
 * @throws ProApiError when Get Order fails otherwise (e.g. 5xx: ambiguous, the record stays pending for a retry).
 */
async function orderAlreadySelectedForUs(client: ProClient, orderId: string, result: SelectOrderResult): Promise<string | null> {
  const pattern = /\bE?(EO-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)\b/i
  const structured = [result.OrderReference, ...(result.Links ?? []).map((link) => pattern.exec(String(link?.Href ?? ""))?.[1])]
  const candidates = [...structured, pattern.exec(result.Message ?? "")?.[1]]
    .map((reference) => normaliseOrderReference(reference ?? undefined))
    .filter((reference, index, all): reference is string => Boolean(reference) && all.indexOf(reference) === index)
  for (const candidate of candidates) {
    try {
      const order = await client.orders.get(candidate)
      if (order?.OrderReferenceProvidedByCustomer === orderId) {
        return candidate
      }
    } catch (error) {
      if (!(error instanceof ProApiError && error.status === 404)) {
        throw error
      }
    }
  }
  return null
}
