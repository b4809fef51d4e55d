// Sliding-window order statistics: running percentile (rank) filter and running min/max.

import { requireFiniteArray, requireInteger } from "../util/validate.js";
import { type BoundaryMode, extendBoundary, windowSpan } from "./boundary.js";

/** Position of the first element ≥ v in the sorted prefix w[0..len). */
function lowerBound(w: Float64Array, len: number, v: number): number {
  let lo = 0,
    hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (w[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Running percentile over a centred window of `size` samples: output i is the element of rank
 * ⌊size·p/100⌋ (size−1 for p = 100) of the sorted window, as scipy.ndimage.percentile_filter.
 * Keeps the window sorted and updates it by one removal and one insertion per sample.
 */
export function percentileFilter1d(
  x: ArrayLike<number>,
  percentile: number,
  size: number,
  options: { mode?: BoundaryMode } = {},
): Float64Array {
  requireFiniteArray(x, "x");
  if (!(percentile >= 0 && percentile <= 100))
    throw new RangeError(`percentile: expected a value in [0, 100], got ${percentile}`);
  requireInteger(size, "size", 1);
  const rank = percentile === 100 ? size - 1 : Math.floor((size * percentile) / 100);
  const { before, after } = windowSpan(size);
  const ext = extendBoundary(x, before, after, options.mode ?? "reflect");
  const n = x.length;
  const out = new Float64Array(n);
  const win = Float64Array.from(ext.subarray(0, size)).sort();
  out[0] = win[rank];
  for (let i = 1; i < n; i++) {
    const leaving = ext[i - 1];
    const entering = ext[i - 1 + size];
    if (leaving !== entering) {
      const r = lowerBound(win, size, leaving);
      const ins = lowerBound(win, size, entering);
      if (ins > r) {
        // Shift the block between the removed and the insertion point left by one.
        win.copyWithin(r, r + 1, ins);
        win[ins - 1] = entering;
      } else {
        win.copyWithin(ins + 1, ins, r);
        win[ins] = entering;
      }
    }
    out[i] = win[rank];
  }
  return out;
}

/** Running minimum (sign 1) or maximum (sign −1) with a monotonic deque: O(n) for any size. */
function extremumFilter1d(
  x: ArrayLike<number>,
  size: number,
  mode: BoundaryMode,
  sign: 1 | -1,
): Float64Array {
  requireFiniteArray(x, "x");
  requireInteger(size, "size", 1);
  const { before, after } = windowSpan(size);
  const ext = extendBoundary(x, before, after, mode);
  const n = x.length;
  const out = new Float64Array(n);
  const dq = new Int32Array(ext.length);
  let head = 0,
    tail = 0;
  for (let j = 0; j < ext.length; j++) {
    const v = sign * ext[j];
    while (tail > head && sign * ext[dq[tail - 1]] >= v) tail--;
    dq[tail++] = j;
    const start = j - size + 1;
    if (start >= 0) {
      while (dq[head] < start) head++;
      out[start] = ext[dq[head]];
    }
  }
  return out;
}

/** Running minimum over a centred window (scipy.ndimage.minimum_filter1d). */
export function minimumFilter1d(
  x: ArrayLike<number>,
  size: number,
  options: { mode?: BoundaryMode } = {},
): Float64Array {
  return extremumFilter1d(x, size, options.mode ?? "reflect", 1);
}

/** Running maximum over a centred window (scipy.ndimage.maximum_filter1d). */
export function maximumFilter1d(
  x: ArrayLike<number>,
  size: number,
  options: { mode?: BoundaryMode } = {},
): Float64Array {
  return extremumFilter1d(x, size, options.mode ?? "reflect", -1);
}
