// MinMax (M4-style) decimation: split the window [t0, t1] into `pixels` equal time buckets and keep,
// per bucket, the first and last finite samples, the minimum and the maximum (first occurrence),
// plus the first NaN when the bucket has one (so gaps stay visible). A polyline through these points
// rasterises to the same pixels as the full-resolution line, and every bucket's extremes survive.
//
// Definition (the numpy cross-check in test/widgets implements exactly this):
//   bucket(i) = min(pixels − 1, floor((time(i) − t0) · pixels / (t1 − t0)))   for t0 ≤ time(i) ≤ t1
//   keep      = sorted unique {firstFinite, argmin, argmax, lastFinite, firstNaN} of each bucket
import { type TimeAxis, timeAt, windowIndices } from "./time-axis.js";
import { type BlockSummary, BucketPicks } from "./block-summary.js";

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
  /** Block extremes of `values` (same array) to skip whole blocks; the result is identical. */
  summary?: BlockSummary,
): Uint32Array {
  if (summary && summary.values !== values)
    throw new Error("minMaxDecimate: the block summary is of another array");
  if (!(pixels >= 1) || !Number.isFinite(pixels))
    throw new RangeError(`minMaxDecimate: pixels must be ≥ 1, got ${pixels}`);
  if (!(t1 > t0)) throw new RangeError(`minMaxDecimate: need t1 > t0, got [${t0}, ${t1}]`);
  const P = Math.floor(pixels);
  const span = t1 - t0;
  const out = new Uint32Array(Math.min(i1 - i0, 5 * P));
  let n = 0;
  // bucket(i) is non-decreasing in i, so each bucket is an index range; find its end by binary
  // search with the exact formula, then scan values only (no time arithmetic per sample).
  const bucketOf = (i: number) => Math.min(P - 1, Math.floor(((timeAt(axis, i) - t0) * P) / span));
  const picks = [0, 0, 0, 0, 0];
  const bucket = new BucketPicks();
  let lo = i0;
  while (lo < i1) {
    const b = bucketOf(lo);
    // First index in (lo, i1] whose bucket is > b.
    let a = lo + 1;
    let z = i1;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (bucketOf(mid) > b) z = mid;
      else a = mid + 1;
    }
    const hi = a;
    bucket.reset();
    bucket.range(values, summary, lo, hi);
    const { first, imin, imax, last, inan } = bucket;
    // Up to five indices, sorted, duplicates dropped.
    let k = 0;
    for (const p of [first, imin, imax, last, inan]) {
      if (p < 0) continue;
      let dup = false;
      for (let q = 0; q < k; q++) if (picks[q] === p) dup = true;
      if (dup) continue;
      let j = k++;
      while (j > 0 && picks[j - 1]! > p) {
        picks[j] = picks[j - 1]!;
        j--;
      }
      picks[j] = p;
    }
    for (let q = 0; q < k; q++) out[n++] = picks[q]!;
    lo = hi;
  }
  return out.subarray(0, n);
}

/** Convenience: the kept indices of the samples inside [t0, t1] of a whole series. */
export function minMaxDecimateWindow(
  values: NumericArray,
  axis: TimeAxis,
  t0: number,
  t1: number,
  pixels: number,
  summary?: BlockSummary,
): Uint32Array {
  const [i0, i1] = windowIndices(axis, values.length, t0, t1);
  return minMaxDecimate(values, axis, i0, i1, t0, t1, pixels, summary);
}
