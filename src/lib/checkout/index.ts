export * from "./mapping"
export * from "./delivery-options"
