import type { DeliveryOptionView } from "../../../types"
import { defaultDeliveryOption } from "../default-choice"

function option(reference: string, date: string, amount: number, start?: string): DeliveryOptionView {
  return {
    reference,
    carrier: "Carrier",
    carrier_service: "Service",
    carrier_service_reference: "CS",
    service_types: [],
    date,
    day_of_week: "Monday",
    window: start ? { start, end: "23:00", utc_offset: null } : null,
    guaranteed: false,
    price: { amount, currency_code: "GBP", tax_inclusive: true },
    allocation_cut_off: null,
    operational_cut_off: null,
  }
}

describe("defaultDeliveryOption (the option a storefront that sends no choice is priced and given)", () => {
  it("takes the earliest day's cheapest option, even when a later day is cheaper", () => {
    const options = [
      option("LATER-CHEAP", "2026-12-09", 3.5),
      option("EARLY-DEAR", "2026-12-07", 9.99, "08:00"),
      option("EARLY-CHEAP", "2026-12-07", 5.99),
    ]
    expect(defaultDeliveryOption(options)?.reference).toBe("EARLY-CHEAP")
  })

  it("among equally cheap options on the earliest day, takes the earliest window", () => {
    const options = [option("ALL-DAY", "2026-12-07", 5), option("EVENING", "2026-12-07", 5, "18:00"), option("MORNING", "2026-12-07", 5, "08:00")]
    expect(defaultDeliveryOption(options)?.reference).toBe("MORNING")
  })

  it("is undefined when nothing is offered", () => {
    expect(defaultDeliveryOption([])).toBeUndefined()
  })
})
