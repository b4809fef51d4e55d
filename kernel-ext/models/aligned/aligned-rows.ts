// The rows of an aligned panel: per-event traces laid out group by group (the heat map matrix),
// each row's event, and each group's mean ± s.e.m. — built one way for AlignedView (groups from a
// table column) and CouplingView (groups by AP count).
import { meanAndSem } from "../../analysis/aligned/aligned-traces.js";
import { quantile } from "../../analysis/stats/quantile.js";
import type { AlignedGroup, AlignedRows, AlignedTrial } from "../../../contract/aligned.js";
import { LANE_COLORS } from "../trace/lane-set.js";
import type { TrialGroup } from "./trial-order.js";

/** Group colours: the lane colours (7 of them, so an 8th group repeats the first). */
export const GROUP_COLORS = LANE_COLORS.slice(0, 7);

export interface RowsInput {
  /** One trace per kept event, all of `nLags` lags. */
  traces: readonly Float64Array[];
  nLags: number;
  /** Per trace: the index of its event and the event's time (s). */
  eventOf(trace: number): { event: number; time: number };
  /** Groups of trace indices in display order. */
  order: TrialGroup[];
  rowLabel(trace: number): string;
  groupLabel(group: TrialGroup, index: number): string;
  groupColor?(group: TrialGroup, index: number): string;
}

/** Heat map colour scale: 2nd and 98th percentile of the finite values (a unit span if flat). */
export function valueRangeOf(traces: readonly ArrayLike<number>[]): [number, number] {
  const all: number[] = [];
  for (const tr of traces)
    for (let k = 0; k < tr.length; k++) if (Number.isFinite(tr[k]!)) all.push(tr[k]!);
  const lo = all.length ? quantile(all, 0.02) : 0;
  const hi = all.length ? quantile(all, 0.98) : 1;
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/** The rows (trials, matrix, groups) of `input`; the value range is left to the caller. */
export function alignedRows(input: RowsInput): Omit<AlignedRows, "valueRange"> {
  const { traces, nLags, order } = input;
  const matrix = new Float32Array(order.reduce((s, g) => s + g.trials.length, 0) * nLags);
  const trials: AlignedTrial[] = [];
  const groups: AlignedGroup[] = [];
  for (const [g, group] of order.entries()) {
    const firstRow = trials.length;
    for (const i of group.trials) {
      matrix.set(traces[i]!, trials.length * nLags);
      trials.push({ ...input.eventOf(i), label: input.rowLabel(i) });
    }
    const { mean, sem } = meanAndSem(
      group.trials.map((i) => traces[i]!),
      nLags,
    );
    groups.push({
      label: input.groupLabel(group, g),
      color: input.groupColor?.(group, g) ?? GROUP_COLORS[g % GROUP_COLORS.length]!,
      trialCount: group.trials.length,
      firstRow,
      mean: Float32Array.from(mean),
      sem: Float32Array.from(sem),
    });
  }
  return { trials, traces: matrix, groups };
}
