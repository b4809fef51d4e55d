// RasterView: a spike raster — one row per unit, or one row per trial with one unit's spikes
// aligned to event times — with a PSTH below and a bin-size control. The kernel computes the PSTH
// whenever `binSize` (or the aligned unit) changes.
import type { BaseState } from "./common.js";
import type { TimeLinkMemberState } from "./time-link.js";

export type RasterMode = "units" | "trials";

export interface RasterRow {
  /** Unit id (units mode) or trial index (trials mode). */
  id: number;
  /** Row label (text from the file). */
  label: string;
  /** Spikes drawn in this row (inside `xRange`). */
  count: number;
}

export interface RasterState extends BaseState, TimeLinkMemberState {
  mode: RasterMode;
  rows: RasterRow[];
  /** All spike times of all rows, concatenated row after row: Float64, seconds. In trials mode the
   *  times are relative to the row's event (0 = event). */
  spikeTimes: ArrayBufferView;
  /** Uint32, length rows.length + 1: row r's spikes are spikeTimes[rowOffsets[r] … rowOffsets[r+1]). */
  rowOffsets: ArrayBufferView;
  /** Time axis (s): the recording span (units) or [-before, after] around events (trials). */
  xRange: [number, number];
  /** The window shown (s), inside `xRange`; null shows all of `xRange`. Synced: a linked view's
   *  zoom sets it, and so does the time link. */
  visibleRange: [number, number] | null;
  /** PSTH bin width in seconds. Synced: the view's bin-size control sets it, the kernel recomputes `psth`. */
  binSize: number;
  /** Mean firing rate per row, Hz, in bins of `binSize` starting at `psth.start`. */
  psth: {
    start: number;
    binSize: number;
    /** Float32, one value per bin: spikes / (rows × binSize). */
    rate: ArrayBufferView;
  };
  /** Trials mode: what the rows are aligned to (e.g. "trials.start_time", 40 events); else null. */
  alignment: { label: string; eventCount: number; before: number; after: number } | null;
  /** Trials mode: the units one can align (index into units table + label). Synced `unitIndex` picks one. */
  units: { id: number; label: string }[];
  unitIndex: number;
  /** Columns the rows carry (units: the units table's; trials: the trials/TimeIntervals table's),
   *  for grouping and sorting. Empty in notebooks saved before. */
  columns: string[];
  /** Synced: rows grouped by / sorted by a column (null: none, file order). The kernel reorders. */
  groupBy: string | null;
  sortBy: string | null;
  /** Row groups top to bottom (one "all" group without groupBy): rows firstRow … firstRow + rowCount − 1. */
  groups: RasterGroup[];
}

export interface RasterGroup {
  /** "quality good", "condition A", … (text). */
  label: string;
  firstRow: number;
  rowCount: number;
}
