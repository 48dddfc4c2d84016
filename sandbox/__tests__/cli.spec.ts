/**
 * The sandbox CLI: option parsing (cliOptions), the entry-point choice of the `sorted-pro-sandbox` executable
 * (sandbox/bin.js `entryPoint`), and the executable end to end, both from the TypeScript sources (repository
 * checkout) and from the JavaScript compiled by sandbox/tsconfig.build.json (the published package's layout).
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { oneParcelToLondon } from "../../scripts/lib/pro-requests"
import { cliOptions } from "../main"

const { entryPoint } = require("../bin.js") as {
  entryPoint(
    binDir: string,
    resolveFrom?: (request: string) => string
  ): { kind: "source" | "compiled"; file: string } | { kind: "missing"; message: string }
}

const repo = path.resolve(__dirname, "../..")
const NOW = "2025-06-16T10:00:00+01:00"

describe("cliOptions", () => {
  it("takes --port over SORTED_PRO_SANDBOX_PORT over 4010, and --now over SORTED_PRO_SANDBOX_NOW", () => {
    expect(cliOptions([], {})).toEqual({ port: 4010, host: "127.0.0.1", now: undefined, help: false })
    expect(cliOptions([], { SORTED_PRO_SANDBOX_PORT: "4500", SORTED_PRO_SANDBOX_NOW: "2025-06-16T10:00:00+01:00" })).toMatchObject({
      port: 4500,
      now: "2025-06-16T10:00:00+01:00",
    })
    expect(cliOptions(["--port", "0", "--now", "2019-06-14T10:00:00+01:00", "--host", "::1"], { SORTED_PRO_SANDBOX_PORT: "4500" })).toEqual({
      port: 0,
      host: "::1",
      now: "2019-06-14T10:00:00+01:00",
      help: false,
    })
    expect(cliOptions(["--port=4600"], {}).port).toBe(4600)
  })

  it("rejects bad ports and unknown options", () => {
    expect(() => cliOptions(["--port", "abc"], {})).toThrow("--port must be a port number")
    expect(() => cliOptions([], { SORTED_PRO_SANDBOX_PORT: "70000" })).toThrow("SORTED_PRO_SANDBOX_PORT must be a port number")
    expect(() => cliOptions(["--bogus"], {})).toThrow(/Unknown option/)
  })
})

describe("entryPoint (sandbox/bin.js)", () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-bin-"))
    fs.mkdirSync(path.join(dir, "sandbox"))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  const binDir = () => path.join(dir, "sandbox")
  const withTsx = (request: string) => `/fake/node_modules/${request}.js`
  const withoutTsx = (request: string): string => {
    throw new Error(`Cannot find module '${request}'`)
  }
  const touch = (...parts: string[]) => {
    fs.mkdirSync(path.join(dir, ...parts.slice(0, -1)), { recursive: true })
    fs.writeFileSync(path.join(dir, ...parts), "")
  }

  it("runs the sources in a checkout with tsx, even when a (possibly stale) build exists", () => {
    touch("sandbox", "main.ts")
    touch(".medusa", "sandbox", "main.js")
    expect(entryPoint(binDir(), withTsx)).toEqual({ kind: "source", file: path.join(dir, "sandbox", "main.ts") })
  })

  it("runs the compiled JavaScript in the published layout (no sources), or in a checkout without tsx", () => {
    touch(".medusa", "sandbox", "main.js")
    const compiled = { kind: "compiled", file: path.join(dir, ".medusa", "sandbox", "main.js") }
    expect(entryPoint(binDir(), withTsx)).toEqual(compiled)
    touch("sandbox", "main.ts")
    expect(entryPoint(binDir(), withoutTsx)).toEqual(compiled)
  })

  it("explains what is missing when nothing can run", () => {
    const published = entryPoint(binDir(), withTsx)
    expect(published).toEqual({
      kind: "missing",
      message: expect.stringMatching(/\.medusa[/\\]sandbox[/\\]main\.js is missing; reinstall the package/),
    })
    touch("sandbox", "main.ts")
    expect(entryPoint(binDir(), withoutTsx)).toEqual({ kind: "missing", message: expect.stringMatching(/needs the "tsx" package.*npm run build/) })
  })
})

/** A started executable: its URL, its collected output, and a promise of its exit code. */
interface Running {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
}

/** Spawns `node <bin> --port 0 --now NOW` (SORTED_PRO_SANDBOX_PORT=1 must lose to --port) and waits for the listening line. */
async function startBin(bin: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, [bin, "--port", "0", "--now", NOW], {
    env: { ...process.env, NODE_OPTIONS: "", SORTED_PRO_SANDBOX_PORT: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stderr!.on("data", (c) => (output += c))
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
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
  }).catch((err) => {
    child.kill("SIGKILL")
    throw err
  })
  return { child, url, output: () => output, exited }
}

const apiKey = { "ocp-apim-subscription-key": "cli-test", "content-type": "application/json" }

