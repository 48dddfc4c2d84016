/**
 * Every text the kit's components show, in English by default. Pass a partial object as the `labels` prop to
 * translate or reword; functions receive already-formatted values (prices formatted from MAJOR units).
 */
export interface SortedProLabels {
  deliveryHeading: string
  daysLabel: string
  windowsLabel: (dayLong: string) => string
  loadingDays: string
  noDays: string
  needsAddress: string
  fromPrice: (price: string) => string
  anyTime: string
  guaranteed: string
  fallbackNotice: (price: string) => string
  fallbackOption: string
  retry: string
  saving: string
  chosenDelivery: (day: string, window: string, price: string) => string
  chooseAgain: string
  pickupHeading: string
  postcodeLabel: string
  search: string
  useMyLocation: string
  locating: string
  locationUnavailable: (reason: string) => string
  loadingPoints: string
  noPoints: string
  pointsLabel: string
  pickupFallbackNotice: (price: string) => string
  distance: (distance: string) => string
  openToday: (hours: string) => string
  closedToday: string
  closed: string
  openingHours: string
  stepFreeAccess: string
  reservationRequired: string
  pointOptionsLabel: (name: string) => string
  pointWindowsLabel: (day: string) => string
  noPointOptions: string
  chosenPickup: (name: string, day: string, price: string) => string
}

/** The default (English) labels. */
export const defaultLabels: SortedProLabels = {
  deliveryHeading: "Choose a delivery day",
  daysLabel: "Delivery day",
  windowsLabel: (day) => `Delivery time on ${day}`,
  loadingDays: "Loading delivery dates…",
  noDays: "No delivery dates are available for this address.",
  needsAddress: "Enter your delivery address to see delivery dates.",
  fromPrice: (price) => `from ${price}`,
  anyTime: "Any time",
  guaranteed: "Guaranteed",
  fallbackNotice: (price) => `Delivery dates are unavailable right now. Standard delivery at ${price}.`,
  fallbackOption: "Standard delivery",
  retry: "Try again",
  saving: "Saving your choice…",
  chosenDelivery: (day, window, price) => `Delivery on ${day}, ${window}: ${price}`,
  chooseAgain: "That option is no longer available. Please choose again.",
  pickupHeading: "Choose a pickup point",
  postcodeLabel: "Postcode",
  search: "Search",
  useMyLocation: "Use my location",
  locating: "Finding your location…",
  locationUnavailable: (reason) => `Your location is not available (${reason}). Search by postcode instead.`,
  loadingPoints: "Loading pickup points…",
  noPoints: "No pickup points were found near there. Try another postcode.",
  pointsLabel: "Pickup points",
  pickupFallbackNotice: (price) => `Pickup points are unavailable right now. Choose home delivery (standard delivery at ${price}).`,
  distance: (distance) => `${distance} away`,
  openToday: (hours) => `Open today ${hours}`,
  closedToday: "Closed today",
  closed: "Closed",
  openingHours: "Opening hours",
  stepFreeAccess: "Step-free access",
  reservationRequired: "Reservation required",
  pointOptionsLabel: (name) => `Collection day at ${name}`,
  pointWindowsLabel: (day) => `Collection options on ${day}`,
  noPointOptions: "This point has no collection days for your order.",
  chosenPickup: (name, day, price) => `Collect from ${name} on ${day}: ${price}`,
}
