import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import ts from "typescript"
import en from "../i18n/json/en.json"
import de from "../i18n/json/de.json"
import fr from "../i18n/json/fr.json"

const LANGUAGES = { en, de, fr } as Record<string, unknown>
const PLURAL = /_(zero|one|two|few|many|other)$/
const ADMIN = join(__dirname, "..")

/** Every leaf key of a translation file, dotted (`sortedPro.table.heading`). */
function leaves(value: unknown, prefix = ""): string[] {
  return value && typeof value === "object"
    ? Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key))
    : [prefix]
}

/** The admin's component sources (`.tsx`) and helpers (`lib/*.ts`), tests left out. */
function sources(dir = ADMIN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === "__tests__" || entry.name === "i18n" ? [] : sources(path)
    }
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : []
  })
}

/** Texts that read the same in every language: PRO's and our product names, file formats, PRO's field names. */
const UNTRANSLATED = /^(SortedPRO|PRO|CorrelationId|PDF|ZPL|ZPL II|PNG|KB|gbp)$/
/** Props whose string value staff read (labels, hints, titles, placeholders, accessible names). */
const VISIBLE_PROPS = new Set([
  "label",
  "hint",
  "title",
  "subtitle",
  "placeholder",
  "aria-label",
  "tooltip",
  "heading",
  "description",
  "confirmText",
  "cancelText",
  "inheritLabel",
  "rangeOptionLabel",
])
const words = (text: string) => /[A-Za-z]{2,}/.test(text) && !UNTRANSLATED.test(text.trim())

/** Hard-coded English a file would render: JSX text, visible props, toast titles and texts, template literals in JSX. */
function hardCoded(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: string[] = []
  const at = (node: ts.Node, text: string) =>
    found.push(`${path.slice(ADMIN.length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${text.trim()}`)
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && words(node.text)) {
      at(node, node.text)
    }
    if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (words(node.initializer.text)) {
        at(node, node.getText())
      }
    }
    if (ts.isPropertyAssignment(node) && VISIBLE_PROPS.has(node.name.getText().replace(/"/g, "")) && ts.isStringLiteral(node.initializer)) {
      if (words(node.initializer.text)) {
        at(node, node.getText())
      }
    }
    if (ts.isCallExpression(node) && /^toast\.\w+$/.test(node.expression.getText())) {
      const [title] = node.arguments
      if (title && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title)) && words(title.text)) {
        at(node, title.getText())
      }
    }
    // a string shown as it is in JSX children, also through `a ? "x" : "y"` or `a && "x"`
    if (ts.isStringLiteral(node) && words(node.text)) {
      let child: ts.Node = node
      let parent: ts.Node = node.parent
      const LOGICAL = [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]
      while (
        (ts.isConditionalExpression(parent) && parent.condition !== child) ||
        (ts.isBinaryExpression(parent) && LOGICAL.includes(parent.operatorToken.kind)) ||
        ts.isParenthesizedExpression(parent)
      ) {
        child = parent
        parent = parent.parent
      }
      if (ts.isJsxExpression(parent) && !ts.isJsxAttribute(parent.parent)) {
        at(node, node.getText())
      }
    }
    // a template shown as it is: in JSX children or a visible prop, not a key, URL or test id built for a call or another prop
    const attribute = ts.findAncestor(node, ts.isJsxAttribute)
    if (
      ts.isTemplateExpression(node) &&
      !ts.isCallExpression(node.parent) &&
      ts.findAncestor(node, ts.isJsxExpression) &&
      (!attribute || VISIBLE_PROPS.has(attribute.name.getText()))
    ) {
      const literal = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ")
      if (/[A-Za-z]{3,}/.test(literal)) {
        at(node, node.getText())
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe("admin translations (issue 18 item 4)", () => {
  it("has exactly the same keys in English, German and French (plural forms aside)", () => {
    const base = (language: string) => [...new Set(leaves(LANGUAGES[language]).map((key) => key.replace(PLURAL, "")))].sort()
    expect(base("de")).toEqual(base("en"))
    expect(base("fr")).toEqual(base("en"))
  })

  it("has every plural form each language needs (Intl.PluralRules), and no empty text", () => {
    for (const [language, file] of Object.entries(LANGUAGES)) {
      const keys = leaves(file)
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
      for (const plural of new Set(keys.filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, "")))) {
        expect([language, plural, categories.filter((category) => !keys.includes(`${plural}_${category}`))]).toEqual([language, plural, []])
      }
      const empty = keys.filter(
        (key) => !String(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], file)).trim()
      )
      expect(empty).toEqual([])
    }
  })

  it("finds every key the components ask for", () => {
    const keys = new Set(leaves(en).map((key) => key.replace(PLURAL, "")))
    const asked = sources().flatMap((path) => [...readFileSync(path, "utf8").matchAll(/\b(?:t|translate)\(\s*"([^"]+)"/g)].map((match) => match[1]))
    expect(asked.length).toBeGreaterThan(150)
    expect(asked.filter((key) => !keys.has(`sortedPro.${key}`))).toEqual([])
  })

  it("renders no hard-coded English: every visible text goes through the translations", () => {
    expect(sources().flatMap(hardCoded)).toEqual([])
  })
})
