export type * from "./views"
export type * from "./shipping-method"
export type * from "./records"
export type * from "./options"
