// Spike-triggered average of a sampled signal. The signal carries its time base (timestamps, or
// rate + start time), so spikes are placed on the signal's own clock.

import { checkSignal, type SampledSignal } from "../util/sampled-signal.js";
import { requireFiniteArray } from "../util/validate.js";
import { lowerIndex } from "../util/search.js";

export interface StaOptions {
  /** Window before and after each spike (s). */
  preSeconds: number;
  postSeconds: number;
}

export interface StaResult {
  /** Time relative to the spike (s). */
  time: Float64Array;
  mean: Float64Array;
  /** Number of spikes averaged. */
  n: number;
}

/**
 * Mean of signal windows centred on the sample nearest each spike. A timestamped signal is taken
 * at its median sample interval; spikes whose window leaves the signal, or that fall more than
 * half an interval from any sample (in a gap), are skipped.
 */
export function spikeTriggeredAverage(
  signal: SampledSignal,
  spikeTimes: ArrayLike<number>,
  options: StaOptions,
): StaResult {
  const s = checkSignal(signal, "signal");
  requireFiniteArray(spikeTimes, "spikeTimes", 0);
  if (!(options?.preSeconds >= 0 && options.postSeconds >= 0))
    throw new RangeError("preSeconds, postSeconds: expected ≥ 0");
  const values = s.values;
  const n = values.length;
  const dt = s.kind === "regular" ? 1 / s.rate : medianInterval(s.timestamps);
  const pre = Math.round(options.preSeconds / dt),
    post = Math.round(options.postSeconds / dt);
  // Nearest sample to time t, or −1 when no sample is within half an interval.
  const nearest =
    s.kind === "regular"
      ? (t: number) => Math.round((t - s.startTime) * s.rate)
      : (t: number) => {
          const ts = s.timestamps;
          const i = lowerIndex(ts, t);
          const c = i > 0 && (i === n || t - ts[i - 1] < ts[i] - t) ? i - 1 : i;
          return Math.abs(ts[c] - t) <= dt / 2 ? c : -1;
        };
  const len = pre + post + 1;
  const mean = new Float64Array(len);
  let count = 0;
  for (let k = 0; k < spikeTimes.length; k++) {
    const c = nearest(spikeTimes[k]);
    if (c < 0 || c - pre < 0 || c + post >= n) continue;
    for (let j = 0; j < len; j++) mean[j] += values[c - pre + j];
    count++;
  }
  if (count > 0) for (let j = 0; j < len; j++) mean[j] /= count;
  else mean.fill(NaN);
  const time = Float64Array.from({ length: len }, (_, j) => (j - pre) * dt);
  return { time, mean, n: count };
}

function medianInterval(t: ArrayLike<number>): number {
  if (t.length < 2)
    throw new RangeError(
      "signal.timestamps: expected at least 2 samples to know the sampling interval",
    );
  const d = new Float64Array(t.length - 1);
  for (let i = 1; i < t.length; i++) d[i - 1] = t[i] - t[i - 1];
  d.sort();
  const m = d.length >> 1;
  return d.length % 2 ? d[m] : (d[m - 1] + d[m]) / 2;
}