/** A one-package Manchester → London checkout request (docs/pro-api.md §3.2 shape). */
const deliveryOptionsBody = oneParcelToLondon("CLI-1")

describe("sorted-pro-sandbox executable", () => {
  it("starts from TypeScript on the requested port, serves the API and stops on SIGTERM", async () => {
    const running = await startBin(path.join(__dirname, "../bin.js"))
    try {
      expect(running.url).not.toMatch(/:1$/) // --port 0 won over SORTED_PRO_SANDBOX_PORT=1
      const health = await (await fetch(`${running.url}/_sandbox/health`)).json()
      expect(health).toEqual({ status: "ok", now: "2025-06-16T09:00:00.000Z", consignments: 0 })
      const unauthorised = await fetch(`${running.url}/consignments/EC-000-000-001`)
      expect(unauthorised.status).toBe(401)
    } finally {
      running.child.kill("SIGTERM")
    }
    expect(await running.exited).toBe(0)
    expect(running.output()).toContain("Received SIGTERM, closing SortedPRO sandbox")
  }, 30_000)

  describe("compiled by sandbox/tsconfig.build.json, in the published package's layout", () => {
    // <tmp>/sandbox/bin.js + <tmp>/.medusa/sandbox/*.js, no TypeScript: bin.js can only run the compiled code.
    // Dependencies come from this repository's node_modules through NODE_PATH (the package's own, once installed).
    let pkg: string
    beforeAll(() => {
      pkg = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-compiled-"))
      execFileSync(
        process.execPath,
        [require.resolve("typescript/bin/tsc"), "-p", path.join(repo, "sandbox/tsconfig.build.json"), "--outDir", path.join(pkg, ".medusa/sandbox")],
        {
          cwd: repo,
          stdio: "pipe",
        }
      )
      fs.mkdirSync(path.join(pkg, "sandbox"))
      fs.copyFileSync(path.join(repo, "sandbox/bin.js"), path.join(pkg, "sandbox/bin.js"))
    }, 60_000)
    afterAll(() => fs.rmSync(pkg, { recursive: true, force: true }))
    const env = () => ({ NODE_PATH: path.join(repo, "node_modules") })

    it("emits CommonJS for every sandbox source file and nothing from __tests__", () => {
      const sources = ["", "routes/"].flatMap((sub) =>
        fs
          .readdirSync(path.join(repo, "sandbox", sub))
          .filter((f) => f.endsWith(".ts"))
          .map((f) => `${sub}${f.replace(/\.ts$/, ".js")}`)
      )
      const emitted = ["", "routes/"].flatMap((sub) =>
        fs
          .readdirSync(path.join(pkg, ".medusa/sandbox", sub))
          .filter((f) => f.endsWith(".js"))
          .map((f) => `${sub}${f}`)
      )
      expect(emitted.sort()).toEqual(sources.sort())
      expect(fs.existsSync(path.join(pkg, ".medusa/sandbox/__tests__"))).toBe(false)
      expect(fs.readFileSync(path.join(pkg, ".medusa/sandbox/main.js"), "utf8")).toMatch(/exports\.runCli = runCli/)
    })

    it("prints the usage for --help and exits 0", () => {
      const out = execFileSync(process.execPath, [path.join(pkg, "sandbox/bin.js"), "--help"], {
        env: { ...process.env, NODE_OPTIONS: "", ...env() },
        encoding: "utf8",
      })
      expect(out).toMatch(/^Usage: sorted-pro-sandbox \[--port <n>\]/)
    })

    it("serves delivery options and PDF labels on plain Node and stops on SIGTERM", async () => {
      const running = await startBin(path.join(pkg, "sandbox/bin.js"), env())
      try {
        const health = await (await fetch(`${running.url}/_sandbox/health`)).json()
        expect(health).toEqual({ status: "ok", now: "2025-06-16T09:00:00.000Z", consignments: 0 })
        const options = await fetch(`${running.url}/deliveryoptions`, { method: "POST", headers: apiKey, body: JSON.stringify(deliveryOptionsBody) })
        expect(options.status).toBe(201)
        const list = (await options.json()).DeliveryOptions
        expect(list.length).toBeGreaterThan(10)
        const selected = await fetch(`${running.url}/deliveryoptions/select/${list[0].Reference}`, { method: "POST", headers: apiKey })
        expect(selected.status).toBe(200)
        const consignment = (await selected.json()).ApiLinks[0].Href.split("/").pop()
        const label = await fetch(`${running.url}/labels/${consignment}/pdf`, { headers: apiKey }) // bwip-js + pdf-lib load
        expect(label.status).toBe(200)
        expect(
          Buffer.from((await label.json()).File, "base64")
            .subarray(0, 5)
            .toString()
        ).toBe("%PDF-")
      } finally {
        running.child.kill("SIGTERM")
      }
      expect(await running.exited).toBe(0)
    }, 30_000)
  })
})
