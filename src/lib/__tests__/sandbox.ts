import { startSandbox } from "../../../sandbox/server"

/** Monday 16 June 2025, 10:00 London: a working day before every cut-off (the sandbox clock of the flow specs). */
export const SANDBOX_NOW = "2025-06-16T10:00:00+01:00"

/**
 * Runs the PRO sandbox (sandbox/server.ts) for the calling spec file: started on a free port before all tests (at the
 * sandbox clock `now`, an ISO date-time, when given), reset before each test and closed after all. `url` is its base
 * URL, readable once the tests run.
 */
export function useSandbox(now?: string): { readonly url: string } {
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined
  beforeAll(async () => {
    sandbox = await startSandbox(now ? { port: 0, now } : { port: 0 })
  })
  afterAll(() => sandbox?.close())
  beforeEach(() => fetch(`${sandbox!.url}/_sandbox/reset`, { method: "POST" }))
  return {
    get url() {
      return sandbox!.url
    },
  }
}
