import { AddressForm } from "@/components/AddressForm"
import { Shipping } from "@/components/Shipping"
import { Summary } from "@/components/Summary"
import { retrieveCart } from "@/lib/data/cart"
import { listCartShippingMethods } from "@/lib/data/fulfillment"

export const dynamic = "force-dynamic"

/**
 * The checkout with the official starter's calls only: address, then the shipping options of
 * `GET /store/shipping-options?cart_id=` (calculated ones priced with `POST …/calculate {cart_id}`), one chosen with
 * `addShippingMethod(cartId, {option_id})`, then the system payment provider and complete.
 */
export default async function Checkout() {
  const cart = await retrieveCart()
  if (!cart?.items?.length) {
    return <p>Your cart is empty.</p>
  }
  const options = cart.shipping_address?.postal_code ? await listCartShippingMethods(cart.id) : null
  return (
    <>
      <h1>Checkout</h1>
      <div className="grid">
        <div>
          <AddressForm cart={cart} redirectTo="/checkout" />
          {options && <Shipping cart={cart} options={options} />}
        </div>
        <Summary cart={cart} />
      </div>
    </>
  )
}
