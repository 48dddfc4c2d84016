// Prints the kit's built size, raw and gzipped (zlib level 9), per file and in total: run after `vite build`.
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
