// MinMax (M4-style) decimation: split the window [t0, t1] into `pixels` equal time buckets and keep,
// per bucket, the first and last finite samples, the minimum and the maximum (first occurrence),
// plus the first NaN when the bucket has one (so gaps stay visible). A polyline through these points
// rasterises to the same pixels as the full-resolution line, and every bucket's extremes survive.
//
// Definition (the numpy cross-check in test/widgets implements exactly this):
//   bucket(i) = min(pixels − 1, floor((time(i) − t0) · pixels / (t1 − t0)))   for t0 ≤ time(i) ≤ t1
//   keep      = sorted unique {firstFinite, argmin, argmax, lastFinite, firstNaN} of each bucket
import { type TimeAxis, timeAt, windowIndices } from "./time-axis.js";

export type NumericArray = ArrayLike<number>;

/** Indices (ascending) of the samples values[i0 … i1) that MinMax decimation keeps. The samples
 *  must all lie in [t0, t1] (use windowIndices). */
export function minMaxDecimate(
  values: NumericArray,
  axis: TimeAxis,
  i0: number,
  i1: number,
  t0: number,
  t1: number,
  pixels: number,
): Uint32Array {
  if (!(pixels >= 1) || !Number.isFinite(pixels)) throw new RangeError(`minMaxDecimate: pixels must be ≥ 1, got ${pixels}`);
  if (!(t1 > t0)) throw new RangeError(`minMaxDecimate: need t1 > t0, got [${t0}, ${t1}]`);
  const P = Math.floor(pixels);
  const span = t1 - t0;
  const out = new Uint32Array(Math.min(i1 - i0, 5 * P));
  let n = 0;

  let bucket = -1;
  let first = -1, last = -1, imin = -1, imax = -1, inan = -1;
  let vmin = Infinity, vmax = -Infinity;

  const flush = () => {
    // At most five indices; insertion-sort them and drop duplicates.
    const picks = [first, imin, imax, last, inan];
    const kept: number[] = [];
    for (const p of picks) {
      if (p < 0 || kept.includes(p)) continue;
      let k = kept.length;
      kept.push(p);
      while (k > 0 && kept[k - 1]! > p) {
        kept[k] = kept[k - 1]!;
        k--;
      }
      kept[k] = p;
    }
    for (const p of kept) out[n++] = p;
  };

  for (let i = i0; i < i1; i++) {
    let b = Math.floor(((timeAt(axis, i) - t0) * P) / span);
    if (b > P - 1) b = P - 1;
    if (b !== bucket) {
      if (bucket >= 0) flush();
      bucket = b;
      first = last = imin = imax = inan = -1;
      vmin = Infinity;
      vmax = -Infinity;
    }
    const v = values[i]!;
    if (v !== v) {
      if (inan < 0) inan = i;
      continue;
    }
    if (first < 0) first = i;
    last = i;
    if (v < vmin) { vmin = v; imin = i; }
    if (v > vmax) { vmax = v; imax = i; }
  }
  if (bucket >= 0) flush();
  return out.subarray(0, n);
}

/** Convenience: the kept indices of the samples inside [t0, t1] of a whole series. */
export function minMaxDecimateWindow(values: NumericArray, axis: TimeAxis, t0: number, t1: number, pixels: number): Uint32Array {
  const [i0, i1] = windowIndices(axis, values.length, t0, t1);
  return minMaxDecimate(values, axis, i0, i1, t0, t1, pixels);
}
