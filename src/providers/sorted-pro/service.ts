import { AbstractFulfillmentProviderService, MedusaError } from "@medusajs/framework/utils"
import type {
  CalculatedShippingOptionPrice,
  CalculateShippingOptionPriceDTO,
  CreateFulfillmentResult,
  CreateShippingOptionDTO,
  FulfillmentDTO,
  FulfillmentItemDTO,
  FulfillmentOrderDTO,
  FulfillmentOption,
  Logger,
} from "@medusajs/framework/types"
import { proClientFor, resolveOptions, ResolvedOptions, SortedProOptions, validateSortedProOptions } from "../../lib/options"
import { ProClient } from "../../lib/pro"
import { DeliveryOptionsService, deliveryOptionsServiceFor, defaultDeliveryOption, defaultPickupChoice } from "../../lib/checkout"
import { within } from "../../lib/checkout/deadline"
import { toMethodData } from "../../lib/mapping/shipping-method"
import { validatePickupChoice } from "./pickup-choice"
import { cancelFulfillmentConsignment, FulfillmentConsignment, fulfillmentResult, optional, toMedusaError } from "./fulfillment-result"
import { CartForDelivery, OriginLocation, resolveShippingLocation } from "../../lib/mapping"
import { consumerOptionsInput } from "../../lib/consignments"
import { createFulfillmentConsignmentWorkflow } from "../../workflows/create-fulfillment-consignment"
import { createReturnWorkflow, CreateReturnInput } from "../../workflows/create-return"
import type { FulfillmentOptionId, ShippingMethodData } from "../../types"
import { FULFILLMENT_OPTIONS } from "../../lib/fulfillment-options"
import { loadedModule } from "../../lib/modules"
import { trackingTemplateOf } from "../../lib/tracking-links"
import { SORTED_PRO_MODULE } from "../../modules/sorted-pro"
import type SortedProModuleService from "../../modules/sorted-pro/service"

type InjectedDependencies = { logger: Logger } & Record<string, unknown>

/** The parts of the order Medusa passes to `createFulfillment` that we read (docs/medusa.md §1.3). */
type FulfillmentOrder = {
  id: string
  email?: string | null
  currency_code?: string
  items?: Array<CartForDelivery["items"][number] & { id: string }>
  shipping_address?: CartForDelivery["shipping_address"]
}

/** The created fulfillment row Medusa passes to `createFulfillment`. */
type FulfillmentRow = {
  id?: string
  location_id?: string | null
  shipping_option_id?: string | null
  delivery_address?: CartForDelivery["shipping_address"]
}

/**
 * SortedPRO as a Medusa fulfillment provider (`AbstractFulfillmentProviderService`).
 *
 * Medusa calls it as docs/medusa.md §1.3 describes: `calculatePrice` on listing, adding a method
 * and every cart refresh (before `validateFulfillmentData`), `validateFulfillmentData` when a shipping
 * method is added (its result becomes `shipping_method.data`), `createFulfillment` from the admin's
 * "create fulfillment", `cancelFulfillment` on cancel and as compensation.
 */
export default class SortedProFulfillmentService extends AbstractFulfillmentProviderService {
  static identifier = "sorted-pro"

  /** Medusa calls this when it loads the provider (`validateSortedProOptions`). @throws Error naming the option. */
  static validateOptions(options: Record<string, unknown>): void {
    validateSortedProOptions(options as SortedProOptions)
  }

  protected readonly logger_: Logger
  protected readonly options_: ResolvedOptions
  protected readonly client_: ProClient
  protected readonly deliveryOptions_: DeliveryOptionsService

  constructor(container: InjectedDependencies, options: SortedProOptions = {}) {
    super()
    this.logger_ = container.logger
    this.options_ = resolveOptions(options)
    this.client_ = proClientFor(this.options_, container.logger)
    this.deliveryOptions_ = deliveryOptionsServiceFor(this.client_, this.options_)
      .useCache(optional(container, "cache"))
      .useLookups({
        resolveShippingLocation: async (origin) => this.module_()?.resolveShippingLocation(origin) ?? resolveShippingLocation(this.options_, origin),
        variantCustoms: async (ids) => (await this.module_()?.variantCustoms(ids)) ?? {},
      })
  }

  /**
   * Our module (settings, shipping location mappings). The provider's container cannot resolve it (docs/medusa.md fact 6),
   * so it is found among the loaded modules; undefined where it is not loaded (then the plugin options apply).
   */
  protected module_(): SortedProModuleService | undefined {
    return loadedModule<SortedProModuleService>(SORTED_PRO_MODULE)
  }

