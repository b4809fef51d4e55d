// TableView: the fallback for any DynamicTable (and other column sets). Rows arrive a page at a time.
import type { BaseState } from "./common.js";

export interface TableColumn {
  name: string;
  /** Column description from the file (text). */
  description: string;
  /** "number", "string", "ragged" (a VectorIndex column: cells are lists), "reference", "other". */
  kind: "number" | "string" | "ragged" | "reference" | "other";
}

/** A cell: numbers and strings as is; a ragged cell as a short summary text ("[1679 values] 0.12, 0.35, …"). */
export type TableCell = string | number | boolean | null;

export interface TableState extends BaseState {
  columns: TableColumn[];
  /** Total rows in the table. */
  rowCount: number;
  /** First row shown and page size; synced — the view pages by setting `offset`, the kernel fills `rows`. */
  offset: number;
  limit: number;
  /** The `id` column of the shown rows. */
  ids: number[];
  /** rows[i][j] is column j of row offset + i. */
  rows: TableCell[][];
}
