// A signal cut around event times onto one lag grid (per-event traces), and the mean ± s.e.m. of a
// set of such traces: the one aligned-average code path behind event-triggered averages of any
// signal (AlignedView) and of ΔF/F around AP events (eventTriggeredAverages, CouplingView).
// Samples are irregular in time in general, so each event's trace is linearly interpolated at
// event + lag.

import { interpolate } from "../metrics/resample.js";
import { checkSignal, sampleTimes, type SampledSignal } from "../util/sampled-signal.js";
import { requireFinite, requirePositive } from "../util/validate.js";

export interface AlignedTraces {
  /** Lags (s) relative to the event: −preSeconds + k·dt. */
  time: Float64Array;
  /** One trace per kept event, on `time`. */
  traces: Float64Array[];
  /** Index into the given events of each trace. */
  eventIndex: Int32Array;
  /** Indices of events left out: window not wholly inside the signal, or a non-finite time. */
  skipped: number[];
}

export interface AlignOptions {
  /** Seconds before and after each event (defaults 0.5 and 2). */
  preSeconds?: number;
  postSeconds?: number;
  /** Lag step (s); default the signal's mean sample interval. */
  dt?: number;
}

/** The lag grid −pre … post in steps of dt. */
export function lagGrid(pre: number, post: number, dt: number): Float64Array {
  const n = Math.floor((pre + post) / dt + 1e-9) + 1;
  return Float64Array.from({ length: n }, (_, k) => -pre + k * dt);
}

/** `signal` around each of `eventTimes`, on one lag grid; events whose window leaves the signal are skipped. */
export function alignedTraces(
  signal: SampledSignal,
  eventTimes: ArrayLike<number>,
  options: AlignOptions = {},
): AlignedTraces {
  const s = checkSignal(signal, "signal", 2);
  const pre = options.preSeconds ?? 0.5,
    post = options.postSeconds ?? 2;
  requireFinite(pre, "preSeconds");
  requireFinite(post, "postSeconds");
  if (!(pre + post > 0))
    throw new RangeError(
      `preSeconds + postSeconds: expected a window of positive length, got ${pre} + ${post}`,
    );
  const t = sampleTimes(s);
  const dt = options.dt ?? (t[t.length - 1]! - t[0]!) / (t.length - 1);
  requirePositive(dt, "dt");
  const time = lagGrid(pre, post, dt);
  const traces: Float64Array[] = [];
  const kept: number[] = [];
  const skipped: number[] = [];
  for (let i = 0; i < eventTimes.length; i++) {
    const e = eventTimes[i]!;
    if (!Number.isFinite(e) || e - pre < t[0]! || e + post > t[t.length - 1]!) {
      skipped.push(i);
      continue;
    }
    traces.push(
      interpolate(
        t,
        s.values,
        time.map((a) => e + a),
      ),
    );
    kept.push(i);
  }
  return { time, traces, eventIndex: Int32Array.from(kept), skipped };
}

/** Mean and standard error of the mean (NaN for fewer than 2 traces) at every lag. */
export function meanAndSem(
  traces: readonly ArrayLike<number>[],
  length: number,
): { n: number; mean: Float64Array; sem: Float64Array } {
  const n = traces.length;
  const mean = new Float64Array(length),
    sem = new Float64Array(length);
  if (n === 0) {
    mean.fill(NaN);
    sem.fill(NaN);
    return { n, mean, sem };
  }
  for (const tr of traces) for (let k = 0; k < length; k++) mean[k] += tr[k]! / n;
  for (let k = 0; k < length; k++) {
    if (n < 2) {
      sem[k] = NaN;
      continue;
    }
    let v = 0;
    for (const tr of traces) v += (tr[k]! - mean[k]!) ** 2;
    sem[k] = Math.sqrt(v / (n - 1) / n);
  }
  return { n, mean, sem };
}
