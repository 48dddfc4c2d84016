/** Text output of the benches: aligned tables and short quotes of HTTP bodies. */

/** `body` as JSON text (a string as is), cut to 240 characters with an ellipsis. */
export function brief(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "")
  return text.length > 240 ? `${text.slice(0, 240)}…` : text
}

/**
 * Prints rows as an aligned two-or-more column table (first row = header) with a rule under the header.
 * Cells are strings or numbers; numbers are right-aligned.
 */
export function printTable(rows: Array<Array<string | number>>): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c] ?? "").length)))
  rows.forEach((row, index) => {
    console.log(
      row
        .map((cell, c) => (typeof cell === "number" ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c])))
        .join("  ")
        .trimEnd()
    )
    if (index === 0) {
      console.log(widths.map((w) => "─".repeat(w)).join("  "))
    }
  })
}
