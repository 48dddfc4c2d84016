/**
 * Step 2 of the packaging check: a fresh host app (host-app/: a new Medusa app of the version under test, plus the
 * tarball as a `file:` dependency) installed with a plain `npm install`, its medusa-config.ts type-checked against the
 * plugin's published types, and proof that the plugin came from the tarball (not a symlink, the lockfile's integrity,
 * resolution from the host app) with no TypeScript sources.
 */
import crypto from "crypto"
import fs from "fs"
import path from "path"
import { cleanEnv, pluginName, root, rootPackage, run, templateDir } from "./context"
import { check } from "./harness"

/** Files under `dir` (outside nested node_modules) that are TypeScript sources (`.ts`, `.tsx`, `.mts`, `.cts`, not `.d.ts`). */
function typeScriptFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") {
          walk(file)
        }
      } else if (/\.[mc]?tsx?$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) {
        out.push(path.relative(dir, file))
      }
    }
  }
  walk(dir)
  return out
}
/**
 * Creates and installs the host app in `hostDir` from `tarball` (logs in `logs`): host-app/package.json, a new Medusa app
 * as create-medusa-app makes it, with its Medusa packages at `medusaVersion` (e.g. `2.21.0`) and the tarball, installed
 * with a plain `npm install` (npm's defaults: strict peer resolution, no --legacy-peer-deps, no --force).
 * @throws CheckFailure (reported) when a check fails.
 */
export async function installHostApp(hostDir: string, tarball: string, logs: string, medusaVersion: string): Promise<void> {
  const installLog = path.join(logs, "npm-install.log")
  await check(
    `host app on Medusa ${medusaVersion}: plain npm install of the tarball`,
    async () => {
      fs.mkdirSync(hostDir)
      for (const file of ["medusa-config.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(templateDir, file), path.join(hostDir, file))
      }
      const template = fs.readFileSync(path.join(templateDir, "package.json"), "utf8").replaceAll("MEDUSA_VERSION", medusaVersion)
      const hostPackage = JSON.parse(template)
      hostPackage.dependencies[pluginName] = `file:${tarball}`
      hostPackage.allowScripts = rootPackage.allowScripts
      fs.writeFileSync(path.join(hostDir, "package.json"), JSON.stringify(hostPackage, null, 2) + "\n")
      await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn"], {
        cwd: hostDir,
        log: installLog,
        env: cleanEnv(),
        timeoutMs: 8 * 60_000,
      })
      const installed = JSON.parse(fs.readFileSync(path.join(hostDir, "node_modules", "@medusajs", "framework", "package.json"), "utf8")).version
      if (installed !== medusaVersion) {
        throw new Error(`@medusajs/framework ${installed} installed, not ${medusaVersion}`)
      }
      // the plugin's peers must not pull other versions than the app's own: the admin extension has to share the
      // dashboard's React Query, UI and SDK, and Medusa's default plugins (draft-order) must stay resolvable
      const lock = JSON.parse(fs.readFileSync(path.join(hostDir, "package-lock.json"), "utf8")).packages ?? {}
      const nested = Object.keys(lock).filter((key) =>
        /^node_modules\/@medusajs\/(dashboard|medusa)\/node_modules\/(@medusajs\/(ui|icons|js-sdk|draft-order)|@tanstack\/react-query|react)$/.test(
          key
        )
      )
      if (nested.length) {
        throw new Error(`the plugin's peers displaced Medusa's own packages, now nested: ${nested.join(", ")}`)
      }
      return `@medusajs/framework ${installed}, dashboard's ui ${lock["node_modules/@medusajs/ui"]?.version}, react-query ${lock["node_modules/@tanstack/react-query"]?.version}`
    },
    installLog
  )

  const typesLog = path.join(logs, "types.log")
  await check(
    "host app: medusa-config.ts type-checks against medusa-plugin-sorted-pro/types (SortedProOptions)",
    async () => {
      const tsc = path.join(hostDir, "node_modules", "typescript", "bin", "tsc")
      const probe = path.join(hostDir, "sorted-pro-types-probe.ts")
      // a wrong option must be refused, or the type would be `any`
      fs.writeFileSync(
        probe,
        'import type { SortedProOptions } from "medusa-plugin-sorted-pro/types"\n// @ts-expect-error weightUnit is one of g, kg, lb, oz\nexport const wrong: SortedProOptions = { weightUnit: "stone" }\n'
      )
      const common = ["--noEmit", "--strict", "--skipLibCheck", "--module", "node16", "--moduleResolution", "node16", "--types", "node"]
      try {
        await run(process.execPath, [tsc, ...common, "medusa-config.ts", "sorted-pro-types-probe.ts"], {
          cwd: hostDir,
          log: typesLog,
          timeoutMs: 2 * 60_000,
        })
      } finally {
        fs.rmSync(probe, { force: true })
      }
    },
    typesLog
  )

  const resolveLog = path.join(logs, "resolve.log")
  await check("host app: plugin installed from the tarball, not from the repository", async () => {
    const installed = path.join(hostDir, "node_modules", pluginName)
    if (fs.lstatSync(installed).isSymbolicLink()) {
      throw new Error(`${installed} is a symlink (to ${fs.realpathSync(installed)})`)
    }
    const lock = JSON.parse(fs.readFileSync(path.join(hostDir, "package-lock.json"), "utf8"))
    const entry = lock.packages?.[`node_modules/${pluginName}`]
    const lockResolved = entry?.resolved
    if (!lockResolved || !/^file:.*\.tgz$/.test(lockResolved) || path.resolve(hostDir, lockResolved.slice(5)) !== tarball) {
      throw new Error(`package-lock resolves ${pluginName} to ${lockResolved}, not file:${tarball}`)
    }
    const integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`
    if (entry.integrity && entry.integrity !== integrity) {
      throw new Error(`package-lock integrity ${entry.integrity} is not the tarball's ${integrity}`)
    }
    // resolved by a node process in the host app (here, Node would self-reference this repository's package)
    const specifiers = [`${pluginName}/providers/sorted-pro`, `${pluginName}/modules/sorted-pro`, `${pluginName}/admin`, `${pluginName}/package.json`]
    const resolved = await run(
      process.execPath,
      ["-e", `for (const s of ${JSON.stringify(specifiers)}) console.log(require("fs").realpathSync(require.resolve(s)))`],
      { cwd: hostDir, log: resolveLog, timeoutMs: 60_000 }
    )
    const files = resolved.trim().split("\n")
    specifiers.forEach((specifier, index) => {
      const file = files[index] ?? ""
      if (!file.startsWith(fs.realpathSync(installed) + path.sep) || file.startsWith(root + path.sep)) {
        throw new Error(`${specifier} resolves to ${file}`)
      }
    })
    const sources = typeScriptFiles(installed)
    if (fs.existsSync(path.join(installed, "src")) || sources.length) {
      throw new Error(
        `${installed} contains TypeScript sources: ${[...(fs.existsSync(path.join(installed, "src")) ? ["src/"] : []), ...sources].slice(0, 10).join(", ")}`
      )
    }
    return `node_modules/${pluginName} ← ${path.basename(tarball)} (${integrity.slice(0, 19)}…)`
  })
}
