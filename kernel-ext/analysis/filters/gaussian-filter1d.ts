// Gaussian smoothing by direct correlation with a truncated, normalised kernel.

import { requireFiniteArray, requirePositive } from "../util/validate.js";
import { type BoundaryMode, extendBoundary } from "./boundary.js";

/** Normalised Gaussian weights for offsets −radius..radius, radius = ⌊truncate·σ + 0.5⌋. */
export function gaussianKernel(sigma: number, truncate = 4): Float64Array {
  requirePositive(sigma, "sigma");
  const radius = Math.floor(truncate * sigma + 0.5);
  const w = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const v = Math.exp((-0.5 * k * k) / (sigma * sigma));
    w[k + radius] = v;
    sum += v;
  }
  for (let k = 0; k < w.length; k++) w[k] /= sum;
  return w;
}

/** Gaussian filter (σ in samples; like scipy.ndimage.gaussian_filter1d, order 0). */
export function gaussianFilter1d(
  x: ArrayLike<number>,
  sigma: number,
  options: { mode?: BoundaryMode; truncate?: number } = {},
): Float64Array {
  requireFiniteArray(x, "x");
  const w = gaussianKernel(sigma, options.truncate ?? 4);
  const r = (w.length - 1) / 2;
  const ext = extendBoundary(x, r, r, options.mode ?? "reflect");
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < w.length; k++) s += w[k] * ext[i + k];
    out[i] = s;
  }
  return out;
}
