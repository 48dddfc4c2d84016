import { DeliveryDayPicker, PickupPointPicker } from "medusa-plugin-sorted-pro-storefront"
import { AddressForm } from "@/components/AddressForm"
import { KitProvider } from "@/components/KitProvider"
import { Summary } from "@/components/Summary"
import { backend } from "@/lib/config"
import { retrieveCart } from "@/lib/data/cart"
import { chooseWithKit } from "@/lib/data/kit"

export const dynamic = "force-dynamic"

/**
 * The checkout with the storefront kit (docs/nextjs.md): this server component renders the kit's pickers (a
 * `"use client"` entry) with `addToCart={false}` and, as `onSelect`, the `chooseWithKit` server action, which stores
 * the choice with `data` and revalidates the cached cart; the summary then shows the stored method's price.
 */
export default async function KitCheckout() {
  const cart = await retrieveCart()
  if (!cart?.items?.length) {
    return <p>Your cart is empty.</p>
  }
  const method = cart.shipping_methods?.at(-1)
  const data = (method?.data ?? {}) as { delivery_option_reference?: string; flow?: string }
  const onSelect = chooseWithKit.bind(null, cart.id)
  return (
    <>
      <h1>Checkout with the kit</h1>
      <div className="grid">
        <div>
          <AddressForm cart={cart} redirectTo="/checkout/kit" />
          {cart.shipping_address?.postal_code && (
            <section className="card">
              <KitProvider
                backendUrl={backend.url}
                publishableKey={backend.publishableKey}
                initial={data.flow === "consumer_options_pickup" ? "pickup" : "delivery"}
                delivery={
                  <DeliveryDayPicker cartId={cart.id} addToCart={false} onSelect={onSelect} selectedReference={data.delivery_option_reference} />
                }
                pickup={<PickupPointPicker cartId={cart.id} addToCart={false} onSelect={onSelect} postalCode={cart.shipping_address.postal_code} />}
              />
            </section>
          )}
        </div>
        <Summary cart={cart} />
      </div>
    </>
  )
}
