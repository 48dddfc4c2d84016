/**
 * medusa-plugin-sorted-pro-storefront: delivery-day and pickup-point pickers for Medusa v2 storefronts using the
 * medusa-plugin-sorted-pro store routes. Peer dependencies: react ≥ 18, @medusajs/js-sdk 2.x.
 * Prices everywhere are MAJOR currency units (11.65 = £11.65), tax-inclusive. Optional stylesheet:
 * `import "medusa-plugin-sorted-pro-storefront/styles.css"`. Guide: docs/storefront.md.
 */
export { SortedProProvider, useSortedProSdk, useSortedProLocale } from "./context"
export { SortedProError, toSortedProError, fetchDeliveryOptions, fetchPickupOptions, choiceData } from "./api"
export type { SortedProSdk, StoreCart, DeliveryOptionsQuery, PickupOptionsQuery } from "./api"
export { useDeliveryOptions } from "./hooks/useDeliveryOptions"
export type { UseDeliveryOptionsArgs, UseDeliveryOptionsResult } from "./hooks/useDeliveryOptions"
export { usePickupOptions } from "./hooks/usePickupOptions"
export type { UsePickupOptionsArgs, UsePickupOptionsResult } from "./hooks/usePickupOptions"
export { useSelectShippingOption } from "./hooks/useSelectShippingOption"
export type { UseSelectShippingOptionArgs, UseSelectShippingOptionResult, SelectStatus } from "./hooks/useSelectShippingOption"
export type { QueryStatus, CheckoutQueryResult } from "./hooks/useStoreQuery"
export { DeliveryDayPicker } from "./components/DeliveryDayPicker"
export type { DeliveryDayPickerProps, DeliverySelection, DeliveryDayPickerSlot } from "./components/DeliveryDayPicker"
export { PickupPointPicker } from "./components/PickupPointPicker"
export type { PickupPointPickerProps, PickupSelection, PickupMapProps, PickupPointPickerSlot } from "./components/PickupPointPicker"
export { defaultLabels, germanLabels, frenchLabels, labelsFor } from "./labels"
export type { SortedProLabels } from "./labels"
export {
  formatMoney,
  formatDay,
  formatWindow,
  formatTime,
  formatDistance,
  formatIntervals,
  formatAddress,
  groupByDay,
  weekdayKey,
  weekdayName,
  WEEKDAYS,
} from "./format"
export type * from "./types"
export { TrackingLink, type TrackingLinkProps, type TrackingLabel } from "./components/tracking-link"
