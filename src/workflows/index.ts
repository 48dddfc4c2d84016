export * from "./ensure-order-consignment"
export * from "./handle-order-placed"
export * from "./cancel-consignment"
export * from "./manifest-consignments"
