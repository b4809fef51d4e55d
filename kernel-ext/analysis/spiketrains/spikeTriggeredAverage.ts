// Spike-triggered average of any regularly sampled signal.

import { requireFiniteArray, requirePositive } from "../util/validate.js";

export interface StaOptions {
  /** Sampling rate of the signal (Hz). */
  fs: number;
  /** Time of the signal's sample 0 (s, default 0). */
  startTime?: number;
  /** Window before and after each spike (s). */
  preSeconds: number;
  postSeconds: number;
}

/** Mean of signal windows around each spike (nearest sample); spikes whose window leaves the signal are skipped. */
export function spikeTriggeredAverage(signal: ArrayLike<number>, spikeTimes: ArrayLike<number>, options: StaOptions): { time: Float64Array; mean: Float64Array; n: number } {
  requireFiniteArray(signal, "signal");
  requireFiniteArray(spikeTimes, "spikeTimes", 0);
  requirePositive(options?.fs, "fs");
  const { fs } = options;
  const t0 = options.startTime ?? 0;
  if (!(options.preSeconds >= 0 && options.postSeconds >= 0)) throw new RangeError("preSeconds, postSeconds: expected ≥ 0");
  const pre = Math.round(options.preSeconds * fs), post = Math.round(options.postSeconds * fs);
  const len = pre + post + 1;
  const mean = new Float64Array(len);
  let n = 0;
  for (let s = 0; s < spikeTimes.length; s++) {
    const c = Math.round((spikeTimes[s] - t0) * fs);
    if (c - pre < 0 || c + post >= signal.length) continue;
    for (let k = 0; k < len; k++) mean[k] += signal[c - pre + k];
    n++;
  }
  if (n > 0) for (let k = 0; k < len; k++) mean[k] /= n;
  else mean.fill(NaN);
  const time = Float64Array.from({ length: len }, (_, k) => (k - pre) / fs);
  return { time, mean, n };
}
