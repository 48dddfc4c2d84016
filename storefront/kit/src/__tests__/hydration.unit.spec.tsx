/**
 * Server rendering (Next.js App Router, any SSR): the pickers' markup from `react-dom/server` on a "server" (no
 * `window`, `document` or `navigator`) equals their first render in a browser that has `navigator.geolocation`, and
 * `hydrateRoot` adopts it with no mismatch (no recoverable error, no console error), on React 18 and 19 alike
 * (vitest projects react18 and react19). "Use my location" appears only once mounted, so it never changes the first
 * render.
 */
import { act, type ReactElement } from "react"
import { hydrateRoot } from "react-dom/client"
import { renderToString } from "react-dom/server"
import { DeliveryDayPicker } from "../components/DeliveryDayPicker"
import { PickupPointPicker } from "../components/PickupPointPicker"
import { SortedProProvider } from "../context"
import { deliveryOptions, mockFetch, newSdk, pickupOptions } from "../../test/fixtures"

const sdk = newSdk()
const BROWSER_ONLY = ["window", "document", "navigator"] as const

/** Runs `render` with the browser-only globals hidden, as on a Node server. */
function onServer<T>(render: () => T): T {
  const saved = BROWSER_ONLY.map((name) => Object.getOwnPropertyDescriptor(globalThis, name))
  for (const name of BROWSER_ONLY) {
    Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true })
  }
  try {
    return render()
  } finally {
    BROWSER_ONLY.forEach((name, index) => Object.defineProperty(globalThis, name, saved[index]!))
  }
}

/** Server-renders `app`, then hydrates that markup in the browser; resolves with what the browser rendered first and the errors. */
async function serverThenHydrate(app: ReactElement) {
  const html = onServer(() => renderToString(app))
  const firstClientRender = renderToString(app)
  const container = document.createElement("div")
  container.innerHTML = html
  document.body.appendChild(container)
  const errors: unknown[] = []
  const consoleError = jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => errors.push(args.map(String).join(" ")))
  try {
    await act(async () => {
      hydrateRoot(container, app, { onRecoverableError: (error) => errors.push(error) })
    })
  } finally {
    consoleError.mockRestore()
    container.remove()
  }
  return { html, firstClientRender, errors, hydrated: container }
}

beforeAll(() => {
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })
})

beforeEach(() => {
  // a browser with geolocation, as the shoppers' browsers have
  Object.defineProperty(navigator, "geolocation", { value: { getCurrentPosition: jest.fn() }, configurable: true })
  mockFetch((call) => ({ body: call.url.pathname.includes("pickup") ? pickupOptions : deliveryOptions }))
})

describe("server rendering and hydration", () => {
  it("renders the delivery-day picker the same on the server and in the browser, and hydrates it without a mismatch", async () => {
    const app = (
      <SortedProProvider sdk={sdk}>
        <DeliveryDayPicker cartId="cart_1" />
      </SortedProProvider>
    )
    const { html, firstClientRender, errors } = await serverThenHydrate(app)
    expect(html).toContain("spk-delivery")
    expect(errors).toEqual([])
    expect(firstClientRender).toBe(html)
  })

  it("renders the pickup-point picker the same on the server and in the browser: 'Use my location' does not change the first render", async () => {
    const app = (
      <SortedProProvider sdk={sdk}>
        <PickupPointPicker cartId="cart_1" postalCode="M1 5WG" />
      </SortedProProvider>
    )
    const { html, firstClientRender, errors, hydrated } = await serverThenHydrate(app)
    expect(html).not.toContain("Use my location")
    expect(errors).toEqual([])
    expect(firstClientRender).toBe(html)
    // once mounted in a browser with geolocation, the button is there
    expect(hydrated.textContent).toContain("Use my location")
  })

  it("hydrates both pickers side by side (ids from useId match)", async () => {
    const app = (
      <SortedProProvider sdk={sdk} locale="en-GB">
        <DeliveryDayPicker cartId="cart_1" />
        <PickupPointPicker cartId="cart_1" />
      </SortedProProvider>
    )
    const { firstClientRender, html, errors } = await serverThenHydrate(app)
    expect(errors).toEqual([])
    expect(firstClientRender).toBe(html)
  })
})
