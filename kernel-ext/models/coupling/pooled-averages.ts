// Event-triggered ΔF/F averages per AP-count class (1, 2, 3+) for a group of cells, computed per
// cell by the analysis library and pooled exactly: the pooled mean is the event-weighted mean, the
// pooled variance adds the within-cell and between-cell sums of squares.
import {
  apEvents,
  eventTriggeredAverages,
  type Indicator,
  type TriggeredAverage,
} from "../../analysis/coupling/index.js";
import type { ApClass } from "../../../contract/coupling.js";

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

export function apClassOf(apCount: number): ApClass {
  return apCount <= 1 ? "1" : apCount === 2 ? "2" : "3+";
}

/** Pools averages that share one lag axis (each with n events, mean and s.e.m.). */
export function pool(
  parts: { n: number; mean: ArrayLike<number>; sem: ArrayLike<number> }[],
  length: number,
): { n: number; mean: Float64Array; sem: Float64Array } {
  const N = parts.reduce((s, p) => s + p.n, 0);
  const mean = new Float64Array(length).fill(NaN);
  const sem = new Float64Array(length).fill(NaN);
  if (N === 0) return { n: 0, mean, sem };
  for (let k = 0; k < length; k++) {
    let m = 0;
    for (const p of parts) m += (p.n * p.mean[k]!) / N;
    mean[k] = m;
    if (N < 2) continue;
    let ss = 0;
    for (const p of parts) {
      // Within-cell: (n−1)·s² with s² = sem²·n (0 for a single event); between: n·(mean − M)².
      if (p.n >= 2) ss += (p.n - 1) * p.sem[k]! ** 2 * p.n;
      ss += p.n * (p.mean[k]! - m) ** 2;
    }
    sem[k] = Math.sqrt(ss / (N - 1) / N);
  }
  return { n: N, mean, sem };
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
  const perClass = new Map<ApClass, TriggeredAverage[]>();
  let length = Math.floor((pre + post) / dt + 1e-9) + 1;
  for (const c of cells) {
    if (c.spikes.length === 0) {
      messages.push(`${c.label}: no spikes, no events`);
      continue;
    }
    if (c.dff.length < 2) {
      messages.push(`${c.label}: no ΔF/F samples`);
      continue;
    }
    const finite = c.dff.every((v) => Number.isFinite(v));
    if (!finite) {
      messages.push(`${c.label}: ΔF/F has NaN gaps; left out of the event-triggered averages`);
      continue;
    }
    try {
      const events = apEvents(c.spikes, { indicator: c.indicator });
      const avgs = eventTriggeredAverages({ values: c.dff, timestamps: c.frameTimes }, events, {
        preSeconds: pre,
        postSeconds: post,
        dt,
      });
      for (const a of avgs) {
        length = a.time.length;
        const cls = apClassOf(a.apCount);
        perClass.set(cls, [...(perClass.get(cls) ?? []), a]);
      }
    } catch (e) {
      messages.push(`${c.label}: ${(e as Error).message}`);
    }
  }
  const averages = (["1", "2", "3+"] as ApClass[]).map((apClass) => ({
    apClass,
    ...pool(perClass.get(apClass) ?? [], length),
  }));
  return { averages, messages };
}
