// Binary search in sorted times.

/** First index with times[i] ≥ t (times.length when none is). */
export function lowerIndex(times: ArrayLike<number>, t: number): number {
  let lo = 0,
    hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
