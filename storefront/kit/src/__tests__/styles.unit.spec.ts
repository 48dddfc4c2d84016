/**
 * The optional stylesheet: every rule is scoped under a `.spk-` class (no global leaks) and the default colours
 * meet WCAG 2.1 AA (text 4.5:1, UI component boundaries and focus ring 3:1). Contrast per WCAG's relative
 * luminance formula.
 */
import fs from "fs"
import path from "path"

const css = fs.readFileSync(path.join(__dirname, "../styles.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "")
const variables = Object.fromEntries([...css.matchAll(/--spk-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1], match[2]]))

function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16) / 255)
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}
function contrast(a: string, b: string) {
  const [light, dark] = [luminance(variables[a]), luminance(variables[b])].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

describe("styles.css", () => {
  it("scopes every selector under a .spk- class", () => {
    const selectors = [...css.matchAll(/(?:^|[{};])\s*([^{};]+?)\s*\{/g)]
      .map((match) => match[1].trim())
      .filter((selector) => !/^(to|from|\d+%)$/.test(selector) && !selector.startsWith("@"))
      .flatMap((selector) => selector.split(","))
      .map((selector) => selector.trim())
    expect(selectors.length).toBeGreaterThan(30)
    expect(selectors.filter((selector) => !/\.spk-[a-z]/.test(selector))).toEqual([])
    expect(css).not.toMatch(/:root|^\s*(html|body|\*)\s*[,{]/m)
  })

  // WCAG 2.1 AA: text 4.5:1 (body and muted text on every background, and each coloured text on its fill); UI 3:1
  const text = ["text", "muted"].flatMap((foreground) => ["bg", "surface", "accent-soft"].map((background) => [foreground, background]))
  const filled = [
    ["accent-text", "accent"],
    ["success-text", "success-bg"],
    ["danger-text", "danger-bg"],
  ]
  const ui = ["border", "accent", "focus"].map((foreground) => [foreground, "bg"])
  const atLeast = (minimum: number, pairs: string[][]) =>
    pairs.map(([foreground, background]): [string, string, number] => [foreground, background, minimum])
  it.each([...atLeast(4.5, [...text, ...filled]), ...atLeast(3, ui)])(
    "--spk-%s on --spk-%s has at least %s:1 contrast",
    (foreground, background, minimum) => {
      expect(variables[foreground]).toBeDefined()
      expect(variables[background]).toBeDefined()
      expect(contrast(foreground, background)).toBeGreaterThanOrEqual(minimum)
    }
  )
})
