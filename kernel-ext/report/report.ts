// What report.json holds: per file, its cell's summary or why it failed; per indicator, the group means.
import type { CellSummary } from "./cell-summary.js";
import type { GroupSummary } from "./groups.js";

export interface ReportEntry {
  file: string;
  ok: boolean;
  error?: string;
  summary?: CellSummary;
}

export interface Report {
  generator: string;
  cells: ReportEntry[];
  groups: GroupSummary[];
}
