// Copies the plugin's route view types (src/types/views.ts, type-only) into the kit as kit/src/views.generated.ts.
// Why a checked-in copy: the kit's declarations are emitted from kit/src only (tsconfig.build.json, rootDir "src"),
// so the published d.ts must not import a file outside the package; the plugin's file stays the one definition and
// kit/src/__tests__/views.unit.spec.ts fails when the copy drifts from it. Run: `npm run sync-views` in storefront/kit.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const header = [
  "// Generated from the plugin's src/types/views.ts by storefront/scripts/sync-views.mjs: do not edit, run",
  "// `npm run sync-views` in storefront/kit (src/__tests__/views.unit.spec.ts fails when this copy drifts).",
]
const source = fs.readFileSync(path.join(root, "src/types/views.ts"), "utf8")
fs.writeFileSync(path.join(root, "storefront/kit/src/views.generated.ts"), `${header.join("\n")}\n\n${source}`)
