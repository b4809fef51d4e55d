// Where sample i sits in time: either a regular grid (start + i / rate) or explicit timestamps.
// Window searches use exactly the formula timeAt uses, so "sample i is inside [t0, t1]" means the
// same thing everywhere (in the decimator and in the numpy cross-check).

export type TimeAxis =
  { kind: "rate"; start: number; rate: number } | { kind: "timestamps"; times: ArrayLike<number> };

export function timeAt(axis: TimeAxis, i: number): number {
  return axis.kind === "rate" ? axis.start + i / axis.rate : axis.times[i]!;
}

/** First index in [0, n] whose time is ≥ t (n when none). Times must be non-decreasing. */
export function lowerBound(axis: TimeAxis, n: number, t: number): number {
  if (axis.kind === "rate") {
    // Arithmetic guess, then nudge so the answer obeys timeAt exactly despite rounding.
    let i = Math.min(n, Math.max(0, Math.ceil((t - axis.start) * axis.rate)));
    while (i > 0 && timeAt(axis, i - 1) >= t) i--;
    while (i < n && timeAt(axis, i) < t) i++;
    return i;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (axis.times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [0, n] whose time is > t (n when none). */
export function upperBound(axis: TimeAxis, n: number, t: number): number {
  if (axis.kind === "rate") {
    let i = Math.min(n, Math.max(0, Math.floor((t - axis.start) * axis.rate) + 1));
    while (i > 0 && timeAt(axis, i - 1) > t) i--;
    while (i < n && timeAt(axis, i) <= t) i++;
    return i;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (axis.times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range [i0, i1) of the samples with t0 ≤ time ≤ t1. */
export function windowIndices(axis: TimeAxis, n: number, t0: number, t1: number): [number, number] {
  const i0 = lowerBound(axis, n, t0);
  const i1 = Math.max(i0, upperBound(axis, n, t1));
  return [i0, i1];
}

/** The axis of values[offset …] when only a slice starting at `offset` is in memory. */
export function shiftAxis(axis: TimeAxis, offset: number): TimeAxis {
  if (offset === 0) return axis;
  if (axis.kind === "rate")
    return { kind: "rate", start: axis.start + offset / axis.rate, rate: axis.rate };
  return { kind: "timestamps", times: subarrayOf(axis.times, offset) };
}

function subarrayOf(a: ArrayLike<number>, offset: number): ArrayLike<number> {
  const sub = (a as { subarray?: (s: number) => ArrayLike<number> }).subarray;
  return sub ? sub.call(a, offset) : Array.prototype.slice.call(a, offset);
}
