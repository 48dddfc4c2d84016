import type { ReactNode } from "react"
import "./globals.css"

export const metadata = { title: "SortedPRO × Next.js starter checkout" }

/** The example's shell: a header linking the product list and the two checkouts. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body>
        <header className="top">
          <a href="/">Store</a>
          <nav>
            <a href="/checkout">Checkout (starter's calls)</a>
            <a href="/checkout/kit">Checkout with the kit</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  )
}
