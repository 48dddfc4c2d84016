import SortedProModuleService from "../service"

/**
 * Settings reach every Medusa instance (issue 15): at once on the instance that saved them, and within 30 s on the
 * others (each reuses what it read for 30 s: `cachedSettings`). Two service instances share one stored row here, as
 * two processes share the store's database.
 */
describe("settings across instances", () => {
  let row: Record<string, unknown>
  let now = Date.parse("2026-12-03T10:00:00Z")

  /** A service over the shared row (the generated data methods replaced by reads and writes of `row`). */
  function instance(): SortedProModuleService {
    const service = new SortedProModuleService({ logger: console } as never, {})
    jest.spyOn(service, "listSortedProSettings").mockImplementation((async () => (row ? [{ ...row }] : [])) as never)
    jest.spyOn(service, "updateSortedProSettings").mockImplementation((async (patch: Record<string, unknown>) => {
      row = { ...row, ...patch }
      return row
    }) as never)
    jest.spyOn(service as never, "readLocationMetadata").mockImplementation((async () => ({})) as never)
    return service
  }

  beforeEach(() => {
    row = { id: "default", manifest_time: "17:00" }
    jest.spyOn(Date, "now").mockImplementation(() => now)
  })
  afterEach(() => jest.restoreAllMocks())

  it("are in force at once on the instance that saved them and within 30 s on another", async () => {
    const saver = instance()
    const other = instance()
    expect((await saver.cachedSettings()).manifest_time).toBe("17:00")
    expect((await other.cachedSettings()).manifest_time).toBe("17:00")

    await saver.saveSettings({ manifest_time: "18:30" })
    expect((await saver.cachedSettings()).manifest_time).toBe("18:30")
    now += 29_000
    expect((await other.cachedSettings()).manifest_time).toBe("17:00")
    now += 1_001
    expect((await other.cachedSettings()).manifest_time).toBe("18:30")
  })
})
