// MovieView: a TwoPhotonSeries (or any ImageSeries) with play/pause, a frame slider and an ROI
// overlay. Frames are fetched on demand, one per request — the whole movie never travels.
import type { BaseState, ErrorReply, NdArray, SupersededReply } from "./common.js";
import type { MoviePreview } from "./movie-preview.js";
import { asFloat32, typedView } from "./typed-arrays.js";
import type { ImageDisplay, RoiContours } from "./roi.js";
import type { TimeLinkMemberState } from "./time-link.js";

export interface MovieState extends BaseState, ImageDisplay, TimeLinkMemberState {
  frameCount: number;
  /** [height, width] in pixels. */
  frameSize: [number, number];
  /** Frame rate in Hz (from `rate` or the timestamps' median step); null when unknown. */
  rate: number | null;
  /** Time of frame 0 (s). */
  startTime: number;
  /** Float64 time of every frame (s) when the series has timestamps; null when frames are regular
   *  (`startTime + i / rate`). What a linked view finds the frame at the cursor with. */
  frameTimes: ArrayBufferView | null;
  /** Current frame index; synced. The view sets it when the slider moves or playback pauses; the
   *  kernel then updates `frameImage`. During playback the view uses FrameRequests instead. */
  frame: number;
  /** The pixels of frame `frame`, float32 [height, width] (what a static page and a figure show);
   *  null when the movie has no frames. */
  frameImage: NdArray | null;
  /** Time of frame `frame` (s). */
  frameTime: number;
  /** Playback speed in frames per second the view aims for; synced. */
  fps: number;
  /** ROI outlines to overlay (empty when the movie has no segmentation). */
  rois: RoiContours;
  showRois: boolean;
  /** Decimated 8-bit frames for pages without a kernel (contract/movie-preview.ts); the kernel
   *  adds them when the movie joins a time link, null before. */
  previewFrames: MoviePreview | null;
  /** ROI ids outlined as highlighted (the recorded cell in a recording dashboard); default none. */
  highlighted: number[];
}

/** View → kernel: send frame `index`. A newer request supersedes an unfinished older one. */
export interface FrameRequest {
  type: "frame";
  requestId: number;
  index: number;
  /** Asked for by playback, which keeps a few requests in flight to hide the round trip: the
   *  kernel answers each one (a newer request does not supersede it). */
  playback?: boolean;
}

/** Kernel → view. buffers[0]: the pixels of frame `index`, [height, width] row-major: Float32, or
 *  with `encoding` "uint16" Uint16 codes q standing for `scale[0] + q · scale[1]` (half the bytes
 *  of Float32, sent when every pixel is finite; within half a step of 1/65535 of the range). */
export interface FrameReply {
  type: "frame";
  requestId: number;
  index: number;
  time: number;
  /** [height, width]. */
  shape: [number, number];
  /** Finite min and max of this frame. */
  range: [number, number];
  encoding?: "float32" | "uint16";
  /** With "uint16": [offset, step] of the codes. */
  scale?: [number, number];
}

/** Frame pixels as Uint16 codes over their range (all finite): `{ codes, scale }`. */
export function encodeFrameUint16(
  px: Float32Array,
  [lo, hi]: [number, number],
): { codes: Uint16Array; scale: [number, number] } {
  const step = hi > lo ? (hi - lo) / 65535 : 0;
  const inv = step > 0 ? 1 / step : 0;
  const codes = new Uint16Array(px.length);
  for (let i = 0; i < px.length; i++) codes[i] = Math.round((px[i]! - lo) * inv);
  return { codes, scale: [lo, step] };
}

/** The pixels a frame reply's buffer stands for (Float32). */
export function decodeFramePixels(
  reply: Pick<FrameReply, "encoding" | "scale">,
  buffer: ArrayBufferView,
): Float32Array {
  if (reply.encoding !== "uint16" || !reply.scale) return asFloat32(buffer);
  const codes = typedView(buffer, "uint16");
  const [lo, step] = reply.scale;
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = lo + codes[i]! * step;
  return out;
}

export type MovieRequest = FrameRequest;
export type MovieReply = FrameReply | SupersededReply | ErrorReply;
