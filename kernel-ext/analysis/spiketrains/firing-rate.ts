// Firing rates of a spike train.

import { requireMonotonic, requirePositive } from "../util/validate.js";

/** Mean rate (spikes/s) over [start, end) (default: the span from 0 to the last spike is NOT assumed — pass the recording bounds). */
export function meanFiringRate(spikeTimes: ArrayLike<number>, start: number, end: number): number {
  requireMonotonic(spikeTimes, "spikeTimes");
  if (!(Number.isFinite(start) && Number.isFinite(end) && end > start))
    throw new RangeError(`start, end: expected finite start < end, got ${start}, ${end}`);
  let n = 0;
  for (let i = 0; i < spikeTimes.length; i++)
    if (spikeTimes[i] >= start && spikeTimes[i] < end) n++;
  return n / (end - start);
}

/** Rate in consecutive bins of `binSeconds` from `start` to `end`: {edges, rate (spikes/s)}. */
export function binnedFiringRate(
  spikeTimes: ArrayLike<number>,
  options: { start: number; end: number; binSeconds: number },
): { edges: Float64Array; rate: Float64Array } {
  requireMonotonic(spikeTimes, "spikeTimes");
  const { start, end, binSeconds } = options;
  requirePositive(binSeconds, "binSeconds");
  if (!(Number.isFinite(start) && Number.isFinite(end) && end > start))
    throw new RangeError(`start, end: expected finite start < end, got ${start}, ${end}`);
  const n = Math.max(1, Math.round((end - start) / binSeconds));
  const edges = Float64Array.from({ length: n + 1 }, (_, k) => start + k * binSeconds);
  const rate = new Float64Array(n);
  for (let i = 0; i < spikeTimes.length; i++) {
    const k = Math.floor((spikeTimes[i] - start) / binSeconds);
    if (k >= 0 && k < n) rate[k] += 1 / binSeconds;
  }
  return { edges, rate };
}
