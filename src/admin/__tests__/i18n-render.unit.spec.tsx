/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { TooltipProvider } from "@medusajs/ui"
import i18next from "i18next"
import { initReactI18next } from "react-i18next"
import resources from "../i18n"
import { ConsignmentCard } from "../components/consignment-card"
import type { Consignment } from "../lib/api"

// the admin's sdk reads Vite's import.meta.env, which Jest's CommonJS cannot parse
jest.mock("../lib/sdk", () => ({ sdk: { client: { config: { baseUrl: "/" } } } }))

const consignment = {
  id: "spcon_1",
  order_id: "order_1",
  reference: "EC-000-111-222",
  sync_status: "synced",
  state: "Allocated",
  direction: "outbound",
  carrier_name: "SwiftPost",
  carrier_service_name: "Next Day",
  tracking_numbers: ["SP123"],
  packages: null,
  delivery_promise: { date: "2025-06-17", window: { start: "07:00", end: "12:00" }, price: { amount: 4.99, currency_code: "gbp" } },
  allocation_strategy: "service_group:SG_NEXTDAY",
  labels_printed_at: null,
  manifested_at: null,
  last_error: null,
  actions: { retry: false, allocate: true, reallocate: true, labels: true, manifest: true, deallocate: true, cancel: true },
} as unknown as Consignment

/** The page's text with Intl's no-break spaces as plain spaces. */
const pageText = () => (document.body.textContent ?? "").replace(/[\u00a0\u202f]/g, " ")

async function renderIn(language: string) {
  await i18next.use(initReactI18next).init({ lng: language, fallbackLng: "en", resources, interpolation: { escapeValue: false } })
  await i18next.changeLanguage(language)
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <TooltipProvider>
        <ConsignmentCard consignment={consignment} />
      </TooltipProvider>
    </QueryClientProvider>
  )
}

describe("the admin follows the admin's language (issue 18 item 4)", () => {
  it("renders the consignment card in German: labels, state, strategy, date and price", async () => {
    await renderIn("de")
    expect(screen.getByText("Etikett drucken")).toBeTruthy()
    expect(screen.getByText("Neu zuweisen")).toBeTruthy()
    expect(screen.getByText("Lieferzusage")).toBeTruthy()
    expect(screen.getByText("Zugewiesen")).toBeTruthy()
    expect(screen.getByText("Servicegruppe SG_NEXTDAY")).toBeTruthy()
    expect(screen.getByTestId("consignment-labels").textContent).toContain("Nicht gedruckt · Nicht im Manifest")
    // Intl in German: weekday and month names, a decimal comma, the symbol after the amount
    expect(pageText()).toContain("Di., 17. Juni 2025, 07:00–12:00 · 4,99 £")
    expect(pageText()).not.toMatch(/Print label|Delivery promise|Not printed/)
  })

  it("renders it in French", async () => {
    await renderIn("fr")
    expect(screen.getByText("Imprimer l'étiquette")).toBeTruthy()
    expect(screen.getByText("Promesse de livraison")).toBeTruthy()
    expect(screen.getByText("Attribué")).toBeTruthy()
    expect(pageText()).toContain("mar. 17 juin 2025, 07:00–12:00 · 4,99 £GB")
  })
})
