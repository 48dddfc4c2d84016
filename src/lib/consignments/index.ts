export * from "./ports"
export * from "./consignment"
export * from "./settle"
export * from "./pro-order"
