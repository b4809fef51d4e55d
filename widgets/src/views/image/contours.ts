// ROI outlines (contract/roi.ts RoiContours) as one SVG path per ROI, in image pixel coordinates.
import type { RoiContours } from "../../../../contract/roi";
import { asFloat32, asUint32 } from "../../../../contract/typed-arrays";

export interface RoiOutline {
  id: number;
  /** Path data of all the ROI's rings ("" when the ROI has no pixel inside the image). */
  d: string;
}

export function roiOutlines(rois: RoiContours | null | undefined): RoiOutline[] {
  if (!rois || !rois.ids?.length) return [];
  const points = asFloat32(rois.points);
  const ringOffsets = asUint32(rois.ringOffsets);
  const roiOffsets = asUint32(rois.roiOffsets);
  if (roiOffsets.length !== rois.ids.length + 1) {
    throw new Error(
      `tsnwb: ROI contours list ${rois.ids.length} ids but ${roiOffsets.length} roiOffsets (expected ids + 1)`,
    );
  }
  return rois.ids.map((id, i) => {
    const parts: string[] = [];
    for (let ring = roiOffsets[i]; ring < roiOffsets[i + 1]; ring++) {
      const a = ringOffsets[ring];
      const b = ringOffsets[ring + 1];
      for (let p = a; p < b; p++)
        parts.push(`${p === a ? "M" : "L"}${points[2 * p]},${points[2 * p + 1]}`);
      if (b > a) parts.push("Z");
    }
    return { id, d: parts.join("") };
  });
}
