// A lane's slice as the plot holds it: the header, the times and values unpacked from its buffer
// (contract/trace.ts), and the lookups the plot makes in them.
import { unpackLaneSlice, type LaneSliceHeader } from "../../../../contract/trace";

export interface DecodedSlice {
  header: LaneSliceHeader;
  times: Float64Array;
  /** null for "events" lanes. */
  values: Float32Array | null;
  /** The packed buffer as received (the figure renderer reads it). */
  data: ArrayBufferView;
}

export function decodeSlice(
  header: LaneSliceHeader,
  data: ArrayBufferView | null | undefined,
): DecodedSlice {
  return { header, ...unpackLaneSlice(header, data), data: data ?? new Uint8Array(0) };
}

/** Finite min/max of the values whose time lies in [t0, t1]; null when there are none. */
export function visibleExtent(s: DecodedSlice, t0: number, t1: number): [number, number] | null {
  if (!s.values) return null;
  let lo = Infinity;
  let hi = -Infinity;
  const { times, values } = s;
  for (let i = lowerBound(times, t0); i < times.length && times[i] <= t1; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** First index with times[i] >= t (binary search on ascending times). */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the time nearest to t, or -1 for an empty slice. */
export function nearest(times: ArrayLike<number>, t: number): number {
  if (times.length === 0) return -1;
  const i = lowerBound(times, t);
  if (i === 0) return 0;
  if (i === times.length) return times.length - 1;
  return t - times[i - 1] <= times[i] - t ? i - 1 : i;
}
