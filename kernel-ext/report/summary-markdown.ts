// summary.md: the report's tables in Markdown. Text from files (names, identifiers, metadata in
// error messages) is escaped so it cannot break a table row or inject HTML into a rendered page.
import type { Report } from "./report.js";
import { cellTable, EVENTS_NOTE, indicatorTable, type TextTable } from "./tables.js";

/** Table-cell text: `|` would end the cell, `<` `>` `&` would be read as HTML, a newline would end the row. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n|\r/g, " ");
}

export function markdownTable(table: TextTable): string[] {
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(" | ")} |`;
  return [row(table.header), `|${table.header.map(() => "---").join("|")}|`, ...table.rows.map(row)];
}

/** One row per cell, then the per-indicator means (± s.e.m.). */
export function summaryMarkdown(report: Report): string {
  return [...markdownTable(cellTable(report)), "", ...markdownTable(indicatorTable(report)), "", EVENTS_NOTE].join("\n") + "\n";
}
