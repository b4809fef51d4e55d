// Event-triggered averages of ΔF/F per AP count, on a common time axis relative to onset (frames
// are irregular in time, so each event's trace is linearly interpolated onto the axis) — cut and
// averaged by the aligned-average code path every aligned view shares (../aligned/).

import { alignedTraces, meanAndSem } from "../aligned/aligned-traces.js";
import type { SampledSignal } from "../util/sampled-signal.js";
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
  const chosen = events.filter(
    (ev) =>
      (!(options.isolatedOnly ?? true) || ev.isolated) &&
      (options.maxApCount === undefined || ev.apCount <= options.maxApCount),
  );
  const aligned = alignedTraces(
    signal,
    chosen.map((ev) => ev.time),
    { preSeconds: options.preSeconds, postSeconds: options.postSeconds, dt: options.dt },
  );
  const groups = new Map<number, Float64Array[]>();
  aligned.eventIndex.forEach((e, i) => {
    const apCount = chosen[e]!.apCount;
    groups.set(apCount, [...(groups.get(apCount) ?? []), aligned.traces[i]!]);
  });
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([apCount, traces]) => ({
      apCount,
      time: aligned.time,
      ...meanAndSem(traces, aligned.time.length),
    }));
}
