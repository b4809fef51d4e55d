// Noise level of a fluorescence trace from its power spectrum: calcium transients have little
// power at high frequencies, so the upper part of the spectrum is (white) noise. For white noise
// of standard deviation σ, the one-sided density at fs = 1 is 2σ², hence σ = sqrt(PSD/2).

import { welch } from "../spectral/welch.js";
import { requireFiniteArray } from "../util/validate.js";

export interface NoiseLevelOptions {
  /** Frequency range as fractions of the sampling rate (default [0.25, 0.5], exclusive). */
  range?: readonly [number, number];
  /** Averaging of PSD/2 over the range: "logmexp" (geometric mean, default), "mean", or "median". */
  method?: "logmexp" | "mean" | "median";
  /** Welch segment length (default 256). */
  nperseg?: number;
}

/** Noise standard deviation estimated from the Welch PSD over the high-frequency range. */
export function noiseLevelPsd(f: ArrayLike<number>, options: NoiseLevelOptions = {}): number {
  requireFiniteArray(f, "f", 2);
  const [lo, hi] = options.range ?? [0.25, 0.5];
  if (!(lo >= 0 && hi <= 0.5 && lo < hi))
    throw new RangeError(
      `range: expected [lo, hi] with 0 ≤ lo < hi ≤ 0.5 (fractions of the sampling rate), got [${lo}, ${hi}]`,
    );
  const { frequencies, psd } = welch(f, { nperseg: options.nperseg ?? 256 });
  const vals: number[] = [];
  for (let k = 0; k < psd.length; k++)
    if (frequencies[k] > lo && frequencies[k] < hi) vals.push(psd[k] / 2);
  if (vals.length === 0)
    throw new RangeError(
      `f: too short (${f.length} samples) for any PSD bin inside range [${lo}, ${hi}]`,
    );
  const method = options.method ?? "logmexp";
  if (method === "mean") return Math.sqrt(vals.reduce((s, v) => s + v, 0) / vals.length);
  if (method === "median") {
    vals.sort((a, b) => a - b);
    const m = vals.length >> 1;
    return Math.sqrt(vals.length % 2 ? vals[m] : (vals[m - 1] + vals[m]) / 2);
  }
  if (method === "logmexp")
    return Math.sqrt(Math.exp(vals.reduce((s, v) => s + Math.log(v), 0) / vals.length));
  throw new RangeError(`method: expected "logmexp", "mean" or "median", got ${String(method)}`);
}
