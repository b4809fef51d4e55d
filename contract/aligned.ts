// AlignedView: any signal cut around event times — a heat map of the trials (one row per event,
// rows ordered by a column and grouped by another) above the mean ± s.e.m. of each group, on one
// lag axis. The kernel cuts, resamples and averages; the view gets the per-trial traces on the lag
// grid (already decimated to at most a few hundred lags) and the group averages. Changing the
// synced `groupBy` / `sortBy` makes the kernel regroup and reorder.
import type { BaseState } from "./common.js";
import type { TimeLinkMemberState } from "./time-link.js";

export interface AlignedGroup {
  /** Column value of the group ("all trials" without grouping) — text. */
  label: string;
  color: string;
  /** Trials in this group; they are rows firstRow … firstRow + trialCount − 1 of the heat map. */
  trialCount: number;
  firstRow: number;
  /** Float32 per lag: mean of the group's traces and its standard error (NaN when trialCount < 2). */
  mean: ArrayBufferView;
  sem: ArrayBufferView;
}

export interface AlignedTrial {
  /** Index of the event in the events given. */
  event: number;
  /** Event time (s). */
  time: number;
  /** Row label: "trial 3", or the sort column's value. */
  label: string;
}

/** The heat map rows of an aligned panel and its group averages, on a lag grid given beside them:
 *  AlignedView's state has them, and CouplingView's `events` (the shown cell's isolated AP events,
 *  grouped by AP count). */
export interface AlignedRows {
  /** Heat map rows, top to bottom: groups in order, sorted within each group. */
  trials: AlignedTrial[];
  /** Float32, trials.length × lags.length, row-major: each trial's trace on the lag grid. */
  traces: ArrayBufferView;
  groups: AlignedGroup[];
  /** Heat map colour scale [lo, hi] in the signal's unit (2nd and 98th percentile of the traces). */
  valueRange: [number, number];
}

/** A time-link member by its cursor only (`timeLink`, `cursor`): its x axis is time relative to
 *  the events, so it does not take the link's window; clicking a row moves the cursor to the
 *  row's event (session time). */
export interface AlignedState extends BaseState, AlignedRows, TimeLinkMemberState {
  /** Float32 lags (s) relative to the event. */
  lags: ArrayBufferView;
  /** [before, after] relative to the event (s); before is negative or 0. */
  window: [number, number];
  /** The signal's name and physical unit (values are in it). */
  signal: { label: string; unit: string };
  /** What the events are (e.g. "trials.start_time") and how many were given. */
  alignment: { label: string; eventCount: number };
  /** Columns the events carry (e.g. the trials table's), for grouping and sorting. */
  columns: string[];
  /** Synced: the column the trials are grouped by / sorted by (null: none, event order). */
  groupBy: string | null;
  sortBy: string | null;
}
