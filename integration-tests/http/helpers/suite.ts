import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { DemoSeed } from "../../../scripts/seed-demo"
import { SORTED_PRO_MODULE } from "../../../src/modules/sorted-pro"
import type SortedProModuleService from "../../../src/modules/sorted-pro/service"
import { SandboxHandle, seedStore, useSandbox } from "./fixtures"

/** Request options carrying headers (the store's publishable key or the admin's secret key). */
export type RequestHeaders = { headers: Record<string, string> }

/** What a spec's tests get from {@link sortedProSuite}. */
export interface SortedProSuite {
  /** Medusa's HTTP client (axios) from medusaIntegrationTestRunner. */
  api: any
  getContainer: () => MedusaContainer
  /** The PRO sandbox the plugin talks to. */
  sandbox: SandboxHandle
  /** The demo seed's ids; filled before the spec's own `beforeAll` hooks run. */
  seed: DemoSeed
  /** `{ headers }` for the admin API (a secret API key); filled with `seed`. */
  admin: RequestHeaders
  /** `{ headers }` for the store API (the publishable key); filled with `seed`. */
  store: RequestHeaders
  /** The plugin's module service. */
  sortedPro: () => SortedProModuleService
}

/** How {@link sortedProSuite} sets up a spec. */
export interface SortedProSuiteOptions {
  /** Jest timeout of each test and hook in ms (default 240 000). */
  timeoutMs?: number
  /** Environment variables set before Medusa boots and removed after the spec. */
  env?: Record<string, string>
  /** Remove the sandbox's faults after each test. */
  clearFaultsAfterEach?: boolean
}

/**
 * The set-up every HTTP integration spec shares: the PRO sandbox (see `useSandbox`), Medusa through
 * `medusaIntegrationTestRunner` (in app, a database of its own), then the demo seed and the admin and store
 * credentials (see `seedStore`) before the spec's own hooks. Call it once at the top level of a spec; `tests`
 * declares the spec's hooks and tests. `seed`, `admin` and `store` are filled in a `beforeAll`, so read them inside
 * hooks and tests only.
 */
export function sortedProSuite(options: SortedProSuiteOptions, tests: (suite: SortedProSuite) => void): void {
  jest.setTimeout(options.timeoutMs ?? 240_000)
  const sandbox = useSandbox()
  const env = options.env ?? {}
  beforeAll(() => {
    Object.assign(process.env, env)
  })
  afterAll(() => {
    for (const key of Object.keys(env)) {
      delete process.env[key]
    }
  })
  medusaIntegrationTestRunner({
    inApp: true,
    env: {},
    testSuite: ({ api, getContainer }) => {
      const suite: SortedProSuite = {
        api,
        getContainer,
        sandbox,
        seed: {} as DemoSeed,
        admin: { headers: {} },
        store: { headers: {} },
        sortedPro: () => getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE),
      }
      beforeAll(async () => {
        const seeded = await seedStore(getContainer())
        Object.assign(suite.seed, seeded.seed)
        Object.assign(suite.admin.headers, seeded.admin.headers)
        Object.assign(suite.store.headers, seeded.store.headers)
      })
      if (options.clearFaultsAfterEach) {
        afterEach(() => sandbox.clearFaults())
      }
      tests(suite)
    },
  })
}
