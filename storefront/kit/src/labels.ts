/** "LocationType" or "location_type" → "Location type": a pickup point's `additional_information` key as words. */
function humanise(key: string): string {
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The English labels (the default for a locale that is neither German nor French). */
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
  /** The name of a pickup point's `additional_information` key from PRO ("LocationType" → "Location type"). */
  informationName: (key: string) => humanise(key),
}

/**
 * Every text the kit's components show (the type of `defaultLabels`). Pass a partial object as the `labels` prop to
 * translate or reword; functions receive already-formatted values (prices formatted from MAJOR units).
 */
export type SortedProLabels = typeof defaultLabels

/** German labels (`locale` de, de-DE, de-AT, …). */
export const germanLabels: SortedProLabels = {
  deliveryHeading: "Liefertag wählen",
  daysLabel: "Liefertag",
  windowsLabel: (day) => `Lieferzeit am ${day}`,
  loadingDays: "Liefertermine werden geladen…",
  noDays: "Für diese Adresse gibt es keine Liefertermine.",
  needsAddress: "Geben Sie Ihre Lieferadresse ein, um die Liefertermine zu sehen.",
  fromPrice: (price) => `ab ${price}`,
  anyTime: "Jederzeit",
  guaranteed: "Garantiert",
  fallbackNotice: (price) => `Liefertermine sind gerade nicht verfügbar. Standardlieferung für ${price}.`,
  fallbackOption: "Standardlieferung",
  retry: "Erneut versuchen",
  saving: "Ihre Auswahl wird gespeichert…",
  chosenDelivery: (day, window, price) => `Lieferung am ${day}, ${window}: ${price}`,
  chooseAgain: "Diese Option ist nicht mehr verfügbar. Bitte wählen Sie erneut.",
  pickupHeading: "Abholpunkt wählen",
  postcodeLabel: "Postleitzahl",
  search: "Suchen",
  useMyLocation: "Meinen Standort verwenden",
  locating: "Ihr Standort wird ermittelt…",
  locationUnavailable: (reason) => `Ihr Standort ist nicht verfügbar (${reason}). Suchen Sie stattdessen nach Postleitzahl.`,
  loadingPoints: "Abholpunkte werden geladen…",
  noPoints: "In der Nähe wurden keine Abholpunkte gefunden. Versuchen Sie eine andere Postleitzahl.",
  pointsLabel: "Abholpunkte",
  pickupFallbackNotice: (price) => `Abholpunkte sind gerade nicht verfügbar. Wählen Sie die Lieferung nach Hause (Standardlieferung für ${price}).`,
  distance: (distance) => `${distance} entfernt`,
  openToday: (hours) => `Heute geöffnet ${hours}`,
  closedToday: "Heute geschlossen",
  closed: "Geschlossen",
  openingHours: "Öffnungszeiten",
  stepFreeAccess: "Stufenloser Zugang",
  reservationRequired: "Reservierung erforderlich",
  pointOptionsLabel: (name) => `Abholtag bei ${name}`,
  pointWindowsLabel: (day) => `Abholoptionen am ${day}`,
  noPointOptions: "Dieser Abholpunkt hat keine Abholtage für Ihre Bestellung.",
  chosenPickup: (name, day, price) => `Abholung bei ${name} am ${day}: ${price}`,
  informationName: (key) => ({ LocationType: "Art des Standorts" })[key] ?? humanise(key),
}

/** French labels (`locale` fr, fr-FR, fr-BE, …). */
export const frenchLabels: SortedProLabels = {
  deliveryHeading: "Choisissez un jour de livraison",
  daysLabel: "Jour de livraison",
  windowsLabel: (day) => `Heure de livraison le ${day}`,
  loadingDays: "Chargement des dates de livraison…",
  noDays: "Aucune date de livraison n'est disponible pour cette adresse.",
  needsAddress: "Saisissez votre adresse de livraison pour voir les dates de livraison.",
  fromPrice: (price) => `à partir de ${price}`,
  anyTime: "À tout moment",
  guaranteed: "Garanti",
  fallbackNotice: (price) => `Les dates de livraison sont indisponibles pour le moment. Livraison standard à ${price}.`,
  fallbackOption: "Livraison standard",
  retry: "Réessayer",
  saving: "Enregistrement de votre choix…",
  chosenDelivery: (day, window, price) => `Livraison le ${day}, ${window} : ${price}`,
  chooseAgain: "Cette option n'est plus disponible. Veuillez choisir à nouveau.",
  pickupHeading: "Choisissez un point de retrait",
  postcodeLabel: "Code postal",
  search: "Rechercher",
  useMyLocation: "Utiliser ma position",
  locating: "Recherche de votre position…",
  locationUnavailable: (reason) => `Votre position n'est pas disponible (${reason}). Recherchez plutôt par code postal.`,
  loadingPoints: "Chargement des points de retrait…",
  noPoints: "Aucun point de retrait trouvé à proximité. Essayez un autre code postal.",
  pointsLabel: "Points de retrait",
  pickupFallbackNotice: (price) =>
    `Les points de retrait sont indisponibles pour le moment. Choisissez la livraison à domicile (livraison standard à ${price}).`,
  distance: (distance) => `à ${distance}`,
  openToday: (hours) => `Ouvert aujourd'hui ${hours}`,
  closedToday: "Fermé aujourd'hui",
  closed: "Fermé",
  openingHours: "Horaires d'ouverture",
  stepFreeAccess: "Accès de plain-pied",
  reservationRequired: "Réservation requise",
  pointOptionsLabel: (name) => `Jour de retrait chez ${name}`,
  pointWindowsLabel: (day) => `Options de retrait le ${day}`,
  noPointOptions: "Ce point n'a aucun jour de retrait pour votre commande.",
  chosenPickup: (name, day, price) => `Retrait chez ${name} le ${day} : ${price}`,
  informationName: (key) => ({ LocationType: "Type de point" })[key] ?? humanise(key),
}

/**
 * The kit's own texts in the language of a BCP 47 `locale`: German for `de…`, French for `fr…`, English otherwise
 * (the kit ships en, de and fr). A `labels` prop overrides single texts on top of these.
 */
export function labelsFor(locale: string): SortedProLabels {
  const language = locale.toLowerCase().split(/[-_]/)[0]
  return language === "de" ? germanLabels : language === "fr" ? frenchLabels : defaultLabels
}
