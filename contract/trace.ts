// TraceView: lanes (raw voltage, filtered voltage, ΔF/F, spike ticks, linked ROI traces) on one
// linked time axis. The kernel keeps the data; on every pan/zoom the view asks for the visible
// window decimated to its pixel width and gets ONE buffer per lane back.
import type { BaseState, ErrorReply, SupersededReply, WidgetRef } from "./common.js";
import type { TimeLinkMemberState } from "./time-link.js";
import { asFloat32, asFloat64 } from "./typed-arrays.js";

/** "line": a sampled signal drawn as a polyline. "events": event times drawn as ticks (spikes). */
export type LaneKind = "line" | "events";

/** Describes one lane's packed slice buffer.
 *
 *  Packed layout of the buffer (little-endian, one ArrayBuffer per lane):
 *    bytes [0, 8·count)            Float64 times in seconds (absolute session time), ascending
 *    bytes [8·count, 12·count)     Float32 values — "line" lanes only; "events" lanes stop at 8·count
 *  A NaN value breaks the line (a gap in the data, or a pixel bucket with no finite sample).
 *  When `decimated` is true, each pixel bucket contributed its first, min, max and last samples in
 *  time order (MinMax/LTTB-style), so every bucket's extremes are present; when false, these are
 *  all source samples in [t0, t1] plus one neighbour on each side so lines reach the edges. */
export interface LaneSliceHeader {
  laneId: string;
  kind: LaneKind;
  /** Number of points in the buffer. */
  count: number;
  /** Source samples (or events) inside [t0, t1]. */
  sourceCount: number;
  decimated: boolean;
  t0: number;
  t1: number;
}

/** A slice together with its buffer, as it sits in state (`data` is the packed buffer). */
export interface LaneSlice extends LaneSliceHeader {
  data: ArrayBufferView;
}

// The codec of that layout, beside it: the kernel packs with packLaneSlice; the views and the
// figure renderers read with unpackLaneSlice.

/** Bytes of a packed slice of `count` points. */
export function laneSliceBytes(kind: LaneKind, count: number): number {
  return (kind === "line" ? 12 : 8) * count;
}

/** One buffer: `times` (Float64), then `values` (Float32) unless null ("events" lanes). */
export function packLaneSlice(
  times: ArrayLike<number>,
  values: ArrayLike<number> | null,
): Uint8Array {
  const count = times.length;
  if (values && values.length !== count)
    throw new RangeError(`packLaneSlice: ${count} times but ${values.length} values`);
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
    throw new Error(
      `tsnwb: lane '${header.laneId ?? "?"}' slice has ${bytes} bytes, expected ${need} for ${n} ${header.kind} points`,
    );
  }
  return {
    times: asFloat64(data, 0, n),
    values: header.kind === "line" ? asFloat32(data, 8 * n, n) : null,
  };
}

export interface TraceLane {
  /** Unique within the widget, stable across updates (e.g. "raw", "filtered", "dff", "spikes", "roi:12"). */
  id: string;
  kind: LaneKind;
  /** Lane label shown at the left (text from the file). */
  label: string;
  /** Unit of the values ("V", "ΔF/F", …); "" for events. */
  unit: string;
  /** CSS colour chosen by the kernel. */
  color: string;
  /** Time extent of the lane's data (s); [0, 0] when the lane is empty. */
  extent: [number, number];
  /** Samples (line) or events (events) in the whole lane. */
  sampleCount: number;
  /** Sampling rate in Hz for regularly sampled series; null for timestamps / events. */
  rate: number | null;
  /** The whole lane decimated to `overviewPixels`: first paint and the static (kernel-less) page. */
  overview: LaneSlice;
  /** Set when the lane shows a region of interest's trace (linked RoiView selection). */
  roiId: number | null;
  /** What is missing in this lane ("no samples", "12 NaN gaps"…). */
  messages: string[];
}

export interface TraceState extends BaseState, TimeLinkMemberState {
  lanes: TraceLane[];
  /** Union of all lanes' extents (s): what "reset" zooms back to. */
  fullRange: [number, number];
  /** Visible time window (s). Synced both ways: the view sets it after pan/zoom; when the kernel
   *  sets it, the view requests that window. */
  xRange: [number, number];
  /** Fixed y range per lane id; a lane absent or null here is autoscaled to its visible data. */
  yRanges: Record<string, [number, number] | null>;
  /** Pixel width the overviews were decimated to. */
  overviewPixels: number;
  /** A linked RoiView: its `selected` ROIs get lanes here (kernel-side link), or null. */
  roiView: WidgetRef | null;
}

/** The widest window a view may ask for, in pixel buckets (the kernel refuses wider ones). */
export const MAX_WINDOW_PIXELS = 20_000;

/** View → kernel: give me [t0, t1] decimated to `pixels` buckets. A newer window request
 *  supersedes any older one still being computed (that one gets a SupersededReply). */
export interface WindowRequest {
  type: "window";
  requestId: number;
  t0: number;
  t1: number;
  /** Plot width in device pixels (1 … MAX_WINDOW_PIXELS). */
  pixels: number;
  /** Only these lanes (default: all). */
  lanes?: string[];
}

/** Kernel → view. buffers[i] is the packed slice of lanes[i]. */
export interface WindowReply {
  type: "window";
  requestId: number;
  t0: number;
  t1: number;
  pixels: number;
  lanes: LaneSliceHeader[];
}

export type TraceRequest = WindowRequest;
export type TraceReply = WindowReply | SupersededReply | ErrorReply;
