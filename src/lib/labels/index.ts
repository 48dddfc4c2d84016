export * from "./merge"
export * from "./jobs"
export * from "./collect"
