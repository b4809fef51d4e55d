// Peri-stimulus time histogram: spikes aligned to event times, counted in bins of a window around
// each event, averaged over events and expressed as a rate.

import { requireFiniteArray, requireMonotonic, requirePositive } from "../util/validate.js";

export interface PsthOptions {
  /** Window start relative to each event (s, e.g. −0.5). */
  start: number;
  /** Window end relative to each event (s). */
  end: number;
  binSeconds: number;
}

export interface Psth {
  /** Bin edges relative to the event (s). */
  edges: Float64Array;
  /** Total spike count per bin over all events. */
  counts: Float64Array;
  /** Mean rate per bin (spikes/s per event). */
  rate: Float64Array;
  /** Spike times relative to each event, per event (for rasters). */
  aligned: Float64Array[];
}

export function psth(
  spikeTimes: ArrayLike<number>,
  eventTimes: ArrayLike<number>,
  options: PsthOptions,
): Psth {
  requireMonotonic(spikeTimes, "spikeTimes");
  requireFiniteArray(eventTimes, "eventTimes");
  const { start, end, binSeconds } = options;
  requirePositive(binSeconds, "binSeconds");
  if (!(Number.isFinite(start) && Number.isFinite(end) && end > start))
    throw new RangeError(`start, end: expected finite start < end, got ${start}, ${end}`);
  const n = Math.round((end - start) / binSeconds);
  if (n < 1 || Math.abs(n * binSeconds - (end - start)) > 1e-9 * Math.max(1, end - start))
    throw new RangeError(
      `binSeconds: the window ${end - start} s must be a whole number of ${binSeconds} s bins`,
    );
  const edges = Float64Array.from({ length: n + 1 }, (_, k) => start + k * binSeconds);
  const counts = new Float64Array(n);
  const aligned: Float64Array[] = [];
  for (let e = 0; e < eventTimes.length; e++) {
    const t0 = eventTimes[e];
    const rel: number[] = [];
    // Binary search for the first spike in the window.
    let lo = 0,
      hi = spikeTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (spikeTimes[mid] < t0 + start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < spikeTimes.length && spikeTimes[i] < t0 + end; i++) {
      const r = spikeTimes[i] - t0;
      rel.push(r);
      const k = Math.min(n - 1, Math.floor((r - start) / binSeconds));
      counts[k]++;
    }
    aligned.push(Float64Array.from(rel));
  }
  const rate = counts.map((c) => c / (eventTimes.length * binSeconds));
  return { edges, counts, rate, aligned };
}
