/**
 * @jest-environment jsdom
 */
import { render, screen, waitFor } from "@testing-library/react"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { TooltipProvider } from "@medusajs/ui"
import i18next from "i18next"
import { initReactI18next } from "react-i18next"
import resources from "../i18n"

// the admin's sdk reads Vite's import.meta.env, which Jest's CommonJS cannot parse
jest.mock("../lib/sdk", () => ({ sdk: { client: { config: { baseUrl: "/" } } } }))

const answers: Record<string, unknown> = {}
jest.mock("../lib/api", () => ({
  ...jest.requireActual("../lib/api"),
  adminFetch: async (path: string) => answers[path] ?? {},
}))

import { ConsignmentTable } from "../components/consignment-table"

/** One listed record of the list route (GET /admin/sorted-pro/consignments). */
const row = (i: number) => ({
  id: `spcon_${i}`,
  order_id: `order_${i}`,
  reference: `EC-000-000-${String(i).padStart(3, "0")}`,
  sync_status: "synced",
  state: "Allocated",
  direction: "outbound",
  tracking_numbers: [],
  actions: {},
})

async function renderWith(count: number, capped: boolean) {
  answers["/admin/sorted-pro/consignments"] = { consignments: [row(1), row(2)], count, count_capped: capped, limit: 20, offset: 0 }
  await i18next.use(initReactI18next).init({ lng: "en", fallbackLng: "en", resources, interpolation: { escapeValue: false } })
  render(
    <QueryClientProvider client={new QueryClient()}>
      <TooltipProvider>
        <ConsignmentTable />
      </TooltipProvider>
    </QueryClientProvider>
  )
  await waitFor(() => expect(screen.getByText("EC-000-000-001")).toBeTruthy())
}

describe("the consignment list's count at volume (issue 15 item 3)", () => {
  it("says the count is a floor when the route capped it, rather than showing 10,000 as the total", async () => {
    await renderWith(10_000, true)
    expect(document.body.textContent).toContain("10000 results or more")
  })

  it("shows an exact count as it is", async () => {
    await renderWith(42, false)
    expect(document.body.textContent).toContain("of 42 results")
    expect(document.body.textContent).not.toContain("or more")
  })
})
