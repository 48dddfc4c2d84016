/**
 * Shipping addresses shared by the unit and integration tests, in Medusa's address shape (snake_case, ISO 3166-1
 * alpha-2 `country_code` in lower case). Both are in Manchester, inside the sandbox's service area (sandbox/README.md).
 */

/** A shopper's UK address with a phone number: the integration carts' default (integration-tests/http/helpers). */
export const UK_ADDRESS = {
  first_name: "Peter",
  last_name: "McPetersson",
  address_1: "13 Porter Street",
  city: "Manchester",
  postal_code: "M1 5WG",
  country_code: "gb",
  phone: "07702123456",
}

/** A UK address without a phone number, for the carts of the checkout unit tests. */
export const MANCHESTER_ADDRESS = {
  first_name: "Ada",
  last_name: "L",
  address_1: "1 Porter Street",
  city: "Manchester",
  postal_code: "M1 5WG",
  country_code: "gb",
}
