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
  /** The pixels of frame `frame`, [height, width] (what a static page and a figure show): float32,
   *  or uint16 codes standing for `frameScale[0] + q · frameScale[1]` (see encodeFrame); null when
   *  the movie has no frames. */
  frameImage: NdArray | null;
  /** With a uint16 `frameImage`: [offset, step] of its codes; null with float32 pixels. */
  frameScale: [number, number] | null;
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
 *  with `encoding` "uint16" Uint16 codes q standing for `scale[0] + q · scale[1]` (encodeFrame). */
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

/** A frame as it travels (state or reply): Uint16 codes q standing for `scale[0] + q · scale[1]`
 *  when every pixel is finite (half the bytes of Float32), else the Float32 pixels (scale null). */
export interface EncodedFrame {
  pixels: Uint16Array | Float32Array;
  scale: [number, number] | null;
}

/** Frame pixels (finite min and max `range`) encoded for travel. Integers spanning at most 65535
 *  (stored camera counts, the usual case) are exact with step 1; other values are within half a
 *  step of 1/65535 of the range, or stay Float32 with `lossless`. */
export function encodeFrame(
  px: Float32Array,
  [lo, hi]: [number, number],
  { lossless = false } = {},
): EncodedFrame {
  let integers = hi - lo <= 65535;
  for (let i = 0; i < px.length; i++) {
    const v = px[i]!;
    if (!Number.isFinite(v)) return { pixels: px, scale: null };
    if (integers && v !== Math.round(v)) integers = false;
  }
  if (lossless && !integers) return { pixels: px, scale: null };
  const step = integers ? 1 : hi > lo ? (hi - lo) / 65535 : 0;
  const inv = step > 0 ? 1 / step : 0;
  const codes = new Uint16Array(px.length);
  for (let i = 0; i < px.length; i++) codes[i] = Math.round((px[i]! - lo) * inv);
  return { pixels: codes, scale: [lo, step] };
}

/** The Float32 pixels a frame's buffer stands for: codes decoded with `scale`, or the buffer's
 *  Float32 values when `scale` is null. */
export function decodeFramePixels(
  scale: [number, number] | null | undefined,
  buffer: ArrayBufferView,
): Float32Array {
  if (!scale) return asFloat32(buffer);
  const codes = typedView(buffer, "uint16");
  const [lo, step] = scale;
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = lo + codes[i]! * step;
  return out;
}

/** The state's frame as a Float32 NdArray (decoded when it holds codes); null with no frame. */
export function frameImageValues(
  state: Pick<MovieState, "frameImage" | "frameScale">,
): NdArray | null {
  const img = state.frameImage;
  if (!img || img.dtype === "float32") return img;
  return {
    dtype: "float32",
    shape: img.shape,
    data: decodeFramePixels(state.frameScale, img.data),
  };
}

export type MovieRequest = FrameRequest;
export type MovieReply = FrameReply | SupersededReply | ErrorReply;
