#!/usr/bin/env node
/**
 * `node scripts/lockfile-platforms.mjs` — run after `npm install` changes package-lock.json.
 *
 * The npm registry this project's machines reach lacks some other-platform builds of native packages (e.g.
 * `@swc/core-darwin-arm64@1.16.22`), so `npm install` leaves them out of the lock and `npm ci` then refuses the lock
 * as out of sync. This adds each missing optional platform package to the lock with the `os`/`cpu`/`libc` its name
 * states, so `npm ci` accepts the lock and skips them on machines of other platforms, as npm does for any optional
 * platform package. Packages for this platform are never touched. Prints what it added.
 */
import fs from "node:fs"

const OS = ["darwin", "linux", "win32", "freebsd", "openbsd", "android", "openharmony", "sunos", "aix", "netbsd"]
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "mips64el"]

function platformOf(name) {
  const parts = name.split("/").pop().split("-")
  const os = OS.find((candidate) => parts.includes(candidate))
  const cpu = CPU.find((candidate) => parts.includes(candidate)) ?? (parts.some((part) => part.startsWith("arm")) ? "arm" : undefined)
  const libc = parts.some((part) => part.startsWith("musl"))
    ? "musl"
    : parts.some((part) => part.startsWith("gnu")) && os === "linux"
      ? "glibc"
      : undefined
  return { os, cpu, libc }
}

const path = new URL("../package-lock.json", import.meta.url)
const lock = JSON.parse(fs.readFileSync(path, "utf8"))
const added = []
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location ? `${location}/node_modules/${name}` : `node_modules/${name}`
    if (lock.packages[base] || lock.packages[`node_modules/${name}`]) {
      continue
    }
    const { os, cpu, libc } = platformOf(name)
    if (!os || !cpu) {
      continue
    }
    lock.packages[`node_modules/${name}`] = {
      version: String(spec).replace(/^[~^=]/, ""),
      optional: true,
      ...(entry.dev ? { dev: true } : {}),
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc: [libc] } : {}),
    }
    added.push(`${name}@${spec} (${os}/${cpu}${libc ? `/${libc}` : ""})`)
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))))
fs.writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(
  added.length
    ? `added ${added.length} optional platform packages to package-lock.json:\n  ${added.join("\n  ")}`
    : "package-lock.json already lists every optional platform package"
)
