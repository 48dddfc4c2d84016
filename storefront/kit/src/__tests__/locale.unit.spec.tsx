import { fireEvent, render, screen, within } from "@testing-library/react"
import { DeliveryDayPicker } from "../components/DeliveryDayPicker"
import { PickupPointPicker } from "../components/PickupPointPicker"
import { SortedProProvider } from "../context"
import { formatDay, formatDistance, formatIntervals, formatMoney, formatTime, formatWindow, weekdayName } from "../format"
import { defaultLabels, frenchLabels, germanLabels, labelsFor } from "../labels"
import { cartWith, deliveryOptions, mockFetch, newSdk, pickupOptions } from "../../test/fixtures"

/** Intl's no-break spaces (before "£", in "0,4 km") as plain spaces. */
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ")
const sdk = newSdk()

describe("the kit's locale (issue 18 item 4)", () => {
  it("formats prices with Intl in the locale, each currency in its own minor unit", () => {
    expect(plain(formatMoney(11.65, "gbp", "de-DE"))).toBe("11,65 £")
    expect(plain(formatMoney(11.65, "eur", "fr-FR"))).toBe("11,65 €")
    expect(plain(formatMoney(1358, "jpy", "de-DE"))).toBe("1.358 ¥")
    expect(plain(formatMoney(1.235, "kwd", "fr-FR"))).toBe("1,235 KWD")
    expect(plain(formatMoney(1.235, "kwd", "en-GB"))).toBe("KWD 1.235")
  })

  it("formats days, weekdays, times and distances in German and French", () => {
    expect(formatDay("2026-06-09", "de-DE")).toEqual({ weekday: "Di", dayMonth: "9. Juni", long: "Dienstag, 9. Juni" })
    expect(formatDay("2026-06-09", "fr-FR")).toEqual({ weekday: "mar.", dayMonth: "9 juin", long: "mardi 9 juin" })
    expect(weekdayName("saturday", "de")).toBe("Samstag")
    expect(weekdayName("saturday", "fr")).toBe("samedi")
    expect(formatTime("07:00", "de-DE")).toBe("07:00")
    expect(formatTime("19:30", "en-US")).toBe("07:30 PM")
    expect(formatTime("24:00", "de")).toBe("24:00")
    expect(formatWindow({ start: "07:00", end: "12:00", utc_offset: null }, germanLabels.anyTime, "de-DE")).toBe("07:00–12:00")
    expect(formatWindow(null, frenchLabels.anyTime, "fr-FR")).toBe("À tout moment")
    expect(formatIntervals([], germanLabels.closed, "de")).toBe("Geschlossen")
    expect(plain(formatDistance(0.4, "de-DE"))).toBe("0,4 km")
  })

  it("picks the kit's own texts by language, English for any other", () => {
    expect(labelsFor("de-AT")).toBe(germanLabels)
    expect(labelsFor("fr")).toBe(frenchLabels)
    expect(labelsFor("es-ES")).toBe(defaultLabels)
    expect(Object.keys(germanLabels).sort()).toEqual(Object.keys(defaultLabels).sort())
    expect(Object.keys(frenchLabels).sort()).toEqual(Object.keys(defaultLabels).sort())
  })

  it("renders the delivery day picker in German with the provider's locale", async () => {
    mockFetch((call) => (call.method === "GET" ? { body: deliveryOptions } : { body: cartWith(call.body?.data, call.body?.option_id) }))
    render(
      <SortedProProvider sdk={sdk} locale="de-DE">
        <DeliveryDayPicker cartId="cart_1" />
      </SortedProProvider>
    )
    const days = within(await screen.findByRole("radiogroup", { name: "Liefertag" })).getAllByRole("radio")
    expect(days.map((day) => plain(day.getAttribute("aria-label")))).toEqual(["Dienstag, 9. Juni, ab 3,95 £", "Mittwoch, 10. Juni, ab 5,25 £"])
    const windows = within(screen.getByRole("radiogroup", { name: "Lieferzeit am Dienstag, 9. Juni" })).getAllByRole("radio")
    expect(windows.map((option) => plain(option.getAttribute("aria-label")))).toEqual([
      "Jederzeit, DPD Next Day, 3,95 £",
      "07:00–12:00, DPD Timed Delivery, Garantiert, 6,50 £",
    ])
  })

  it("renders the pickup point picker in French", async () => {
    mockFetch((call) => (call.method === "GET" ? { body: pickupOptions } : { body: cartWith(call.body?.data, call.body?.option_id) }))
    render(<PickupPointPicker cartId="cart_1" sdk={sdk} locale="fr-FR" postalCode="M1 5WG" now={new Date(2026, 5, 13, 11, 0)} />)
    const points = within(await screen.findByRole("radiogroup", { name: "Points de retrait" })).getAllByRole("radio")
    expect(plain(points[0].getAttribute("aria-label"))).toBe(
      "Oxford Road Post Office, à 0,4 km, 12 Oxford Road, Manchester M1 5WG, Ouvert aujourd'hui 10:00–16:00, Accès de plain-pied, à partir de 2,99 £GB"
    )
    fireEvent.click(points[1])
    const rows = within(screen.getByRole("group", { name: "Piccadilly Locker" })).getAllByRole("row")
    expect(rows.map((row) => row.textContent)).toContain("dimancheFermé")
    expect(screen.getByText("Type de point")).toBeTruthy()
    expect(screen.getByLabelText("Code postal")).toBeTruthy()
  })
})
