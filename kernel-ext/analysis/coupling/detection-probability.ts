// Detection probability of N-AP events at a fixed false-positive rate (Huang et al. 2021, Table 2).
//
// Signal: the peak ΔF/F (see peakDff) of every isolated N-AP event.
// Noise:  the same peak statistic at spike-free "null onsets": frame times taken every
//         peakSearchSeconds (so null windows do not overlap), kept only when no spike falls in
//         [t − isolationBefore, t + groupSeconds + isolationAfter] — the span an isolated event
//         occupies — and when the search window fits inside the recording.
// The threshold is the (1 − fpRate) quantile of the null peaks (linear interpolation), so exactly a
// fraction fpRate of spike-free windows would be called events; the detection probability of N-AP
// events is the fraction of their peaks above that threshold.

import { quantile } from "../stats/quantile.js";
import { checkSignal, sampleTimes, type SampledSignal } from "../util/sampled-signal.js";
import { lowerIndex } from "../util/search.js";
import { requireMonotonic } from "../util/validate.js";
import { apEvents } from "./ap-events.js";
import { type EventWindows, type Indicator, resolveWindows } from "./indicator.js";
import { peakDffAt } from "./peak-dff.js";

export interface DetectionOptions {
  indicator?: Indicator;
  windows?: Partial<EventWindows>;
  /** False-positive rate (default 0.01). */
  fpRate?: number;
  /** Largest AP count reported separately (default 5). */
  maxApCount?: number;
  baselineSeconds?: number;
}

export interface DetectionResult {
  threshold: number;
  /** Peak ΔF/F of the null windows. */
  noisePeaks: Float64Array;
  perApCount: Array<{
    apCount: number;
    events: number;
    detected: number;
    probability: number;
    peaks: Float64Array;
  }>;
}

/** Onsets of spike-free null windows (see the file comment). */
export function nullOnsets(
  frameTimes: ArrayLike<number>,
  spikeTimes: ArrayLike<number>,
  w: EventWindows,
): Float64Array {
  const out: number[] = [];
  const tEnd = frameTimes[frameTimes.length - 1];
  const stride = Math.max(w.peakSearchSeconds, 1e-3);
  for (
    let t = frameTimes[0] + w.isolationBeforeSeconds;
    t + w.peakSearchSeconds <= tEnd;
    t += stride
  ) {
    const i = lowerIndex(spikeTimes, t - w.isolationBeforeSeconds);
    if (i < spikeTimes.length && spikeTimes[i] <= t + w.groupSeconds + w.isolationAfterSeconds)
      continue;
    out.push(t);
  }
  return Float64Array.from(out);
}

/** Detection probability of N-AP events in `dff` (ΔF/F with its time base) given the cell's spike times. */
export function detectionProbability(
  dff: SampledSignal,
  spikeTimes: ArrayLike<number>,
  options: DetectionOptions = {},
): DetectionResult {
  const signal = checkSignal(dff, "dff");
  const values = signal.values;
  const frameTimes = sampleTimes(signal);
  requireMonotonic(spikeTimes, "spikeTimes");
  const w = resolveWindows(options);
  const fp = options.fpRate ?? 0.01;
  if (!(fp > 0 && fp < 1)) throw new RangeError(`fpRate: expected a value in (0, 1), got ${fp}`);
  const peakOpts = {
    indicator: options.indicator,
    windows: options.windows,
    baselineSeconds: options.baselineSeconds,
  };
  const noisePeaks = peakDffAt(
    values,
    frameTimes,
    nullOnsets(frameTimes, spikeTimes, w),
    peakOpts,
  ).filter((v) => !Number.isNaN(v));
  if (noisePeaks.length < Math.ceil(1 / fp)) {
    throw new RangeError(
      `spikeTimes: only ${noisePeaks.length} spike-free windows in the recording; at least ${Math.ceil(1 / fp)} are needed for a ${fp * 100}% false-positive threshold`,
    );
  }
  const threshold = quantile(noisePeaks, 1 - fp);
  const events = apEvents(spikeTimes, {
    indicator: options.indicator,
    windows: options.windows,
  }).filter(
    (e) =>
      e.isolated &&
      e.time + w.peakSearchSeconds <= frameTimes[frameTimes.length - 1] &&
      e.time >= frameTimes[0],
  );
  const maxK = options.maxApCount ?? 5;
  const perApCount = [];
  for (let k = 1; k <= maxK; k++) {
    const ev = events.filter((e) => e.apCount === k);
    const peaks = peakDffAt(
      values,
      frameTimes,
      ev.map((e) => e.time),
      peakOpts,
    );
    const detected = peaks.filter((p) => p > threshold).length;
    perApCount.push({
      apCount: k,
      events: ev.length,
      detected,
      probability: ev.length ? detected / ev.length : NaN,
      peaks,
    });
  }
  return { threshold, noisePeaks, perApCount };
}
