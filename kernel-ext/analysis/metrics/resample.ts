// Putting predicted rates and true spike times on a common regular time grid.

import { requireFiniteArray, requireMonotonic, requirePositive } from "../util/validate.js";

/** Frame times from either explicit timestamps or a rate (t_i = startTime + i/fs). */
export function frameTimes(
  n: number,
  timing: { fs?: number; times?: ArrayLike<number>; startTime?: number },
  name = "times",
): Float64Array {
  if (timing.times !== undefined) {
    if (timing.times.length !== n)
      throw new RangeError(
        `${name}: expected ${n} frame times (one per sample), got ${timing.times.length}`,
      );
    requireMonotonic(timing.times, name, true);
    return Float64Array.from(timing.times);
  }
  requirePositive(timing.fs, "fs");
  const t0 = timing.startTime ?? 0;
  return Float64Array.from({ length: n }, (_, i) => t0 + i / timing.fs!);
}

/** Linear interpolation of (t, v) at the query times (clamped to the end values outside, like np.interp). */
export function interpolate(
  t: Float64Array,
  v: ArrayLike<number>,
  query: Float64Array,
): Float64Array {
  const out = new Float64Array(query.length);
  let j = 0;
  for (let i = 0; i < query.length; i++) {
    const q = query[i];
    if (q <= t[0]) {
      out[i] = v[0];
      continue;
    }
    if (q >= t[t.length - 1]) {
      out[i] = v[t.length - 1];
      continue;
    }
    while (t[j + 1] < q) j++;
    const w = (q - t[j]) / (t[j + 1] - t[j]);
    out[i] = v[j] + w * (v[j + 1] - v[j]);
  }
  return out;
}

/** Counts of spike times in bins [start + k·width, start + (k+1)·width), k < n. */
export function countInBins(
  spikeTimes: ArrayLike<number>,
  start: number,
  width: number,
  n: number,
): Float64Array {
  requireFiniteArray(spikeTimes, "spikeTimes", 0);
  const out = new Float64Array(n);
  for (let i = 0; i < spikeTimes.length; i++) {
    const k = Math.floor((spikeTimes[i] - start) / width);
    if (k >= 0 && k < n) out[k]++;
  }
  return out;
}

/** Sums consecutive groups of `factor` samples (a trailing partial group is dropped). */
export function sumBins(x: Float64Array, factor: number): Float64Array {
  const n = Math.floor(x.length / factor);
  const out = new Float64Array(n);
  for (let i = 0; i < n * factor; i++) out[Math.floor(i / factor)] += x[i];
  return out;
}
