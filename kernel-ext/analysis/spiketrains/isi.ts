// Inter-spike intervals and their summary statistics.

import { requireMonotonic } from "../util/validate.js";

export function interSpikeIntervals(spikeTimes: ArrayLike<number>): Float64Array {
  requireMonotonic(spikeTimes, "spikeTimes");
  const out = new Float64Array(Math.max(0, spikeTimes.length - 1));
  for (let i = 1; i < spikeTimes.length; i++) out[i - 1] = spikeTimes[i] - spikeTimes[i - 1];
  return out;
}

/** Mean ISI, coefficient of variation (SD/mean), and the fraction of ISIs below `refractorySeconds` (default 2 ms). */
export function isiStatistics(
  spikeTimes: ArrayLike<number>,
  options: { refractorySeconds?: number } = {},
): { mean: number; cv: number; violations: number; count: number } {
  const isi = interSpikeIntervals(spikeTimes);
  if (isi.length < 2)
    throw new RangeError(
      `spikeTimes: need at least 3 spikes for ISI statistics, got ${spikeTimes.length}`,
    );
  const mean = isi.reduce((a, b) => a + b, 0) / isi.length;
  const sd = Math.sqrt(isi.reduce((a, b) => a + (b - mean) ** 2, 0) / (isi.length - 1));
  const r = options.refractorySeconds ?? 0.002;
  return {
    mean,
    cv: sd / mean,
    violations: isi.filter((v) => v < r).length / isi.length,
    count: isi.length,
  };
}
