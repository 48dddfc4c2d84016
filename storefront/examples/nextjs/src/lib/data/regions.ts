import type { HttpTypes } from "@medusajs/types"
import { sdk } from "../config"

/** The store's country (ISO 3166-1 alpha-2, lower case; `STORE_COUNTRY`, default "gb"). */
export const COUNTRY = (process.env.STORE_COUNTRY ?? "gb").toLowerCase()

/** The region that holds {@link COUNTRY}, as the starter's `getRegion(countryCode)`; the first region when none does. */
export async function getRegion(): Promise<HttpTypes.StoreRegion> {
  const { regions } = await sdk.store.region.list({ fields: "*countries" })
  return regions.find((region) => region.countries?.some((country) => country.iso_2 === COUNTRY)) ?? regions[0]
}
