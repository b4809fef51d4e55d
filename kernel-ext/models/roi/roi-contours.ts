// ROI masks (pixel lists or dense image masks) → the contract's packed contours, clipping to the
// image and saying which ROIs lost pixels or lie wholly outside.
import type { RoiContours } from "../../../contract/roi.js";
import { pixelContours } from "./pixel-contours.js";

/** One ROI's mask in display terms: pixel rows and columns (with optional weights; pixels with
 *  weight ≤ 0 are not part of the ROI), or a dense [height, width] mask. */
export type RoiMask =
  | { rows: ArrayLike<number>; cols: ArrayLike<number>; weights?: ArrayLike<number> }
  | { dense: ArrayLike<number>; shape: [number, number] };

export function maskPixels(mask: RoiMask): { rows: number[]; cols: number[] } {
  const rows: number[] = [];
  const cols: number[] = [];
  if ("dense" in mask) {
    const [h, w] = mask.shape;
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++)
        if (mask.dense[r * w + c]! > 0) {
          rows.push(r);
          cols.push(c);
        }
  } else {
    if (mask.rows.length !== mask.cols.length)
      throw new RangeError(`ROI mask: ${mask.rows.length} rows but ${mask.cols.length} columns`);
    for (let k = 0; k < mask.rows.length; k++) {
      if (mask.weights && !(mask.weights[k]! > 0)) continue;
      rows.push(Math.round(mask.rows[k]!));
      cols.push(Math.round(mask.cols[k]!));
    }
  }
  return { rows, cols };
}

function listIds(ids: number[]): string {
  return ids.length <= 10
    ? ids.join(", ")
    : `${ids.slice(0, 10).join(", ")} and ${ids.length - 10} more`;
}

export function buildContours(
  ids: number[],
  masks: RoiMask[],
  imageSize: [number, number],
): { contours: RoiContours; messages: string[]; pixelCounts: number[] } {
  const [h, w] = imageSize;
  const points: number[] = [];
  const ringOffsets: number[] = [0];
  const roiOffsets: number[] = [0];
  const clipped: number[] = [];
  const outside: number[] = [];
  const empty: number[] = [];
  const pixelCounts: number[] = [];
  masks.forEach((mask, i) => {
    const { rows, cols } = maskPixels(mask);
    const inR: number[] = [];
    const inC: number[] = [];
    for (let k = 0; k < rows.length; k++) {
      if (rows[k]! >= 0 && rows[k]! < h && cols[k]! >= 0 && cols[k]! < w) {
        inR.push(rows[k]!);
        inC.push(cols[k]!);
      }
    }
    if (rows.length === 0) empty.push(ids[i]!);
    else if (inR.length === 0) outside.push(ids[i]!);
    else if (inR.length < rows.length) clipped.push(ids[i]!);
    const rings = pixelContours(inC, inR);
    let count = 0;
    for (const ring of rings) {
      for (const v of ring) points.push(v);
      ringOffsets.push(points.length / 2);
      count++;
    }
    roiOffsets.push(roiOffsets[roiOffsets.length - 1]! + count);
    pixelCounts.push(new Set(inR.map((r, k) => r * w + inC[k]!)).size);
  });
  const messages: string[] = [];
  if (empty.length) messages.push(`ROI ${listIds(empty)}: empty mask (not drawn)`);
  if (outside.length)
    messages.push(`ROI ${listIds(outside)}: mask entirely outside the ${h}×${w} image (not drawn)`);
  if (clipped.length)
    messages.push(`ROI ${listIds(clipped)}: mask pixels outside the ${h}×${w} image left out`);
  return {
    contours: {
      ids,
      points: Float32Array.from(points),
      ringOffsets: Uint32Array.from(ringOffsets),
      roiOffsets: Uint32Array.from(roiOffsets),
    },
    messages,
    pixelCounts,
  };
}
