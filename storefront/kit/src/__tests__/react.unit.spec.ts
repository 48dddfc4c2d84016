/**
 * Each vitest project tests the React it claims: 18 in project react18, 19 in react19 (vitest.config.ts), for
 * `react` and `react-dom` alike (one copy each, or hooks would fail).
 */
import { version } from "react"
import { version as domVersion } from "react-dom"

describe("React under test", () => {
  it("is the major version this run is for, for react and react-dom", () => {
    expect(version.split(".")[0]).toBe(process.env.EXPECTED_REACT)
    expect(domVersion).toBe(version)
  })
})
