import { consignmentEvents, consignmentMessages, EventConsignment, proOrderEvents, SORTED_PRO_EVENTS as E } from "../events"

const record = (fields: Partial<EventConsignment> = {}): EventConsignment => ({ id: "spcon_1", order_id: "order_1", ...fields })
const allocated = record({
  reference: "EC-000-001-AAA",
  state: "Allocated",
  carrier_reference: "SWIFTPOST",
  carrier_service_reference: "SP_NEXT_DAY",
  tracking_numbers: ["SP000000001GB"],
})

describe("consignmentEvents: one event per change of our record", () => {
  it("announces nothing for a record that is not in PRO yet", () => {
    expect(consignmentEvents(null, record({ state: null }))).toEqual([])
    expect(consignmentEvents(record(), record({ last_error: { status: 503 } }))).toEqual([])
  })

  it("announces creation and allocation when a Select or Pack lands allocated", () => {
    expect(consignmentEvents(record(), allocated)).toEqual([E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED])
    expect(consignmentEvents(null, allocated)).toEqual([E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATED])
  })

  it("repeats nothing when a retry writes what the record already says", () => {
    expect(consignmentEvents(allocated, { ...allocated })).toEqual([])
    const failed = { ...allocated, state: "Unallocated", last_error: { status: 400, code: "AllocationFailed" } }
    expect(consignmentEvents(failed, { ...failed, last_error: { status: 400, code: "AllocationFailed", at: "later" } })).toEqual([])
  })

  it("announces a failed allocation once, then the allocation that follows", () => {
    const created = record({ reference: "EC-000-001-AAA", state: "Unallocated" })
    const failed = { ...created, last_error: { status: 400, code: "AllocationFailed" } }
    expect(consignmentEvents(created, failed)).toEqual([E.CONSIGNMENT_ALLOCATION_FAILED])
    expect(consignmentEvents(record(), { ...created, state: "AllocationFailed" })).toEqual([E.CONSIGNMENT_CREATED, E.CONSIGNMENT_ALLOCATION_FAILED])
    expect(consignmentEvents(failed, { ...allocated, last_error: null })).toEqual([E.CONSIGNMENT_ALLOCATED])
  })

  it("does not call an outage a failed allocation", () => {
    const created = record({ reference: "EC-000-001-AAA", state: "Unallocated" })
    expect(consignmentEvents(created, { ...created, last_error: { status: 503 } })).toEqual([])
    expect(consignmentEvents(created, { ...created, last_error: { status: 429 } })).toEqual([])
  })

  it("announces a re-allocation to another carrier service, and an allocation after a deallocation", () => {
    expect(consignmentEvents(allocated, { ...allocated, carrier_service_reference: "EV_48" })).toEqual([E.CONSIGNMENT_ALLOCATED])
    const deallocated = { ...allocated, state: "Unallocated", carrier_service_reference: null }
    expect(consignmentEvents(allocated, deallocated)).toEqual([])
    expect(consignmentEvents(deallocated, allocated)).toEqual([E.CONSIGNMENT_ALLOCATED])
  })

  it("announces manifested, shipped and delivered as the state moves on, each passed milestone once", () => {
    const manifested = { ...allocated, state: "Manifested" }
    expect(consignmentEvents(allocated, manifested)).toEqual([E.CONSIGNMENT_MANIFESTED])
    expect(consignmentEvents(manifested, { ...allocated, state: "Collected" })).toEqual([E.CONSIGNMENT_SHIPPED])
    expect(consignmentEvents({ ...allocated, state: "Collected" }, { ...allocated, state: "InTransit" })).toEqual([])
    expect(consignmentEvents({ ...allocated, state: "InTransit" }, { ...allocated, state: "DeliveryFailed" })).toEqual([])
    expect(consignmentEvents({ ...allocated, state: "DeliveryFailed" }, { ...allocated, state: "Delivered" })).toEqual([E.CONSIGNMENT_DELIVERED])
    expect(consignmentEvents(allocated, { ...allocated, state: "Delivered" })).toEqual([
      E.CONSIGNMENT_MANIFESTED,
      E.CONSIGNMENT_SHIPPED,
      E.CONSIGNMENT_DELIVERED,
    ])
  })

  it("announces a cancel once: PRO's Cancelled state, or our cancel done (deallocated instead)", () => {
    const cancelled = { ...allocated, state: "Cancelled" }
    expect(consignmentEvents(allocated, cancelled)).toEqual([E.CONSIGNMENT_CANCELLED])
    expect(consignmentEvents(cancelled, { ...cancelled, cancel_status: "done" })).toEqual([])
    const deallocated = { ...allocated, state: "Unallocated" }
    expect(consignmentEvents(deallocated, { ...deallocated, cancel_status: "done" })).toEqual([E.CONSIGNMENT_CANCELLED])
    expect(consignmentEvents(record(), record({ cancel_status: "done" }))).toEqual([])
  })

  it("carries the payload host apps get", () => {
    expect(consignmentMessages(record(), { ...allocated, fulfillment_id: "ful_1" })).toEqual([
      expect.objectContaining({ name: "sorted-pro.consignment.created" }),
      {
        name: "sorted-pro.consignment.allocated",
        data: {
          id: "spcon_1",
          reference: "EC-000-001-AAA",
          order_id: "order_1",
          fulfillment_id: "ful_1",
          state: "Allocated",
          carrier: "SWIFTPOST",
          carrier_service: "SP_NEXT_DAY",
          tracking_numbers: ["SP000000001GB"],
        },
      },
    ])
  })
})

describe("proOrderEvents", () => {
  it("announces the PRO order once it has its EO- reference", () => {
    expect(proOrderEvents(null, { id: "spord_1", order_id: "order_1", reference: null })).toEqual([])
    expect(proOrderEvents({ id: "spord_1", order_id: "order_1" }, { id: "spord_1", order_id: "order_1", reference: "EO-1" })).toEqual([
      E.ORDER_CREATED,
    ])
    expect(
      proOrderEvents({ id: "spord_1", order_id: "order_1", reference: "EO-1" }, { id: "spord_1", order_id: "order_1", reference: "EO-1" })
    ).toEqual([])
  })
})
