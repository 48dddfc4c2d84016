import { expiredChoiceMessage } from "../cut-off"

const NOW = Date.parse("2026-06-16T12:00:00Z")
const choice = (flow: string, cutOff: string | undefined) => ({
  data: { flow, allocation_cut_off: cutOff, day_of_week: "Wednesday", delivery_date: "2026-06-17", window: { start: "09:00", end: "12:00" } },
})

describe("expiredChoiceMessage", () => {
  it("refuses a delivery or pickup choice whose cut-off is at or before now, asking to choose again", () => {
    expect(expiredChoiceMessage([choice("consumer_options", "2026-06-16T12:00:00Z")], NOW)).toBe(
      "The delivery option you chose (Wednesday 2026-06-17 09:00–12:00) is no longer available: its cut-off passed at 2026-06-16T12:00:00Z. Please choose your delivery again."
    )
    expect(expiredChoiceMessage([choice("consumer_options_pickup", "2026-06-16T11:00:00Z")], NOW)).toMatch(
      /^The pickup option .* choose your delivery again\.$/
    )
  })

  it("passes a cut-off still ahead, a flow without one, other providers' methods and no methods", () => {
    expect(expiredChoiceMessage([choice("consumer_options", "2026-06-16T12:00:01Z")], NOW)).toBeNull()
    expect(expiredChoiceMessage([choice("order_flex", "2026-06-01T00:00:00Z")], NOW)).toBeNull()
    expect(expiredChoiceMessage([choice("consumer_options", undefined), { data: null }, null, {}], NOW)).toBeNull()
    expect(expiredChoiceMessage(undefined, NOW)).toBeNull()
  })
})
