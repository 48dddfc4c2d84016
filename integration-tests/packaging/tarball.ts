/**
 * Step 1 of the packaging check: `npm run build` and `npm pack`, and what the tarball must (and must not) hold:
 * .medusa/server/src, one compiled sandbox file per sandbox/**.ts outside __tests__, sandbox/bin.js and README.md,
 * the migrations, the `bin` entry, and a dependency for every package the compiled sandbox requires.
 */
import fs from "fs"
import { builtinModules } from "module"
import path from "path"
import { cleanEnv, MIGRATIONS_DIR, REQUIRED_FILES, root, run, SANDBOX_BIN, SHIPPED_SANDBOX_FILES } from "./context"
import { check, info, warn } from "./harness"

/**
 * The compiled sandbox the tarball must hold: `.medusa/sandbox/<path>.js` for every `sandbox/<path>.ts` outside
 * `__tests__` (sandbox/tsconfig.build.json compiles them all; a missing one would fail at run time, an extra one is
 * a stale or test file). Sorted.
 */
function expectedSandboxFiles(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, "sandbox", dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (entry.name !== "__tests__" && entry.name !== "node_modules") {
          walk(rel)
        }
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        out.push(`.medusa/sandbox/${rel.replace(/\.ts$/, ".js")}`)
      }
    }
  }
  walk("")
  return out.sort()
}

/** Package names (not Node built-ins, not relative paths) that the compiled JavaScript files under `dir` require. */
function requiredPackages(dir: string): string[] {
  const names = new Set<string>()
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        walk(file)
      } else if (entry.name.endsWith(".js")) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(/\brequire\(\s*["']([^"'.][^"']*)["']\s*\)/g)) {
          const id = match[1]
          if (id.startsWith("node:") || builtinModules.includes(id.split("/")[0])) {
            continue
          }
          names.add(id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : id.split("/")[0])
        }
      }
    }
  }
  walk(dir)
  return [...names].sort()
}

/**
 * Builds and packs the plugin into `workDir` (logs in `logs`), checking the tarball's contents.
 * @returns the tarball's path and its migration files. @throws CheckFailure (reported) when a check fails.
 */
export async function buildAndPack(workDir: string, logs: string): Promise<{ tarball: string; migrations: string[] }> {
  const buildLog = path.join(logs, "build.log")
  await check(
    "npm run build (medusa plugin:build + build:sandbox + build:types)",
    async () => {
      await run("npm", ["run", "build"], { cwd: root, log: buildLog, env: cleanEnv(), timeoutMs: 5 * 60_000 })
      for (const file of REQUIRED_FILES) {
        if (!fs.existsSync(path.join(root, file))) {
          throw new Error(`${file} missing after the build`)
        }
      }
    },
    buildLog
  )

  const packLog = path.join(logs, "pack.log")
  const tarball = await check(
    "npm pack",
    async () => {
      const output = await run("npm", ["pack", "--pack-destination", workDir, "--json"], {
        cwd: root,
        log: packLog,
        env: cleanEnv(),
        timeoutMs: 2 * 60_000,
      })
      const json = JSON.parse(output)
      const file = path.join(workDir, json[0].filename)
      if (!fs.existsSync(file)) {
        throw new Error(`${file} not written`)
      }
      return file
    },
    packLog
  )
  info(`${path.basename(tarball)}: ${(fs.statSync(tarball).size / 1024).toFixed(1)} kB`)

  const tarLog = path.join(logs, "tar.log")
  let migrations: string[] = []
  await check("tarball contents", async () => {
    const listing = await run("tar", ["-tzf", tarball], { cwd: workDir, log: tarLog, timeoutMs: 60_000 })
    const files = listing
      .split("\n")
      .filter((line) => line.startsWith("package/"))
      .map((line) => line.slice("package/".length).trim())
      .filter(Boolean)
    const problems: string[] = []
    for (const file of REQUIRED_FILES) {
      if (!files.includes(file)) {
        problems.push(`missing ${file}`)
      }
    }
    migrations = files.filter((file) => file.startsWith(MIGRATIONS_DIR) && /\/Migration[^/]*\.js$/.test(file))
    if (!migrations.length) {
      problems.push(`no migration under ${MIGRATIONS_DIR}`)
    }
    const metadata = /^(package\.json|README[^/]*|LICEN[CS]E[^/]*|CHANGELOG[^/]*|\.env\.template)$/i
    const sandboxFiles = expectedSandboxFiles()
    for (const file of files) {
      if (/medusa-config/.test(file) || /(^|\/)__tests__\//.test(file)) {
        problems.push(`must not ship ${file}`)
      } else if (file.startsWith(".medusa/sandbox/")) {
        if (!sandboxFiles.includes(file)) {
          problems.push(`unexpected ${file} (.medusa/sandbox holds one .js per sandbox/**.ts outside __tests__)`)
        }
      } else if (file.startsWith(".medusa/types/")) {
        if (!file.endsWith(".d.ts")) {
          problems.push(`unexpected ${file} (.medusa/types holds only the declarations of src/types)`)
        }
      } else if (/(^|\/)sandbox\//.test(file) && !SHIPPED_SANDBOX_FILES.includes(file)) {
        problems.push(`must not ship ${file} (of sandbox/ only ${SHIPPED_SANDBOX_FILES.join(" and ")})`)
      } else if (!file.startsWith(".medusa/server/src/") && !SHIPPED_SANDBOX_FILES.includes(file) && !metadata.test(file)) {
        problems.push(
          `unexpected ${file} (only .medusa/server/src, .medusa/sandbox, .medusa/types and ${SHIPPED_SANDBOX_FILES.join(", ")} are published)`
        )
      }
    }
    for (const file of [...sandboxFiles, ...SHIPPED_SANDBOX_FILES]) {
      if (!files.includes(file)) {
        problems.push(`missing ${file}`)
      }
    }
    const packed = JSON.parse(await run("tar", ["-xzOf", tarball, "package/package.json"], { cwd: workDir, log: tarLog, timeoutMs: 60_000 }))
    if (packed.bin?.[SANDBOX_BIN] !== "sandbox/bin.js") {
      problems.push(`package.json bin.${SANDBOX_BIN} is ${JSON.stringify(packed.bin?.[SANDBOX_BIN])}, not "sandbox/bin.js"`)
    }
    const needed = requiredPackages(path.join(root, ".medusa", "sandbox"))
    const undeclared = needed.filter((name) => !packed.dependencies?.[name])
    if (undeclared.length) {
      problems.push(`the compiled sandbox requires ${undeclared.join(", ")}, not in dependencies`)
    }
    if (problems.length) {
      throw new Error(problems.join("; "))
    }
    const tests = files.filter((file) => /(^|\/)__tests__\/|\.spec\.js$|\.test\.js$/.test(file))
    if (tests.length) {
      warn(`the tarball ships ${tests.length} compiled test file(s): ${tests.join(", ")}`)
    }
    return `${files.length} files (sandbox: ${sandboxFiles.length} compiled + bin.js, README.md; requires ${needed.join(", ")}), migrations: ${migrations
      .map((file) => path.basename(file, ".js"))
      .join(", ")}`
  })
  return { tarball, migrations }
}
