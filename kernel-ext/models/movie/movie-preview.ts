// Builds a movie's preview frames (contract/movie-preview.ts says how): the frames a page with no
// kernel shows at a linked cursor. Reads at most PREVIEW_MAX_FRAMES frames, once.
import { previewLayout, type MoviePreview } from "../../../contract/movie-preview.js";
import type { FrameSource } from "./frame-source.js";

/** Mean of the finite pixels in each factor×factor block of a [h, w] frame (NaN: none finite). */
export function blockMeans(
  frame: Float32Array,
  [h, w]: [number, number],
  factor: number,
): Float64Array {
  const ph = Math.ceil(h / factor),
    pw = Math.ceil(w / factor);
  const sum = new Float64Array(ph * pw);
  const count = new Uint32Array(ph * pw);
  for (let r = 0; r < h; r++) {
    const row = Math.floor(r / factor) * pw;
    for (let c = 0; c < w; c++) {
      const v = frame[r * w + c]!;
      if (!Number.isFinite(v)) continue;
      const b = row + Math.floor(c / factor);
      sum[b]! += v;
      count[b]!++;
    }
  }
  return sum.map((s, b) => (count[b] ? s / count[b]! : NaN));
}

/** The preview of `frames`: evenly spaced frames, block-averaged, quantised to 8 bits. */
export async function buildPreview(frames: FrameSource): Promise<MoviePreview> {
  const { indices, factor, shape } = previewLayout(frames.frameCount, frames.frameSize);
  const means: Float64Array[] = [];
  let lo = Infinity,
    hi = -Infinity;
  for (const i of indices) {
    const m = blockMeans(await frames.frame(i), frames.frameSize, factor);
    for (const v of m) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    means.push(m);
  }
  if (!(lo <= hi)) [lo, hi] = [0, 0];
  const per = shape[0] * shape[1];
  const data = new Uint8Array(indices.length * per);
  const toByte = hi > lo ? 255 / (hi - lo) : 0;
  means.forEach((m, k) =>
    m.forEach((v, p) => {
      data[k * per + p] = Number.isFinite(v) ? Math.round((v - lo) * toByte) : 0;
    }),
  );
  return { indices: Uint32Array.from(indices), shape, factor, data, scale: [lo, hi] };
}
