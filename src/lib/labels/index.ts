export * from "./merge"
export * from "./jobs"
