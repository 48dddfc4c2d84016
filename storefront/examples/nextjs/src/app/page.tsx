import { addToCart } from "@/lib/data/cart"
import { listProducts } from "@/lib/data/orders"
import { formatMoney } from "@/lib/money"

export const dynamic = "force-dynamic"

/** The product list: one "Add to cart" per product (its first variant), which opens the checkout. */
export default async function Home() {
  const products = await listProducts()
  return (
    <>
      <h1>Products</h1>
      <ul className="products">
        {products.map((product) => {
          const variant = product.variants?.[0]
          const price = variant?.calculated_price
          return (
            <li key={product.id} className="card">
              <h2>{product.title}</h2>
              {price?.calculated_amount != null && price.currency_code && <p>{formatMoney(price.calculated_amount, price.currency_code)}</p>}
              {variant && (
                <form action={addToCart.bind(null, variant.id)}>
                  <button className="primary" type="submit" aria-label={`Add ${product.title}`}>
                    Add to cart
                  </button>
                </form>
              )}
            </li>
          )
        })}
      </ul>
    </>
  )
}
