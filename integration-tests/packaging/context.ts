/** What the packaging check's steps share: the repository, the plugin's package, the expectations, and commands run in a clean environment. */
import fs from "fs"
import path from "path"
import { runCommand } from "../../scripts/lib/process"
import { oneParcelToLondon, SANDBOX_MONDAY_MORNING } from "../../scripts/lib/pro-requests"
import { running } from "./harness"

export const root = path.resolve(__dirname, "../..")
export const templateDir = path.join(__dirname, "host-app")
export const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
export const pluginName: string = rootPackage.name
export const keep = process.env.PACKAGING_KEEP === "1"

export const ADMIN_EMAIL = "packaging@example.com"
export const ADMIN_PASSWORD = "packaging-check"
export const EXPECTED_PROVIDERS = ["sorted-pro_sorted-pro", "manual_manual"]
export const EXPECTED_OPTIONS = ["sorted-pro-delivery", "sorted-pro-pickup", "sorted-pro-standard", "sorted-pro-return"]
export const REQUIRED_FILES = [
  ".medusa/server/src/providers/sorted-pro/index.js",
  ".medusa/server/src/modules/sorted-pro/index.js",
  ".medusa/server/src/admin/index.js",
  ".medusa/sandbox/main.js",
  ".medusa/sandbox/server.js",
  "sandbox/bin.js",
  ".medusa/types/types/index.d.ts",
  "LICENSE",
  "CHANGELOG.md",
  ".env.template",
]
/** The sandbox files shipped besides its compiled JavaScript (the executable and its documentation). */
export const SHIPPED_SANDBOX_FILES = ["sandbox/bin.js", "sandbox/README.md"]
export const SANDBOX_BIN = "sorted-pro-sandbox"
/** Sandbox clock for the executable checks: before every cut-off. */
export const SANDBOX_NOW = SANDBOX_MONDAY_MORNING
/** A one-package Manchester → London checkout, as the plugin sends it. */
export const DELIVERY_OPTIONS_REQUEST = oneParcelToLondon("packaging-check")
/** Where the tarball holds the plugin's compiled migrations. */
export const MIGRATIONS_DIR = ".medusa/server/src/modules/sorted-pro/migrations/"

/** The caller's environment without npm's run-script variables (npm_config_local_prefix would make a nested
 * `npm install` write into this repository), without node_modules/.bin on PATH (binaries of the host app
 * are called by absolute path), and without the plugin's own variables (the README snippet reads
 * SORTED_PRO_API_KEY: absent means the local sandbox, which is what this check wants). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keepNpm = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl|prefer_offline|offline)$/i
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if ((/^npm_/i.test(key) && !keepNpm.test(key)) || key === "INIT_CWD" || key.startsWith("SORTED_PRO_")) {
      continue
    }
    if (["NODE_ENV", "DATABASE_URL", "PORT", "MEDUSA_ADMIN_DISABLE", "REDIS_URL"].includes(key)) {
      continue
    }
    env[key] = value
  }
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => entry && !/node_modules[\\/]\.bin[\\/]?$/.test(entry))
    .join(path.delimiter)
  env.MEDUSA_DISABLE_TELEMETRY = "true"
  return { ...env, ...extra }
}

/**
 * Runs a command (in its own process group, environment {@link cleanEnv} unless given) to completion; resolves with
 * its standard output, which goes to `log` too, with its standard error; rejects on a non-zero exit or after `timeoutMs`.
 */
export function run(
  command: string,
  args: string[],
  opts: { cwd: string; log: string; env?: NodeJS.ProcessEnv; timeoutMs: number }
): Promise<string> {
  return runCommand(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? cleanEnv(),
    logFile: opts.log,
    timeoutMs: opts.timeoutMs,
    group: true,
    children: running,
  })
}
