// Event-triggered averages of ΔF/F per AP count, on a common time axis relative to onset (frames
// are irregular in time, so each event's trace is linearly interpolated onto the axis).

import { interpolate } from "../metrics/resample.js";
import { checkSignal, sampleTimes, type SampledSignal } from "../util/sampled-signal.js";
import { requirePositive } from "../util/validate.js";
import type { ApEvent } from "./ap-events.js";

export interface TriggeredAverage {
  apCount: number;
  /** Number of events averaged. */
  n: number;
  /** Time relative to onset (s). */
  time: Float64Array;
  mean: Float64Array;
  /** Standard error of the mean (NaN for n < 2). */
  sem: Float64Array;
}

/** Averages of `dff` (ΔF/F with its time base) around event onsets, one per AP count. */
export function eventTriggeredAverages(
  signal: SampledSignal,
  events: readonly ApEvent[],
  options: {
    preSeconds?: number;
    postSeconds?: number;
    dt?: number;
    isolatedOnly?: boolean;
    maxApCount?: number;
  } = {},
): TriggeredAverage[] {
  const s = checkSignal(signal, "signal", 2);
  const dff = s.values;
  const pre = options.preSeconds ?? 0.5,
    post = options.postSeconds ?? 2;
  const t = sampleTimes(s);
  const dt = options.dt ?? (t[t.length - 1] - t[0]) / (t.length - 1);
  requirePositive(dt, "dt");
  const nPts = Math.floor((pre + post) / dt + 1e-9) + 1;
  const axis = Float64Array.from({ length: nPts }, (_, k) => -pre + k * dt);
  const groups = new Map<number, Float64Array[]>();
  for (const ev of events) {
    if ((options.isolatedOnly ?? true) && !ev.isolated) continue;
    if (options.maxApCount !== undefined && ev.apCount > options.maxApCount) continue;
    // Skip events whose window is not fully inside the recording.
    if (ev.time - pre < t[0] || ev.time + post > t[t.length - 1]) continue;
    const q = axis.map((a) => ev.time + a);
    const trace = interpolate(t, dff, q);
    const list = groups.get(ev.apCount) ?? [];
    list.push(trace);
    groups.set(ev.apCount, list);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([apCount, traces]) => {
      const n = traces.length;
      const mean = new Float64Array(nPts),
        sem = new Float64Array(nPts);
      for (const tr of traces) for (let k = 0; k < nPts; k++) mean[k] += tr[k] / n;
      for (let k = 0; k < nPts; k++) {
        if (n < 2) {
          sem[k] = NaN;
          continue;
        }
        let v = 0;
        for (const tr of traces) v += (tr[k] - mean[k]) ** 2;
        sem[k] = Math.sqrt(v / (n - 1) / n);
      }
      return { apCount, n, time: axis, mean, sem };
    });
}
