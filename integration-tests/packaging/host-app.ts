/**
 * Step 2 of the packaging check: a fresh host app (host-app/ with the plugin's peer versions and the tarball as a
 * `file:` dependency) installed with a real `npm install`, and proof that the plugin came from the tarball (not a
 * symlink, the lockfile's integrity, resolution from the host app) with no TypeScript sources.
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
/** Creates and installs the host app in `hostDir` from `tarball` (logs in `logs`). @throws CheckFailure (reported) when a check fails. */
export async function installHostApp(hostDir: string, tarball: string, logs: string): Promise<void> {
  const installLog = path.join(logs, "npm-install.log")
  await check(
    "host app: npm install from the tarball",
    async () => {
      fs.mkdirSync(hostDir)
      for (const file of ["medusa-config.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(templateDir, file), path.join(hostDir, file))
      }
      const hostPackage = JSON.parse(fs.readFileSync(path.join(templateDir, "package.json"), "utf8"))
      hostPackage.dependencies = { ...rootPackage.peerDependencies, ...hostPackage.dependencies, [pluginName]: `file:${tarball}` }
      for (const name of Object.keys(hostPackage.devDependencies)) {
        hostPackage.devDependencies[name] = rootPackage.devDependencies[name] ?? hostPackage.devDependencies[name]
      }
      hostPackage.allowScripts = rootPackage.allowScripts
      fs.writeFileSync(path.join(hostDir, "package.json"), JSON.stringify(hostPackage, null, 2) + "\n")
      await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--include=dev", "--loglevel=warn"], {
        cwd: hostDir,
        log: installLog,
        env: cleanEnv(),
        timeoutMs: 6 * 60_000,
      })
    },
    installLog
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
