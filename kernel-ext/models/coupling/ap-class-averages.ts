// Event-triggered ΔF/F per AP-count class (1, 2, 3+) for a group of cells: each cell's isolated AP
// events cut by the aligned-traces path every aligned view shares (analysis/aligned), the traces of
// all the group's cells pooled per class, and their mean ± s.e.m. by the same meanAndSem as
// AlignedView's groups — pooling events, not cells.
import { lagGrid, meanAndSem } from "../../analysis/aligned/aligned-traces.js";
import {
  apEvents,
  apEventTraces,
  type ApEvent,
  type Indicator,
} from "../../analysis/coupling/index.js";
import { AP_CLASSES, type ApClass } from "../../../contract/coupling.js";

export interface CellTraces {
  label: string;
  indicator: Indicator | undefined;
  spikes: Float64Array;
  dff: Float64Array;
  frameTimes: Float64Array;
}

export interface PooledAverage {
  apClass: ApClass;
  n: number;
  mean: Float64Array;
  sem: Float64Array;
}

/** A cell's isolated AP events inside the ΔF/F and its ΔF/F around each, on the lag grid. */
export interface CellEventTraces {
  traces: Float64Array[];
  events: ApEvent[];
}

export function apClassOf(apCount: number): ApClass {
  return apCount <= 1 ? "1" : apCount === 2 ? "2" : "3+";
}

/** The cell's event traces on −pre … post in steps of dt, or the sentence saying why there are none. */
export function cellEventTraces(
  c: CellTraces,
  pre: number,
  post: number,
  dt: number,
): CellEventTraces | string {
  if (c.spikes.length === 0) return `${c.label}: no spikes, no events`;
  if (c.dff.length < 2) return `${c.label}: no ΔF/F samples`;
  if (!c.dff.every((v) => Number.isFinite(v)))
    return `${c.label}: ΔF/F has NaN gaps; left out of the event-triggered averages`;
  try {
    const { aligned, events } = apEventTraces(
      { values: c.dff, timestamps: c.frameTimes },
      apEvents(c.spikes, { indicator: c.indicator }),
      { preSeconds: pre, postSeconds: post, dt },
    );
    return { traces: aligned.traces, events };
  } catch (e) {
    return `${c.label}: ${(e as Error).message}`;
  }
}

/** Averages of a group of cells on the lag axis −pre … post in steps of dt. Cells whose ΔF/F
 *  cannot be averaged are skipped with a message. */
export function groupAverages(
  cells: CellTraces[],
  pre: number,
  post: number,
  dt: number,
): { averages: PooledAverage[]; messages: string[] } {
  const messages: string[] = [];
  const perClass = new Map<ApClass, Float64Array[]>();
  for (const c of cells) {
    const cut = cellEventTraces(c, pre, post, dt);
    if (typeof cut === "string") {
      messages.push(cut);
      continue;
    }
    cut.events.forEach((ev, i) => {
      const cls = apClassOf(ev.apCount);
      perClass.set(cls, [...(perClass.get(cls) ?? []), cut.traces[i]!]);
    });
  }
  const length = lagGrid(pre, post, dt).length;
  const averages = AP_CLASSES.map((apClass) => ({
    apClass,
    ...meanAndSem(perClass.get(apClass) ?? [], length),
  }));
  return { averages, messages };
}
