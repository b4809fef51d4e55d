// The events panel of CouplingView: one cell's isolated AP events as the rows of an aligned heat
// map, grouped by AP-count class (1, 2, 3+) and in time order within a class, with each class's
// mean ± s.e.m. — the same rows AlignedView draws, so the same renderer draws both.
import type { AlignedRows } from "../../../contract/aligned.js";
import { AP_CLASSES } from "../../../contract/coupling.js";
import { alignedRows, valueRangeOf } from "../aligned/aligned-rows.js";
import type { TrialGroup } from "../aligned/trial-order.js";
import { apClassOf, type CellEventTraces } from "./ap-class-averages.js";

/** AP-class colours of the events panel (1 AP, 2 APs, 3+ APs). */
const CLASS_COLORS = ["#1f77b4", "#ff7f0e", "#d62728"];

export const NO_EVENT_ROWS: AlignedRows = {
  trials: [],
  traces: new Float32Array(0),
  groups: [],
  valueRange: [0, 1],
};

export function couplingEventRows(cut: CellEventTraces, nLags: number): AlignedRows {
  const order: TrialGroup[] = AP_CLASSES.map((cls) => ({
    label: cls,
    trials: cut.events.flatMap((ev, i) => (apClassOf(ev.apCount) === cls ? [i] : [])),
  })).filter((g) => g.trials.length > 0);
  const rows = alignedRows({
    traces: cut.traces,
    nLags,
    order,
    eventOf: (i) => ({ event: cut.events[i]!.firstSpike, time: cut.events[i]!.time }),
    rowLabel: (i) => `${cut.events[i]!.apCount} AP at ${cut.events[i]!.time.toFixed(3)} s`,
    groupLabel: (g) => `${g.label} AP${g.label === "1" ? "" : "s"}`,
    groupColor: (g) => CLASS_COLORS[AP_CLASSES.indexOf(g.label as (typeof AP_CLASSES)[number])]!,
  });
  return { ...rows, valueRange: valueRangeOf(cut.traces) };
}
