export * from "./mapping"
export * from "./pickup"
export * from "./pricing"
export * from "./delivery-options"
