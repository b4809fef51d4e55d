// A lane's window as the contract's packed buffer (contract/trace.ts): Float64 times, then
// Float32 values (line lanes). Full resolution when the window holds few enough samples,
// MinMax-decimated otherwise.
import { packLaneSlice, type LaneSlice } from "../../../contract/trace.js";
import type { BlockSummary } from "./block-summary.js";
import { minMaxDecimate, type NumericArray } from "./min-max-decimate.js";
import { type TimeAxis, timeAt, windowIndices } from "./time-axis.js";

/** Windows holding at most this many samples per pixel are sent at full resolution
 *  (MinMax keeps up to 4 per pixel anyway, so decimating them would save nothing). */
export const FULL_RESOLUTION_SAMPLES_PER_PIXEL = 4;

/** Samples in memory and where the window [t0, t1] lies among them. */
export interface SampledWindow {
  values: NumericArray;
  /** Time of values[i] (possibly a stretch of the series read for this window: shiftAxis). */
  axis: TimeAxis;
  /** [i0, i1): the samples with t0 ≤ time ≤ t1 (windowIndices), in `values`' indices. */
  i0: number;
  i1: number;
  /** Block extremes of `values` (the same array), to skip whole blocks when decimating. */
  summary?: BlockSummary;
  /** Sent values are value · gain + offset (the series' scaling); default 1 and 0. */
  gain?: number;
  offset?: number;
}

/** The slice of window [t0, t1] at `pixels` width, from samples whose window indices the caller
 *  already has. A linear map keeps the same samples as extremes — a negative gain swaps which is
 *  the minimum, not which samples are kept (ties go to the first occurrence either way) — so
 *  decimating stored values and scaling the kept ones is exact. */
export function sliceWindow(
  laneId: string,
  w: SampledWindow,
  t0: number,
  t1: number,
  pixels: number,
): LaneSlice {
  const { values, axis, i0, i1, summary, gain = 1, offset = 0 } = w;
  const n = values.length;
  const sourceCount = i1 - i0;
  let indices: ArrayLike<number>;
  let decimated = false;
  if (
    sourceCount > FULL_RESOLUTION_SAMPLES_PER_PIXEL * Math.max(1, Math.floor(pixels)) &&
    t1 > t0
  ) {
    indices = minMaxDecimate(values, axis, i0, i1, t0, t1, pixels, summary);
    decimated = true;
  } else {
    // Every sample, plus the neighbour on each side so the line reaches the plot edges.
    const a = Math.max(0, i0 - 1);
    const b = Math.min(n, i1 + 1);
    const all = new Uint32Array(b - a);
    for (let k = 0; k < all.length; k++) all[k] = a + k;
    indices = all;
  }
  const count = indices.length;
  const times = new Float64Array(count);
  const kept = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const i = indices[k]!;
    times[k] = timeAt(axis, i);
    kept[k] = values[i]! * gain + offset;
  }
  return {
    laneId,
    kind: "line",
    count,
    sourceCount,
    decimated,
    t0,
    t1,
    data: packLaneSlice(times, kept),
  };
}

/** The slice of a sampled series for window [t0, t1] at `pixels` width. `values` and `axis`
 *  describe the samples in memory; values are sent as value · gain + offset (sliceWindow). */
export function sliceLine(
  laneId: string,
  values: NumericArray,
  axis: TimeAxis,
  t0: number,
  t1: number,
  pixels: number,
  gain = 1,
  offset = 0,
  summary?: BlockSummary,
): LaneSlice {
  const [i0, i1] = windowIndices(axis, values.length, t0, t1);
  return sliceWindow(laneId, { values, axis, i0, i1, summary, gain, offset }, t0, t1, pixels);
}

/** Event times (ascending) inside [t0, t1]. With more events than 2 per pixel, the first event of
 *  each pixel bucket stands for the bucket (ticks in one pixel overlap anyway). */
export function sliceEvents(
  laneId: string,
  times: NumericArray,
  t0: number,
  t1: number,
  pixels: number,
): LaneSlice {
  const axis: TimeAxis = { kind: "timestamps", times };
  const [i0, i1] = windowIndices(axis, times.length, t0, t1);
  const sourceCount = i1 - i0;
  const P = Math.max(1, Math.floor(pixels));
  let kept: number[] | null = null;
  if (sourceCount > 2 * P && t1 > t0) {
    kept = [];
    let bucket = -1;
    for (let i = i0; i < i1; i++) {
      const b = Math.min(P - 1, Math.floor(((times[i]! - t0) * P) / (t1 - t0)));
      if (b !== bucket) {
        kept.push(i);
        bucket = b;
      }
    }
  }
  const count = kept ? kept.length : sourceCount;
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = times[kept ? kept[k]! : i0 + k]!;
  return {
    laneId,
    kind: "events",
    count,
    sourceCount,
    decimated: kept !== null,
    t0,
    t1,
    data: packLaneSlice(out, null),
  };
}
