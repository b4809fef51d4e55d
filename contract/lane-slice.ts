// The codec of a lane's slice buffer (layout in trace.ts, LaneSliceHeader): Float64 times, then
// Float32 values for "line" lanes. The kernel packs with packLaneSlice; the views and the figure
// renderers read with unpackLaneSlice.
import type { LaneKind, LaneSliceHeader } from "./trace.js";
import { asFloat32, asFloat64 } from "./typed-arrays.js";

/** Bytes of a packed slice of `count` points. */
export function laneSliceBytes(kind: LaneKind, count: number): number {
  return (kind === "line" ? 12 : 8) * count;
}

/** One buffer: `times` (Float64), then `values` (Float32) unless null ("events" lanes). */
export function packLaneSlice(times: ArrayLike<number>, values: ArrayLike<number> | null): Uint8Array {
  const count = times.length;
  if (values && values.length !== count) throw new RangeError(`packLaneSlice: ${count} times but ${values.length} values`);
  const buffer = new ArrayBuffer(laneSliceBytes(values ? "line" : "events", count));
  new Float64Array(buffer, 0, count).set(times);
  if (values) new Float32Array(buffer, 8 * count, count).set(values);
  return new Uint8Array(buffer);
}

/** Times and values of a packed slice; a buffer shorter than its header says is an error. */
export function unpackLaneSlice(
  header: Pick<LaneSliceHeader, "kind" | "count"> & { laneId?: string },
  data: ArrayBufferView | null | undefined,
): { times: Float64Array; values: Float32Array | null } {
  const n = header.count;
  const need = laneSliceBytes(header.kind, n);
  const bytes = data ? data.byteLength : 0;
  if (bytes < need) {
    throw new Error(`tsnwb: lane '${header.laneId ?? "?"}' slice has ${bytes} bytes, expected ${need} for ${n} ${header.kind} points`);
  }
  return { times: asFloat64(data, 0, n), values: header.kind === "line" ? asFloat32(data, 8 * n, n) : null };
}
