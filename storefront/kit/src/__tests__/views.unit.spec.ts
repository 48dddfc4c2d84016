/**
 * `src/views.generated.ts` is the plugin's `src/types/views.ts` (the route view types, written once there),
 * copied into the kit so that the published declarations never point outside the package. It must not drift:
 * when the plugin's file changes, run `npm run sync-views` in storefront/kit.
 */
import fs from "fs"
import path from "path"

const read = (file: string) => fs.readFileSync(path.join(__dirname, file), "utf8")

describe("views.generated.ts", () => {
  it("is the plugin's src/types/views.ts after its generated-file header", () => {
    const generated = read("../views.generated.ts")
    const header = generated.match(/^(\/\/.*\n)+\n/)?.[0] ?? ""
    expect(header).toContain("src/types/views.ts")
    expect(generated.slice(header.length)).toBe(read("../../../../src/types/views.ts"))
  })
})
