// Event-triggered averages of ΔF/F per AP count, on a common time axis relative to onset (frames
// are irregular in time, so each event's trace is linearly interpolated onto the axis) — cut and
// averaged by the aligned-average code path every aligned view shares (../aligned/).

import { alignedTraces, meanAndSem, type AlignedTraces } from "../aligned/aligned-traces.js";
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

export interface ApEventOptions {
  preSeconds?: number;
  postSeconds?: number;
  dt?: number;
  /** Only isolated events (default true). */
  isolatedOnly?: boolean;
  maxApCount?: number;
}

/** `signal` around the onsets of the chosen AP events: the aligned traces, and the event of each. */
export function apEventTraces(
  signal: SampledSignal,
  events: readonly ApEvent[],
  options: ApEventOptions = {},
): { aligned: AlignedTraces; events: ApEvent[] } {
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
  return { aligned, events: Array.from(aligned.eventIndex, (e) => chosen[e]!) };
}

/** Averages of `dff` (ΔF/F with its time base) around event onsets, one per AP count. */
export function eventTriggeredAverages(
  signal: SampledSignal,
  events: readonly ApEvent[],
  options: ApEventOptions = {},
): TriggeredAverage[] {
  const { aligned, events: kept } = apEventTraces(signal, events, options);
  const groups = new Map<number, Float64Array[]>();
  kept.forEach((ev, i) => {
    groups.set(ev.apCount, [...(groups.get(ev.apCount) ?? []), aligned.traces[i]!]);
  });
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([apCount, traces]) => ({
      apCount,
      time: aligned.time,
      ...meanAndSem(traces, aligned.time.length),
    }));
}
