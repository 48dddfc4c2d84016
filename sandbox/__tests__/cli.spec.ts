/**
 * The sandbox CLI: option parsing (cliOptions) and the `sorted-pro-sandbox` executable (sandbox/bin.js) end to end.
 */
import { spawn } from "node:child_process"
import path from "node:path"
import { cliOptions } from "../main"

describe("cliOptions", () => {
  it("takes --port over SORTED_PRO_SANDBOX_PORT over 4010, and --now over SORTED_PRO_SANDBOX_NOW", () => {
    expect(cliOptions([], {})).toEqual({ port: 4010, host: "127.0.0.1", now: undefined, help: false })
    expect(cliOptions([], { SORTED_PRO_SANDBOX_PORT: "4500", SORTED_PRO_SANDBOX_NOW: "2025-06-16T10:00:00+01:00" })).toMatchObject({ port: 4500, now: "2025-06-16T10:00:00+01:00" })
    expect(cliOptions(["--port", "0", "--now", "2019-06-14T10:00:00+01:00", "--host", "::1"], { SORTED_PRO_SANDBOX_PORT: "4500" })).toEqual({
      port: 0, host: "::1", now: "2019-06-14T10:00:00+01:00", help: false,
    })
    expect(cliOptions(["--port=4600"], {}).port).toBe(4600)
  })

  it("rejects bad ports and unknown options", () => {
    expect(() => cliOptions(["--port", "abc"], {})).toThrow("--port must be a port number")
    expect(() => cliOptions([], { SORTED_PRO_SANDBOX_PORT: "70000" })).toThrow("SORTED_PRO_SANDBOX_PORT must be a port number")
    expect(() => cliOptions(["--bogus"], {})).toThrow(/Unknown option/)
  })
})

describe("sorted-pro-sandbox executable", () => {
  it("starts from TypeScript on the requested port, serves the API and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [path.join(__dirname, "../bin.js"), "--port", "0", "--now", "2025-06-16T10:00:00+01:00"], {
      env: { ...process.env, NODE_OPTIONS: "", SORTED_PRO_SANDBOX_PORT: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stderr!.on("data", (c) => (output += c))
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line within 20 s: ${output}`)), 20_000)
        child.stdout!.on("data", (c) => {
          output += c
          const m = output.match(/listening on (http:\/\/127\.0\.0\.1:(\d+))/)
          if (m) {
            clearTimeout(timer)
            resolve(m[1])
          }
        })
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)))
      })
      expect(url).not.toMatch(/:1$/) // --port 0 won over SORTED_PRO_SANDBOX_PORT=1
      const health = await (await fetch(`${url}/_sandbox/health`)).json()
      expect(health).toEqual({ status: "ok", now: "2025-06-16T09:00:00.000Z", consignments: 0 })
      const unauthorised = await fetch(`${url}/consignments/EC-000-000-001`)
      expect(unauthorised.status).toBe(401)
    } finally {
      child.kill("SIGTERM")
    }
    expect(await exited).toBe(0)
  }, 30_000)
})
