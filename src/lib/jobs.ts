/**
 * True when `SORTED_PRO_JOBS=off`: the scheduled jobs (reconcile, tracking) then do nothing. For test runs that drive
 * those workflows themselves, and for a second Medusa process that should leave the jobs to the worker.
 */
export function jobsDisabled(): boolean {
  return process.env.SORTED_PRO_JOBS === "off"
}
