// Slowly varying fluorescence baselines F0.

import { gaussianFilter1d } from "../filters/gaussian-filter1d.js";
import { maximumFilter1d, minimumFilter1d, percentileFilter1d } from "../filters/rank-filter1d.js";
import type { BoundaryMode } from "../filters/boundary.js";
import { requireFiniteArray, requireInteger, requirePositive } from "../util/validate.js";

export interface PercentileBaselineOptions {
  /** Percentile of the window (default 8, CaImAn's quantileMin). */
  percentile?: number;
  /** Window length in frames (default 500, CaImAn's frames_window). */
  window?: number;
  /** Edge handling (default "reflect", as scipy.ndimage). */
  mode?: BoundaryMode;
}

/** Running-percentile baseline (CaImAn's detrend_df_f): the p-th percentile of a centred window. */
export function percentileBaseline(
  f: ArrayLike<number>,
  options: PercentileBaselineOptions = {},
): Float64Array {
  requireFiniteArray(f, "f");
  const window = options.window ?? 500;
  requireInteger(window, "window", 1);
  return percentileFilter1d(f, options.percentile ?? 8, window, { mode: options.mode });
}

export interface MaximinBaselineOptions {
  /** Frame rate (Hz). */
  fs: number;
  /** Gaussian smoothing σ in frames (default 10, suite2p's sig_baseline). */
  sigmaFrames?: number;
  /** Min/max window in seconds (default 60, suite2p's win_baseline). */
  windowSeconds?: number;
}

/**
 * suite2p's "maximin" baseline: Gaussian-smooth, then a running minimum followed by a running
 * maximum over ⌊windowSeconds·fs⌋ frames (the maximum undoes the downward bias of the minimum).
 */
export function maximinBaseline(
  f: ArrayLike<number>,
  options: MaximinBaselineOptions,
): Float64Array {
  requireFiniteArray(f, "f");
  if (options == null)
    throw new TypeError("options: expected { fs, sigmaFrames?, windowSeconds? }");
  requirePositive(options.fs, "fs");
  const sigma = options.sigmaFrames ?? 10;
  requirePositive(sigma, "sigmaFrames");
  const seconds = options.windowSeconds ?? 60;
  requirePositive(seconds, "windowSeconds");
  const win = Math.floor(seconds * options.fs);
  if (win < 1)
    throw new RangeError(`windowSeconds: ${seconds} s at ${options.fs} Hz is less than one frame`);
  const smooth = gaussianFilter1d(f, sigma);
  return maximumFilter1d(minimumFilter1d(smooth, win), win);
}
