// ROI fluorescence traces from a movie read chunk by chunk: only one chunk of frames is held at a
// time, so memory stays bounded whatever the movie length.

import { requireInteger } from "../util/validate.js";

/** Reads `count` frames starting at `start`, row-major [frame][row][column]. */
export type FrameReader = (start: number, count: number) => Promise<ArrayLike<number>>;

/** A dense weight image (height×width, row-major) or a pixel list (NWB pixel_mask: x = column, y = row). */
export type RoiMask =
  | { image: ArrayLike<number> }
  | { x: ArrayLike<number>; y: ArrayLike<number>; weight?: ArrayLike<number> };

export interface ExtractRoiOptions {
  nFrames: number;
  height: number;
  width: number;
  /** Frames per read (default: as many as fit in ~32 MB of float64 pixels, at least 1). */
  chunkFrames?: number;
}

interface SparseMask {
  index: Int32Array;
  weight: Float64Array;
  total: number;
}

function toSparse(mask: RoiMask, m: number, height: number, width: number): SparseMask {
  const name = `masks[${m}]`;
  const idx: number[] = [];
  const w: number[] = [];
  if ("image" in mask) {
    if (mask.image.length !== height * width)
      throw new RangeError(
        `${name}.image: expected ${height}×${width} = ${height * width} weights, got ${mask.image.length}`,
      );
    for (let i = 0; i < mask.image.length; i++) {
      const v = mask.image[i];
      if (!Number.isFinite(v)) throw new RangeError(`${name}.image: weight ${i} is ${v}`);
      if (v !== 0) {
        idx.push(i);
        w.push(v);
      }
    }
  } else {
    const { x, y, weight } = mask;
    if (x.length !== y.length || (weight && weight.length !== x.length))
      throw new RangeError(`${name}: x, y${weight ? " and weight" : ""} must have the same length`);
    for (let k = 0; k < x.length; k++) {
      const cx = x[k],
        cy = y[k];
      if (
        !Number.isInteger(cx) ||
        !Number.isInteger(cy) ||
        cx < 0 ||
        cx >= width ||
        cy < 0 ||
        cy >= height
      ) {
        throw new RangeError(
          `${name}: pixel ${k} (x=${cx}, y=${cy}) is outside the ${width}×${height} frame`,
        );
      }
      const v = weight ? weight[k] : 1;
      if (!Number.isFinite(v)) throw new RangeError(`${name}.weight: weight ${k} is ${v}`);
      if (v !== 0) {
        idx.push(cy * width + cx);
        w.push(v);
      }
    }
  }
  const total = w.reduce((s, v) => s + v, 0);
  if (idx.length === 0 || total === 0)
    throw new RangeError(`${name}: the mask has no pixels with non-zero total weight`);
  return { index: Int32Array.from(idx), weight: Float64Array.from(w), total };
}

/**
 * Weighted-mean fluorescence Σ w·F / Σ w of each ROI in every frame; returns one Float64Array per
 * mask. Reads the movie once, in chunks, for all masks together.
 */
export async function extractRoiTraces(
  read: FrameReader,
  masks: readonly RoiMask[],
  options: ExtractRoiOptions,
): Promise<Float64Array[]> {
  if (typeof read !== "function")
    throw new TypeError("read: expected a function (start, count) => Promise<frames>");
  requireInteger(options?.nFrames, "nFrames", 1);
  requireInteger(options.height, "height", 1);
  requireInteger(options.width, "width", 1);
  if (!Array.isArray(masks) || masks.length === 0)
    throw new RangeError("masks: expected a non-empty array of ROI masks");
  const { nFrames, height, width } = options;
  const frameSize = height * width;
  const chunk = options.chunkFrames ?? Math.max(1, Math.floor(4_000_000 / frameSize));
  requireInteger(chunk, "chunkFrames", 1);
  const sparse = masks.map((m, i) => toSparse(m, i, height, width));
  const out = sparse.map(() => new Float64Array(nFrames));
  for (let start = 0; start < nFrames; start += chunk) {
    const count = Math.min(chunk, nFrames - start);
    const frames = await read(start, count);
    if (!frames || frames.length !== count * frameSize) {
      throw new RangeError(
        `read(${start}, ${count}): expected ${count}×${height}×${width} = ${count * frameSize} values, got ${frames ? frames.length : String(frames)}`,
      );
    }
    for (let f = 0; f < count; f++) {
      const base = f * frameSize;
      for (let m = 0; m < sparse.length; m++) {
        const { index, weight, total } = sparse[m];
        let s = 0;
        for (let k = 0; k < index.length; k++) s += weight[k] * frames[base + index[k]];
        if (!Number.isFinite(s))
          throw new RangeError(
            `read(${start}, ${count}): frame ${start + f} has non-finite pixels inside masks[${m}]`,
          );
        out[m][start + f] = s / total;
      }
    }
  }
  return out;
}

/** Single-ROI form of {@link extractRoiTraces}. */
export async function extractRoiTrace(
  read: FrameReader,
  mask: RoiMask,
  options: ExtractRoiOptions,
): Promise<Float64Array> {
  return (await extractRoiTraces(read, [mask], options))[0];
}
