// RoiView: a mean or max projection with colour map and contrast, ROI contours traced from pixel or
// image masks, per-ROI table columns for hover, and a synced selection.
import type { BaseState, Colormap, NdArray } from "./common.js";

/** ROI outlines in image pixel coordinates (x right, y down; pixel (c, r) covers [c, c+1]×[r, r+1]).
 *  Each ROI has one or more closed rings (islands and holes):
 *    points        Float32 x, y pairs of all rings, concatenated
 *    ringOffsets   Uint32, length rings + 1: ring k's points are pairs [ringOffsets[k], ringOffsets[k+1])
 *    roiOffsets    Uint32, length ids.length + 1: ROI i's rings are [roiOffsets[i], roiOffsets[i+1])
 *  An ROI with no pixel inside the image has no rings (and a message says so). */
export interface RoiContours {
  /** ROI ids (the PlaneSegmentation `id` column), in table order. */
  ids: number[];
  points: ArrayBufferView;
  ringOffsets: ArrayBufferView;
  roiOffsets: ArrayBufferView;
}

/** The contours of no ROIs (a movie without a segmentation). */
export const NO_ROIS: RoiContours = {
  ids: [],
  points: new Float32Array(0),
  ringOffsets: Uint32Array.of(0),
  roiOffsets: Uint32Array.of(0),
};

export type ImageKind = "mean" | "max";

export interface ImageDisplay {
  /** Colour map; synced. */
  colormap: Colormap;
  /** Values mapped to the ends of the colour map (image units); synced — the contrast control. */
  contrast: [number, number];
}

export interface RoiState extends BaseState, ImageDisplay {
  /** The background image, float32, shape [height, width]; null when there is none (contours are
   *  then drawn on an empty frame of `imageSize`). */
  image: NdArray | null;
  /** [height, width] of the imaging plane in pixels. */
  imageSize: [number, number];
  /** Which projection `image` is; synced — the kernel swaps `image` when the view changes it. */
  imageKind: ImageKind;
  /** Projections the kernel can produce for this data. */
  imageKinds: ImageKind[];
  /** Finite min and max of `image` (for the contrast control's range); [0, 1] without an image. */
  imageRange: [number, number];
  rois: RoiContours;
  /** Per-ROI columns for the hover readout, values in ROI order (text from the file stays text). */
  columns: { name: string; values: (string | number | null)[] }[];
  /** Selected ROI ids; synced (clicking toggles). A linked TraceView shows their traces. */
  selected: number[];
}
