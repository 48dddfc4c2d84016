import type { DeliveryOptionView, ShippingMethodData } from "../../types"

/**
 * The shipping method `data` fields (`ShippingMethodData`) of a chosen delivery option: its reference, carrier and
 * service, day (`YYYY-MM-DD`), window (local `HH:MM`), guarantee, price (major units, tax-inclusive) and cut-off.
 */
export function toMethodData(option: DeliveryOptionView): Partial<ShippingMethodData> {
  return {
    delivery_option_reference: option.reference,
    carrier: option.carrier,
    carrier_service: option.carrier_service,
    carrier_service_reference: option.carrier_service_reference,
    delivery_date: option.date,
    day_of_week: option.day_of_week,
    window: option.window,
    guaranteed: option.guaranteed,
    price: option.price,
    allocation_cut_off: option.allocation_cut_off,
  }
}
