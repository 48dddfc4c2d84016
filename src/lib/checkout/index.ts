export * from "./pricing"
export * from "./delivery-options"
export * from "./default-choice"
export type { LockingLike } from "./shared-cache"
