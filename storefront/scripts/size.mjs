// Prints the kit's built size, raw and gzipped (zlib level 9), per file and in total: run after `vite build`. Exits 1
// when a built entry (dist/index.js, dist/index.cjs) does not start with the "use client" directive, which React Server
// Components (Next.js App Router) need to import the kit from a server component.
import fs from "node:fs"
import path from "node:path"
import zlib from "node:zlib"
import { fileURLToPath } from "node:url"

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../kit/dist")
const files = ["index.js", "styles.css"]
let raw = 0
let gz = 0
for (const file of files) {
  const bytes = fs.readFileSync(path.join(dist, file))
  const zipped = zlib.gzipSync(bytes, { level: 9 }).length
  raw += bytes.length
  gz += zipped
  console.log(`${file.padEnd(12)} ${(bytes.length / 1024).toFixed(2)} kB  gzip ${(zipped / 1024).toFixed(2)} kB`)
}
console.log(
  `${"total".padEnd(12)} ${(raw / 1024).toFixed(2)} kB  gzip ${(gz / 1024).toFixed(2)} kB (ESM + CSS; react and @medusajs/js-sdk are peers)`
)
const entries = ["index.js", "index.cjs"].filter((file) => !/^["']use client["'];/.test(fs.readFileSync(path.join(dist, file), "utf8")))
if (entries.length > 0) {
  console.error(`dist/${entries.join(", dist/")}: the "use client" directive is missing (vite.config.ts output.banner)`)
  process.exit(1)
}
console.log('"use client" directive: present in dist/index.js and dist/index.cjs')