  /** The fallback price (major units) for a cart in `currencyCode`: the admin settings' price for that currency, else `fallbackPrice`. */
  protected async fallbackPrice_(currencyCode: string | undefined): Promise<number> {
    try {
      return (await this.module_()?.fallbackPriceFor(currencyCode ?? "")) ?? this.options_.fallbackPrice
    } catch {
      return this.options_.fallbackPrice
    }
  }

  /** The fulfillment options a merchant picks when creating a shipping option (`FULFILLMENT_OPTIONS`: delivery, pickup, standard, return). */
  async getFulfillmentOptions(): Promise<FulfillmentOption[]> {
    return FULFILLMENT_OPTIONS.map((option) => ({ ...option }))
  }

  /** Only `sorted-pro-delivery` has a calculated price. `data` is the shipping-option create DTO. */
  async canCalculate(data: CreateShippingOptionDTO): Promise<boolean> {
    const optionId = data?.data?.id as FulfillmentOptionId | undefined
    return FULFILLMENT_OPTIONS.some((option) => option.id === optionId && option.price_type === "calculated")
  }

  /**
   * Price of a calculated option, in major units of the cart currency, tax-inclusive (PRO `Price.Gross`).
   * - With `data.delivery_option_reference`: that option's price.
   * - Without one, or when it is no longer offered: the option a storefront that sends no choice gets (`defaultDeliveryOption`:
   *   the earliest day's cheapest, that day's "from" price; pickup: `defaultPickupChoice`, the nearest point's earliest option).
   * - When PRO fails, exceeds `checkoutTimeoutMs`, or the cart lacks an address: the fallback price (the admin
   *   settings' price for the cart currency, else the `fallbackPrice` option).
   * Never throws: a throw would block the shopper's cart (docs/medusa.md fact 4).
   */
  async calculatePrice(
    optionData: CalculateShippingOptionPriceDTO["optionData"],
    data: CalculateShippingOptionPriceDTO["data"],
    context: CalculateShippingOptionPriceDTO["context"]
  ): Promise<CalculatedShippingOptionPrice> {
    const cart = context as unknown as CartForDelivery
    const amount = within(this.fallbackPrice_(cart?.currency_code), this.options_.checkoutTimeoutMs, this.options_.fallbackPrice) // in parallel, bounded
    const priced = async (value?: number) => ({ calculated_amount: value ?? (await amount), is_calculated_price_tax_inclusive: true })
    try {
      const wanted = typeof data?.delivery_option_reference === "string" ? data.delivery_option_reference : undefined
      if (optionData?.id === "sorted-pro-pickup") {
        const choice = wanted ? await this.deliveryOptions_.pickupChoice(cart.id, wanted) : null
        const nearest = choice ? null : await defaultPickupChoice(this.deliveryOptions_, context)
        return priced(choice?.option.price.amount ?? (nearest?.ok ? nearest.choice.option.price.amount : undefined))
      }
      const result = await this.deliveryOptions_.forCart(cart, (context as { from_location?: OriginLocation }).from_location)
      if (!result.ok) {
        return priced()
      }
      const chosen = wanted ? result.options.find((option) => option.reference === wanted) : undefined
      return priced(chosen?.price.amount ?? defaultDeliveryOption(result.options)?.price.amount)
    } catch (error) {
      this.logger_.warn(`SortedPRO calculatePrice fell back to ${await amount}: ${(error as Error).message}`)
      return priced()
    }
  }

