// Peak ΔF/F of an event (Huang et al. 2021): the maximum of ΔF/F within the search window after
// onset, then the mean of ΔF/F over ±half-width around that maximum.

import { checkSignal, sampleTimes, type SampledSignal } from "../util/sampled-signal.js";
import { lowerIndex } from "../util/search.js";
import { requireFiniteArray } from "../util/validate.js";
import { type EventWindows, type Indicator, resolveWindows } from "./indicator.js";

export interface PeakOptions {
  indicator?: Indicator;
  windows?: Partial<EventWindows>;
  /** Subtract the mean ΔF/F of this many seconds before onset (default 0: no local baseline). */
  baselineSeconds?: number;
}

/** Peak ΔF/F of `dff` (with its time base) for each onset time; NaN when the search window has no frames. */
export function peakDff(
  dff: SampledSignal,
  onsets: ArrayLike<number>,
  options: PeakOptions = {},
): Float64Array {
  const s = checkSignal(dff, "dff");
  return peakDffAt(s.values, sampleTimes(s), onsets, options);
}

/** peakDff on checked values and their frame times. */
export function peakDffAt(
  dff: ArrayLike<number>,
  frameTimes: ArrayLike<number>,
  onsets: ArrayLike<number>,
  options: PeakOptions,
): Float64Array {
  requireFiniteArray(onsets, "onsets", 0);
  const w = resolveWindows(options);
  const base = options.baselineSeconds ?? 0;
  if (!(base >= 0)) throw new RangeError(`baselineSeconds: expected ≥ 0, got ${base}`);
  const out = new Float64Array(onsets.length);
  for (let e = 0; e < onsets.length; e++) {
    const t0 = onsets[e];
    const a = lowerIndex(frameTimes, t0);
    const b = lowerIndex(frameTimes, t0 + w.peakSearchSeconds + 1e-12);
    if (b <= a) {
      out[e] = NaN;
      continue;
    }
    let im = a;
    for (let i = a + 1; i < b; i++) if (dff[i] > dff[im]) im = i;
    const lo = lowerIndex(frameTimes, frameTimes[im] - w.peakHalfWidthSeconds - 1e-12);
    const hi = lowerIndex(frameTimes, frameTimes[im] + w.peakHalfWidthSeconds + 1e-12);
    let s = 0;
    for (let i = lo; i < hi; i++) s += dff[i];
    let v = s / (hi - lo);
    if (base > 0) {
      const bl = lowerIndex(frameTimes, t0 - base);
      if (a > bl) {
        let sb = 0;
        for (let i = bl; i < a; i++) sb += dff[i];
        v -= sb / (a - bl);
      }
    }
    out[e] = v;
  }
  return out;
}
