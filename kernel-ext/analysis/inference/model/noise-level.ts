// CASCADE's noise level (Rupprecht et al. 2021): ν = 100 · median |ΔF/F(t+1) − ΔF/F(t)| / √fs, in
// %·s^-1/2. For white noise the median absolute difference is proportional to its s.d., and the
// division by √fs makes ν the same for a trace and its average over neighbouring frames, so
// recordings at different frame rates compare.
import { median } from "../../stats/quantile.js";

/** ν in %·s^-1/2 of ΔF/F (a fraction, not %) sampled at `frameRate` Hz; NaN differences are skipped. */
export function noiseLevel(dff: ArrayLike<number>, frameRate: number): number {
  const d: number[] = [];
  for (let i = 1; i < dff.length; i++) {
    const v = Math.abs(dff[i]! - dff[i - 1]!);
    if (!Number.isNaN(v)) d.push(v);
  }
  if (d.length === 0)
    throw new RangeError("dff: no two consecutive finite samples to measure the noise level from");
  return (100 * median(d)) / Math.sqrt(frameRate);
}