  /**
   * Checks the storefront's choice and returns what is stored as `shipping_method.data` ({@link ShippingMethodData}).
   * For `sorted-pro-delivery`, `data.delivery_option_reference` must be one of this cart's current options; without it
   * (Medusa's Next.js starter sends no `data`) the option `calculatePrice` priced is taken (`defaultDeliveryOption`);
   * when PRO cannot be reached the method is accepted, with or without a reference, at the fallback price with
   * `flow: "order_flex"`, so the shopper can still buy.
   * @throws MedusaError INVALID_DATA (HTTP 400) naming `data.delivery_option_reference` when it is not offered.
   */
  async validateFulfillmentData(
    optionData: Record<string, unknown>,
    data: Record<string, unknown>,
    context: Record<string, unknown>
  ): Promise<ShippingMethodData> {
    const optionId = optionData?.id as FulfillmentOptionId
    const cartId = String(context?.id ?? "")
    if (optionId === "sorted-pro-pickup") {
      return validatePickupChoice(
        { deliveryOptions: this.deliveryOptions_, client: this.client_, checkoutTimeoutMs: this.options_.checkoutTimeoutMs },
        data,
        cartId,
        context
      )
    }
    if (optionId !== "sorted-pro-delivery") {
      return { fulfillment_option: optionId, flow: "order_flex", cart_id: cartId }
    }
    const reference = data?.delivery_option_reference == null ? undefined : String(data.delivery_option_reference)
    const result = await this.deliveryOptions_.forCart(
      context as unknown as CartForDelivery,
      (context as { from_location?: OriginLocation }).from_location
    )
    if (!result.ok) {
      if (result.reason === "mapping") {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${result.field}: ${result.message}`)
      }
      this.logger_.warn(
        `SortedPRO unavailable while validating ${reference ?? "a delivery choice"} for cart ${cartId}; accepting at the fallback price (CorrelationId=${result.error.correlation_id ?? "none"})`
      )
      return { fulfillment_option: optionId, flow: "order_flex", cart_id: cartId, requested_delivery_option_reference: reference, fallback: true }
    }
    const option = reference ? result.options.find((candidate) => candidate.reference === reference) : defaultDeliveryOption(result.options)
    if (!option) {
      const which = reference ? `data.delivery_option_reference ${reference} is not one of` : "No option is among"
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${which} this cart's delivery options (it may have expired): choose again`)
    }
    this.deliveryOptions_.recordCarrierCost(cartId, option.reference) // PRO's price stays server-side, for our record (admin only)
    return {
      fulfillment_option: optionId,
      flow: "consumer_options",
      cart_id: cartId,
      shipping_location_reference: result.shippingLocationReference,
      ...toMethodData(option),
    }
  }

