// What report.html shows under its figures: the numbers of summary.md as HTML tables, and how the
// pooled fits of the group figure differ from the per-indicator means of the table.
import { escapeHTML } from "../models/export/html-page.js";
import type { Report } from "./report.js";
import { cellTable, EVENTS_NOTE, indicatorTable, type TextTable } from "./tables.js";


function htmlTable(table: TextTable, caption: string): string {
  const head = `<tr>${table.header.map((h) => `<th scope="col">${escapeHTML(h)}</th>`).join("")}</tr>`;
  const body = table.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHTML(c)}</th>` : `<td>${escapeHTML(c)}</td>`)).join("")}</tr>`).join("\n");
  return `<table class="tsnwb-report-table">\n<caption>${escapeHTML(caption)}</caption>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * How the group figure's curves and fits are made, against the table's indicator rows. Read from
 * the code: CouplingModel "groups" mode → groupAverages (models/coupling/ap-class-averages.ts)
 * and fitAverage; the table → summarizeGroups (report/groups.ts) over per-cell summaries.
 */
export const POOLED_VS_MEAN = [
  "The group figure (GCaMP6s vs GCaMP6f) pools events, not cells. For each indicator and AP class it averages the isolated events of all the indicator's cells together: the curve is the event-weighted mean of the cells' event-triggered ΔF/F averages (a cell with 40 events counts 40 times as much as a cell with one), its band is the s.e.m. over all pooled events (spread within and between cells), and the rise/decay kernel is fitted once, to that pooled curve.",
  "The indicator rows of the table are means ± s.e.m. over cells, each cell counting once: peak ΔF/F is the mean of the cells' mean event peaks, and rise / decay is the mean of the cells' own fits, over the cells that have a plausible fit (cells with fewer than 3 events of a class have none). The pooled fit is therefore dominated by the cells with most events, is defined even where few cells have their own fit, and is a fit of an average rather than an average of fits (the kernel is nonlinear, so the two differ even with equal weights). Cells whose ΔF/F has NaN gaps are left out of the pooled curves (and have no fit of their own); the table's other values for them use the ΔF/F with its gaps filled by linear interpolation.",
];

export function reportNumbersSection(report: Report): string {
  return `<section class="tsnwb-report-numbers">
<h2>Numbers</h2>
${htmlTable(cellTable(report), "Per cell")}
${htmlTable(indicatorTable(report), "Per indicator (mean ± s.e.m. over cells)")}
<p>${escapeHTML(EVENTS_NOTE)}</p>
<h3>Pooled fits in the group figure vs the means over cells</h3>
${POOLED_VS_MEAN.map((p) => `<p>${escapeHTML(p)}</p>`).join("\n")}
</section>`;
}
