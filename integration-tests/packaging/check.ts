/**
 * Packaging check (`npm run test:packaging`): proves that what `npm pack` ships installs into a separate,
 * clean Medusa 2.21 app and loads with the README's configuration snippet.
 *
 *  1. `npm run build` (medusa plugin:build + build:sandbox) and `npm pack` → the tarball; checks it holds exactly
 *     .medusa/server/src, the compiled sandbox (.medusa/sandbox/*.js, one per sandbox/**.ts outside __tests__),
 *     sandbox/bin.js, sandbox/README.md and metadata, that its `bin` is sorted-pro-sandbox → sandbox/bin.js, and
 *     that every package the compiled sandbox requires is a dependency.
 *  2. For each Medusa version in MEDUSA_VERSIONS (2.21.0 and 2.21.2), steps 2–5 on a fresh host app in a temporary
 *     folder OUTSIDE the repository (so Node can never fall back to the repository's node_modules): `host-app/`
 *     (README's medusa-config.ts, tsconfig.json, and the package.json of a new Medusa app of that version, none of the
 *     plugin's peers copied in) plus `"medusa-plugin-sorted-pro": "file:<tarball>"`; a plain `npm install` (npm's
 *     defaults, warm npm cache: `--prefer-offline`); its medusa-config.ts type-checks with `SortedProOptions`. Checks the plugin came from the tarball, with no
 *     TypeScript, and that node_modules/.bin/sorted-pro-sandbox runs its compiled sandbox: `--help` exits 0;
 *     `npx sorted-pro-sandbox --port <free>` answers GET /_sandbox/health and POST /deliveryoptions (201, options)
 *     and stops on SIGTERM to its process group (as Ctrl-C does); the executable run directly exits 0 on SIGTERM.
 *  3. A fresh database `sorted_pro_packaging_<random>` on `DATABASE_URL` / `DB_HOST` (dropped at the end),
 *     else an embedded PostgreSQL (scripts/lib/postgres.ts) in the temporary folder.
 *  4. `medusa db:migrate` in the host app → the plugin's migrations and its order link are applied.
 *  5. `medusa start` (NODE_ENV=development, so the admin is served by the dev bundler without a build) →
 *     `/health`, `medusa user`, admin login, fulfillment providers and their options, a plugin API route.
 *
 * The steps live in tarball.ts (1), host-app.ts (2), sandbox-bin.ts (2b), database.ts (3) and medusa-app.ts (4, 5);
 * harness.ts prints and cleans up, context.ts holds what they share.
 *
 * Prints one `PASS`/`FAIL` line per check with timings and a closing `Packaging: …` line; exits 1 on any
 * failure. Always stops Medusa and the database and removes the temporary folder (`PACKAGING_KEEP=1`
 * keeps it for inspection). The host app sees none of the caller's npm_* / SORTED_PRO_* variables.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { keep, pluginName, rootPackage } from "./context"
import { createPackagingDatabase } from "./database"
import { check, finish, finishOnSignals, info, namePrefix, onCleanup, reportUnexpected } from "./harness"
import { installHostApp } from "./host-app"
import { checkMedusaApp } from "./medusa-app"
import { checkSandboxExecutable } from "./sandbox-bin"
import { buildAndPack } from "./tarball"

finishOnSignals()

/**
 * The Medusa versions host apps are made with: the lowest and the highest 2.21 patch the peer ranges admit
 * (`>=2.21.0 <2.22.0`); `PACKAGING_MEDUSA_VERSIONS=2.21.1,…` overrides.
 */
const MEDUSA_VERSIONS = (process.env.PACKAGING_MEDUSA_VERSIONS ?? "2.21.0,2.21.2").split(",").map((version) => version.trim())

async function main() {
  console.log(`Packaging check: ${pluginName}@${rootPackage.version}, Node ${process.version}`)
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sorted-pro-packaging-"))
  if (process.getuid?.() === 0) {
    fs.chmodSync(workDir, 0o755)
  }
  onCleanup("remove work folder", () => {
    if (keep) {
      console.log(`      kept ${workDir} (PACKAGING_KEEP=1)`)
    } else {
      fs.rmSync(workDir, { recursive: true, force: true })
    }
  })
  info(`work folder ${workDir}`)
  const logs = path.join(workDir, "logs")
  fs.mkdirSync(logs)

  // 1. build and pack
  const { tarball, migrations } = await buildAndPack(workDir, logs)
  for (const [index, version] of MEDUSA_VERSIONS.entries()) {
    namePrefix(`[${version}] `)
    const hostDir = path.join(workDir, `host-${version}`)
    const hostLogs = path.join(logs, version)
    fs.mkdirSync(hostLogs)
    // 2. host app, 2b. the sandbox executable (once: it does not depend on Medusa)
    await installHostApp(hostDir, tarball, hostLogs, version)
    if (index === 0) {
      await checkSandboxExecutable(hostDir, hostLogs)
    }
    // 3. database
    const dbDir = path.join(workDir, `db-${version}`)
    fs.mkdirSync(dbDir)
    const database = await check("database", async () => {
      const db = await createPackagingDatabase(dbDir)
      let dropped: Promise<void> | undefined
      const drop = () => (dropped ??= db.drop())
      onCleanup(`drop database / stop PostgreSQL (${version})`, drop)
      return { ...db, drop }
    })
    info(database.describe)
    // 4. migrations, 5. the running app
    await checkMedusaApp(hostDir, database, migrations, hostLogs)
    await database.drop()
    // the next host starts from nothing: its own npm install, database and Medusa
    fs.rmSync(hostDir, { recursive: true, force: true })
  }
  namePrefix("")
}

main()
  .catch(reportUnexpected)
  .finally(() => finish())