  /**
   * Creates the fulfillment of an order: makes sure its PRO consignment exists (Select Option already ran at
   * `order.placed`; otherwise it runs now, or the PRO order is packed for these lines, exactly once) and returns its
   * tracking numbers with a `label_url` to the admin route that streams the label. When PRO's answer was lost
   * (timeout, 5xx) the fulfillment is created without labels and `data.sync_status: "pending"`: the reconcile job
   * finishes it (looking PRO up by our reference first). A consignment that exists but could not be allocated is
   * returned too; staff see why, and allocate, in the SortedPRO widget.
   * @throws MedusaError NOT_ALLOWED (HTTP 400: Medusa shows its message, unlike CONFLICT's generic one) when PRO
   * refused the consignment, with PRO's message and CorrelationId; Medusa then rolls the fulfillment back, and our
   * record of it is removed, so creating it again starts afresh.
   */
  async createFulfillment(
    data: Record<string, unknown>,
    items: Partial<Omit<FulfillmentItemDTO, "fulfillment">>[],
    order: Partial<FulfillmentOrderDTO> | undefined,
    fulfillment: Partial<Omit<FulfillmentDTO, "provider_id" | "data" | "items">>
  ): Promise<CreateFulfillmentResult> {
    if (!order?.id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "order is required to create a SortedPRO fulfillment")
    }
    const consignment = await this.ensureConsignment(
      data as ShippingMethodData,
      items,
      order as unknown as FulfillmentOrder,
      fulfillment as FulfillmentRow
    )
    const result = await this.labelsOf(consignment, fulfillment?.id)
    return { ...result, data: { ...data, order_id: order.id, ...result.data } }
  }

  /**
   * What Medusa stores on a fulfillment for a consignment: its references in `data`, and one label per tracking
   * number pointing at the admin route that streams the label from PRO, in the settings' label format. A consignment
   * still `pending` (PRO's answer was lost) has no labels yet.
   * @throws MedusaError NOT_ALLOWED when PRO refused the consignment (the message holds PRO's CorrelationId); a record
   * made for this fulfillment (`fulfillmentId`) is removed first, as Medusa rolls the fulfillment back.
   */
  protected async labelsOf(
    consignment: FulfillmentConsignment | undefined,
    fulfillmentId?: string,
    extra: Record<string, unknown> = {}
  ): Promise<CreateFulfillmentResult> {
    if (!consignment?.reference) {
      const error = consignment?.last_error as { message?: string; correlation_id?: string } | null
      const why = `${error?.message ?? "unknown error"} (CorrelationId ${error?.correlation_id ?? "none"})`
      if (consignment?.sync_status === "pending") {
        this.logger_.warn(`SortedPRO consignment of fulfillment ${fulfillmentId} is pending: ${why}; the reconcile job will finish it`)
        return { data: { ...extra, consignment_id: consignment.id, sync_status: "pending", last_error: error ?? null }, labels: [] }
      }
      const ownRecord = consignment?.id && fulfillmentId && consignment.customer_reference === fulfillmentId
      if (ownRecord) {
        await this.module_()?.softDeleteSortedProConsignments(consignment.id!)
      }
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `SortedPRO refused the consignment for this fulfillment: ${why}. ${ownRecord ? "Correct it and create the fulfillment again." : "Retry from the SortedPRO widget."}`
      )
    }
    const reference = consignment.reference
    const settings = await this.module_()
      ?.cachedSettings()
      .catch(() => undefined)
    const format = settings?.label_format ?? this.options_.labelFormat
    return fulfillmentResult(
      { ...consignment, reference },
      `${this.options_.backendUrl}/admin/sorted-pro/consignments/${reference}/label?format=${format}`,
      extra,
      await trackingTemplateOf(this.client_, consignment.carrier_reference, this.options_.trackingUrls)
    )
  }

  /**
   * The fulfillment's consignment, made to exist exactly once: for a delivery-day or pickup choice, Select Option
   * on the chosen reference (usually done already at `order.placed`); otherwise (flat option, checkout fallback)
   * Order Flex: the PRO order (Create Order, once) packed for this fulfillment's lines and allocated.
   * @throws MedusaError INVALID_DATA naming the field when the fulfillment cannot be mapped to PRO.
   */
  protected async ensureConsignment(
    data: ShippingMethodData,
    items: Partial<Omit<FulfillmentItemDTO, "fulfillment">>[],
    order: FulfillmentOrder,
    fulfillment: FulfillmentRow
  ) {
    const selected = consumerOptionsInput({ id: order.id, shipping_methods: [{ data }] })
    const lines = items.map((item) => {
      const line = order.items?.find((candidate) => candidate.id === item.line_item_id)
      return { ...(line ?? {}), id: item.line_item_id ?? line?.id, quantity: item.quantity ?? line?.quantity }
    })
    try {
      const { result } = await createFulfillmentConsignmentWorkflow().run({
        input: {
          order: {
            id: order.id,
            email: order.email,
            currency_code: order.currency_code ?? "gbp",
            items: order.items ?? [],
            shipping_address: fulfillment?.delivery_address ?? order.shipping_address,
          },
          fulfillment_id: fulfillment?.id ?? `${order.id}-fulfillment`,
          location_id: fulfillment?.location_id,
          shipping_option_id: fulfillment?.shipping_option_id,
          lines,
          select: selected ? { ...selected, fulfillment_id: fulfillment?.id ?? null } : null,
        },
      })
      return (
        result.consignment ?? {
          id: null,
          reference: null,
          tracking_numbers: [],
          sync_status: result.pro_order?.sync_status ?? "failed",
          last_error: result.pro_order?.last_error ?? null,
        }
      )
    } catch (error) {
      throw toMedusaError(error)
    }
  }

  /**
   * A return: an inbound PRO consignment from the customer back to the return's stock location, allocated, with
   * its return label (`label_url` to the admin label route). Medusa deletes the return fulfillment if this throws.
   * @throws MedusaError INVALID_DATA naming the field when the return cannot be mapped; NOT_ALLOWED when PRO refused
   * (with PRO's CorrelationId).
   */
  async createReturnFulfillment(fulfillment: Record<string, unknown>): Promise<CreateFulfillmentResult> {
    const row = fulfillment as unknown as FulfillmentRow & { items?: CreateReturnInput["items"] }
    let consignment
    try {
      ;({ result: consignment } = await createReturnWorkflow().run({
        input: {
          fulfillment_id: String(row.id),
          location_id: row.location_id,
          shipping_option_id: row.shipping_option_id,
          delivery_address: row.delivery_address,
          items: row.items ?? [],
        },
      }))
    } catch (error) {
      throw toMedusaError(error)
    }
    return await this.labelsOf(consignment, String(row.id), { return: true })
  }

  /**
   * Cancels the fulfillment's consignment in PRO (`PUT /consignments/{ref}/cancel`), by `data.consignment_reference`,
   * or by our record (`data.consignment_id`) when PRO's answer was lost and the fulfillment has no reference yet (the
   * consignment a lost answer made is found and cancelled). Harmless when called twice or when there is no
   * consignment. Medusa also calls this as the compensation of a failed fulfillment. When PRO does not answer, the
   * cancel is recorded and the reconcile job finishes it: `{cancel: "pending"}`, the fulfillment is cancelled.
   * @throws MedusaError NOT_ALLOWED when PRO refuses (e.g. the consignment is already manifested).
   */
  async cancelFulfillment(data: Record<string, unknown>): Promise<Record<string, unknown>> {
    return cancelFulfillmentConsignment(data, this.logger_)
  }
}
