import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { relocationFolder } from "../postgres-reach"

/**
 * `npm run demo` and `npm test` from a clone inside a 0700 directory (root's home): as root, embedded PostgreSQL runs as
 * the `postgres` user, who cannot reach binaries or data under that directory. The "clone" is this repository's
 * node_modules, hard-linked into a 0700 folder.
 */
describe("embedded PostgreSQL from a clone inside a 0700 directory", () => {
  jest.setTimeout(180_000)
  const repoModules = path.resolve(__dirname, "../../../node_modules")
  let home: string

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-home-"))
    fs.chmodSync(home, 0o700)
    fs.mkdirSync(path.join(home, "clone"))
    execFileSync("cp", ["-al", repoModules, path.join(home, "clone", "node_modules")])
  })
  afterAll(() => {
    fs.rmSync(relocationFolder(path.join(home, "clone", "node_modules")), { recursive: true, force: true })
    fs.rmSync(home, { recursive: true, force: true })
  })

  /** Runs startEmbeddedPostgres as `npm run demo` does (Node + tsx, not Jest's module system); resolves with what it printed. */
  function startInChild(baseDir: string, modulesDir: string): { dataDir: string; rows: unknown[] } {
    const script = `
      const { startEmbeddedPostgres } = require(${JSON.stringify(path.resolve(__dirname, "../postgres.ts"))})
      const { Client } = require("pg")
      ;(async () => {
        const pg = await startEmbeddedPostgres({ baseDir: ${JSON.stringify(baseDir)}, quiet: true, disposable: true, modulesDir: ${JSON.stringify(modulesDir)} })
        try {
          const client = new Client({ connectionString: pg.url("postgres") })
          await client.connect()
          const { rows } = await client.query("select 1 as one")
          await client.end()
          console.log(JSON.stringify({ dataDir: pg.dataDir, rows }))
        } finally {
          await pg.stop()
        }
      })().catch((error) => { console.error(String(error && error.message || error)); process.exit(1) })`
    const output = execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: path.resolve(__dirname, "../../.."),
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
      timeout: 150_000,
    })
    return JSON.parse(output.trim().split("\n").pop() ?? "{}")
  }

  it("starts, with its data in the clone's .demo folder, and answers a query", () => {
    const result = startInChild(path.join(home, "clone", ".demo", "postgres"), path.join(home, "clone", "node_modules"))
    if (!result.dataDir.startsWith(home)) {
      fs.rmSync(path.dirname(result.dataDir), { recursive: true, force: true })
    }
    expect(result.rows).toEqual([{ one: 1 }])
    if (process.getuid?.() === 0) {
      // as root, binaries and data were moved where the postgres user can reach them
      expect(result.dataDir.startsWith(home)).toBe(false)
    } else {
      expect(result.dataDir).toBe(path.join(home, "clone", ".demo", "postgres", "data"))
    }
  })
})
