// Reconstruction of a two-photon movie from a mean image, an ROI mask and the real ΔF/F: every
// frame is the baseline image with the ROI pixels scaled by (1 + ΔF/F(t)), then photon shot
// noise. Works on a "movie grid": an optional b×b binning of the full frame, then a square crop
// centred on the ROI. The Allen cells have no image, so a synthetic soma image is made directly
// on the grid.
import type { Image2D } from "./cattached.js";
import { Random } from "./prng.js";

/** Baseline image and ROI weights on the movie grid (row-major, x = row, y = column). */
export interface MovieGrid {
  size: number;
  /** Expected counts per pixel at ΔF/F = 0. */
  baseline: Float64Array;
  /** Fraction of each grid pixel covered by the ROI (0–1). */
  roiWeight: Float64Array;
  /** Binning factor applied to the full frame (1 = none). */
  bin: number;
  /** Top-left corner of the crop in full-frame pixels (row, column). */
  origin: [number, number];
  /** Where the grid comes from, for the description. */
  provenance: string;
}

/** Counts per detected photon: the movie's values are photon counts × this gain. */
export const COUNTS_PER_PHOTON = 2;

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / Math.max(1, a.length);
}

/**
 * The Chen et al. grid: bins the real mean image and ROI mask b×b and crops a `size`-pixel square
 * (in binned pixels) centred on the ROI. The baseline is the mean image divided by
 * (1 + w·mean ΔF/F), so that the movie's time average is the real mean image.
 */
export function gridFromImage(
  meanImage: Image2D<Float64Array>,
  roi: Image2D<Uint8Array>,
  deltaFOverF: Float64Array,
  size: number,
  bin: number,
): MovieGrid {
  const H = Math.floor(meanImage.height / bin);
  const W = Math.floor(meanImage.width / bin);
  const side = Math.min(size, H, W);
  let sr = 0,
    sc = 0,
    cnt = 0;
  for (let r = 0; r < roi.height; r++)
    for (let c = 0; c < roi.width; c++)
      if (roi.data[r * roi.width + c]) {
        sr += r;
        sc += c;
        cnt++;
      }
  const cr = sr / cnt / bin;
  const cc = sc / cnt / bin;
  const r0 = Math.max(0, Math.min(H - side, Math.round(cr - side / 2)));
  const c0 = Math.max(0, Math.min(W - side, Math.round(cc - side / 2)));
  const mdff = mean(deltaFOverF);
  const baseline = new Float64Array(side * side);
  const roiWeight = new Float64Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      let img = 0,
        w = 0;
      for (let dr = 0; dr < bin; dr++) {
        for (let dc = 0; dc < bin; dc++) {
          const i = ((r0 + r) * bin + dr) * meanImage.width + (c0 + c) * bin + dc;
          img += meanImage.data[i];
          w += roi.data[i] ? 1 : 0;
        }
      }
      img /= bin * bin;
      w /= bin * bin;
      roiWeight[r * side + c] = w;
      baseline[r * side + c] = Math.max(0, img / (1 + w * mdff));
    }
  }
  return {
    size: side,
    baseline,
    roiWeight,
    bin,
    origin: [r0 * bin, c0 * bin],
    provenance: `the real mean image (AVG_movie, ${meanImage.height}×${meanImage.width} px) and ROI mask (ROI_map_input)${bin > 1 ? ` binned ${bin}×${bin}` : ""}, cropped to ${side}×${side} ${bin > 1 ? "binned " : ""}pixels starting at full-frame pixel (row ${r0 * bin}, column ${c0 * bin})`,
  };
}

/**
 * A synthetic soma for cells without an image: neuropil background with smooth texture, a bright
 * cytosolic ring (GCaMP is excluded from the nucleus) of radius `radius` pixels at the centre.
 */
export function syntheticGrid(size: number, radius: number, rng: Random): MovieGrid {
  const baseline = new Float64Array(size * size);
  const roiWeight = new Float64Array(size * size);
  // Background texture: a few random Gaussian blobs (neurites, neighbouring somata).
  const blobs = Array.from({ length: 8 }, () => ({
    r: rng.uniform() * size,
    c: rng.uniform() * size,
    s: 1.5 + 3 * rng.uniform(),
    a: 15 + 30 * rng.uniform(),
  }));
  const cy = (size - 1) / 2 + (rng.uniform() - 0.5);
  const cx = (size - 1) / 2 + (rng.uniform() - 0.5);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let v = 80;
      for (const b of blobs)
        v += b.a * Math.exp(-((r - b.r) ** 2 + (c - b.c) ** 2) / (2 * b.s * b.s));
      const d = Math.hypot(r - cy, c - cx);
      const cell = 1 / (1 + Math.exp((d - radius) / 0.7)); // soft-edged disc
      const nucleus = 1 / (1 + Math.exp((d - 0.55 * radius) / 0.7));
      v += 150 * cell - 90 * nucleus;
      baseline[r * size + c] = v;
      roiWeight[r * size + c] = d <= radius ? 1 : 0;
    }
  }
  return {
    size,
    baseline,
    roiWeight,
    bin: 1,
    origin: [0, 0],
    provenance: `a synthetic soma image (${size}×${size} px, soma radius ${radius} px; the ground truth has no image for this cell)`,
  };
}

/** Baseline fluorescence of the ROI: the ROI-weighted mean of the baseline image. */
export function roiBaseline(grid: MovieGrid): number {
  let s = 0,
    w = 0;
  for (let i = 0; i < grid.baseline.length; i++) {
    s += grid.baseline[i] * grid.roiWeight[i];
    w += grid.roiWeight[i];
  }
  return s / w;
}

/**
 * Frames [0, frames) as uint16 counts, row-major [frame, x, y]. Pixel p of frame t has the mean
 * baseline[p]·(1 + roiWeight[p]·ΔF/F(t)) counts; shot noise is Poisson in photons
 * (COUNTS_PER_PHOTON counts each), counted over the bin×bin full-frame pixels of a grid pixel.
 */
export function renderMovie(
  grid: MovieGrid,
  deltaFOverF: Float64Array,
  frames: number,
  rng: Random,
): Uint16Array {
  const px = grid.size * grid.size;
  const out = new Uint16Array(frames * px);
  const photonsPerCount = (grid.bin * grid.bin) / COUNTS_PER_PHOTON;
  for (let t = 0; t < frames; t++) {
    const f = deltaFOverF[t];
    const o = t * px;
    for (let p = 0; p < px; p++) {
      const expected = Math.max(0, grid.baseline[p] * (1 + grid.roiWeight[p] * f));
      const counts = rng.poisson(expected * photonsPerCount) / photonsPerCount;
      out[o + p] = Math.min(65535, Math.round(counts));
    }
  }
  return out;
}

/** ROI pixels of the grid for the PlaneSegmentation: grid pixels at least half inside the ROI. */
export function roiPixels(grid: MovieGrid): {
  x: Uint32Array;
  y: Uint32Array;
  weight: Float32Array;
} {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let r = 0; r < grid.size; r++)
    for (let c = 0; c < grid.size; c++)
      if (grid.roiWeight[r * grid.size + c] >= 0.5) {
        xs.push(r);
        ys.push(c);
      }
  return {
    x: Uint32Array.from(xs),
    y: Uint32Array.from(ys),
    weight: new Float32Array(xs.length).fill(1),
  };
}
