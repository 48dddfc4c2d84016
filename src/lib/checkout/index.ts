export * from "./pricing"
export * from "./delivery-options"
export * from "./default-choice"
