/** The default (English) labels. */
export const defaultLabels = {
  deliveryHeading: "Choose a delivery day",
  daysLabel: "Delivery day",
  windowsLabel: (day: string) => `Delivery time on ${day}`,
  loadingDays: "Loading delivery dates…",
  noDays: "No delivery dates are available for this address.",
  needsAddress: "Enter your delivery address to see delivery dates.",
  fromPrice: (price: string) => `from ${price}`,
  anyTime: "Any time",
  guaranteed: "Guaranteed",
  fallbackNotice: (price: string) => `Delivery dates are unavailable right now. Standard delivery at ${price}.`,
  fallbackOption: "Standard delivery",
  retry: "Try again",
  saving: "Saving your choice…",
  chosenDelivery: (day: string, window: string, price: string) => `Delivery on ${day}, ${window}: ${price}`,
  chooseAgain: "That option is no longer available. Please choose again.",
  pickupHeading: "Choose a pickup point",
  postcodeLabel: "Postcode",
  search: "Search",
  useMyLocation: "Use my location",
  locating: "Finding your location…",
  locationUnavailable: (reason: string) => `Your location is not available (${reason}). Search by postcode instead.`,
  loadingPoints: "Loading pickup points…",
  noPoints: "No pickup points were found near there. Try another postcode.",
  pointsLabel: "Pickup points",
  pickupFallbackNotice: (price: string) => `Pickup points are unavailable right now. Choose home delivery (standard delivery at ${price}).`,
  distance: (distance: string) => `${distance} away`,
  openToday: (hours: string) => `Open today ${hours}`,
  closedToday: "Closed today",
  closed: "Closed",
  openingHours: "Opening hours",
  stepFreeAccess: "Step-free access",
  reservationRequired: "Reservation required",
  pointOptionsLabel: (name: string) => `Collection day at ${name}`,
  pointWindowsLabel: (day: string) => `Collection options on ${day}`,
  noPointOptions: "This point has no collection days for your order.",
  chosenPickup: (name: string, day: string, price: string) => `Collect from ${name} on ${day}: ${price}`,
}

/**
 * Every text the kit's components show (the type of `defaultLabels`). Pass a partial object as the `labels` prop to
 * translate or reword; functions receive already-formatted values (prices formatted from MAJOR units).
 */
export type SortedProLabels = typeof defaultLabels
