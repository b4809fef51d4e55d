// Preview frames: a bounded set of decimated 8-bit movie frames kept in a linked MovieView's state,
// so a page with no kernel (saved notebook, report.html, exportHTML) still shows a frame near the
// linked cursor. How they are made (the kernel does it, tests check it against numpy):
//   frames   at most PREVIEW_MAX_FRAMES, evenly spaced: index_k = round(k·(N−1)/(n−1)), k = 0…n−1
//   pixels   block means of factor×factor pixels (finite values only; edge blocks are partial), the
//            factor the smallest making the long side ≤ PREVIEW_MAX_SIDE and all frames ≤
//            PREVIEW_MAX_BYTES; a block with no finite value is stored as 0
//   values   8-bit: value = scale[0] + byte · (scale[1] − scale[0]) / 255, scale the finite min and
//            max of all preview pixels; byte = round((value − scale[0]) · 255 / (scale[1] − scale[0]))
import { asUint32, typedView } from "./typed-arrays.js";
import { frameTime, type FrameClock } from "./time-link.js";

export const PREVIEW_MAX_FRAMES = 120;
export const PREVIEW_MAX_SIDE = 128;
export const PREVIEW_MAX_BYTES = 512 * 1024;

export interface MoviePreview {
  /** Uint32: the movie frame index of each preview frame, ascending. */
  indices: ArrayBufferView;
  /** [height, width] of a preview frame. */
  shape: [number, number];
  /** Block size: preview pixel (r, c) is the mean of frame pixels [r·f, r·f+f) × [c·f, c·f+f). */
  factor: number;
  /** Uint8 [frames, height, width], row-major. */
  data: ArrayBufferView;
  /** [lo, hi]: byte b stands for lo + b·(hi − lo)/255 (the frames' units). */
  scale: [number, number];
}

export interface PreviewLayout {
  indices: number[];
  factor: number;
  shape: [number, number];
}

/** Which frames and what size the preview of a `frameCount`-frame movie of `frameSize` has. */
export function previewLayout(frameCount: number, frameSize: [number, number]): PreviewLayout {
  const n = Math.min(PREVIEW_MAX_FRAMES, frameCount);
  const indices = Array.from({ length: n }, (_, k) =>
    n === 1 ? 0 : Math.round((k * (frameCount - 1)) / (n - 1)),
  );
  const [h, w] = frameSize;
  let factor = Math.max(1, Math.ceil(Math.max(h, w) / PREVIEW_MAX_SIDE));
  const bytes = (f: number) => n * Math.ceil(h / f) * Math.ceil(w / f);
  while (bytes(factor) > PREVIEW_MAX_BYTES) factor++;
  return { indices, factor, shape: [Math.ceil(h / factor), Math.ceil(w / factor)] };
}

/** The preview frame nearest in time to `t` (position in `indices`), or -1 when there is none. */
export function nearestPreviewFrame(preview: MoviePreview, clock: FrameClock, t: number): number {
  const indices = asUint32(preview.indices);
  let best = -1,
    bestGap = Infinity;
  for (let k = 0; k < indices.length; k++) {
    const gap = Math.abs(frameTime(clock, indices[k]!) - t);
    if (gap < bestGap) [best, bestGap] = [k, gap];
  }
  return best;
}

/** Preview frame `k` in the frames' units, Float32 [height, width]. */
export function previewPixels(preview: MoviePreview, k: number): Float32Array {
  const [h, w] = preview.shape;
  const bytes = typedView(preview.data, "uint8", k * h * w, h * w);
  const [lo, hi] = preview.scale;
  const step = (hi - lo) / 255;
  return Float32Array.from(bytes, (b) => lo + b * step);
}
