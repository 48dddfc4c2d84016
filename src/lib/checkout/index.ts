export * from "./pricing"
export * from "./delivery-options"
