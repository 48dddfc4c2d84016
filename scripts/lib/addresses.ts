/** Shopper addresses shared by the scripts and tests that place demo orders. */

/** A Manchester shipping address (Medusa's address shape, no phone); add `phone` where the caller needs one. */
export const KING_STREET_MANCHESTER = {
  first_name: "Ada",
  last_name: "Lovelace",
  address_1: "1 King Street",
  city: "Manchester",
  postal_code: "M2 4WU",
  country_code: "gb",
}
