// RoiView of an NWB PlaneSegmentation: masks from pixel_mask or image_mask, the mean/max image of
// a TwoPhotonSeries imaging the same plane (when the file has one), and the table's other columns
// for hover. NWB masks and frames are indexed [x][y]; like nwbwidgets and matplotlib's imshow we
// draw the first axis as rows.
import type { ImageKind } from "../../../contract/roi.js";
import { Group, type H5Object } from "../../nwb/h5-object.js";
import type { PlaneSegmentation } from "../../nwb/neurodata/ophys/plane-segmentation.js";
import { TwoPhotonSeries } from "../../nwb/neurodata/ophys/two-photon-series.js";
import { isA } from "../../nwb/type-hierarchy/inheritance.js";
import { type ImageInput, RoiModel } from "../roi/roi-model.js";
import type { RoiMask } from "../roi/roi-contours.js";
import { cellValue } from "./cell-text.js";

const MASK_COLUMNS = new Set(["image_mask", "pixel_mask", "voxel_mask"]);

export interface RoiViewOptions {
  /** The movie to project for the background (default: a TwoPhotonSeries of the same plane in /acquisition). */
  movie?: TwoPhotonSeries | null;
  /** Frames averaged for the projections (default: at most the first 2000). */
  maxFrames?: number;
  selected?: number[];
}

/** TwoPhotonSeries in the file imaging the same plane as `ps`. */
export function moviesOfPlane(ps: PlaneSegmentation): TwoPhotonSeries[] {
  let planePath: string;
  try {
    planePath = ps.imagingPlane.path;
  } catch {
    return [];
  }
  const out: TwoPhotonSeries[] = [];
  const visit = (g: H5Object | undefined, depth: number) => {
    if (!(g instanceof Group) || depth > 3) return;
    for (const child of g.children()) {
      if (child instanceof TwoPhotonSeries) {
        try {
          if (child.imagingPlane.path === planePath && child.data.ndim >= 3) out.push(child);
        } catch {
          /* a series without a readable plane link or data is not a background candidate */
        }
      } else if (child instanceof Group && !isA(child, "DynamicTable")) visit(child, depth + 1);
    }
  };
  visit(ps.ctx.find("/acquisition"), 0);
  visit(ps.ctx.find("/processing"), 0);
  return out;
}

export async function roiViewOfPlaneSegmentation(
  ps: PlaneSegmentation,
  options: RoiViewOptions = {},
): Promise<RoiModel> {
  const n = ps.roiCount;
  const kinds = ps.maskKinds;
  const messages: string[] = [];
  const masks: RoiMask[] = [];
  if (kinds.includes("pixel") || kinds.includes("voxel")) {
    for (const m of kinds.includes("pixel") ? await ps.pixelMasks() : await ps.voxelMasks())
      masks.push({ rows: m.x, cols: m.y, weights: m.weight });
    if (!kinds.includes("pixel")) messages.push("voxel masks: all planes drawn together");
  } else if (kinds.includes("image")) {
    for (let i = 0; i < n; i++) {
      const m = await ps.denseMask(i);
      masks.push({ dense: m.data, shape: [m.shape[0]!, m.shape[1]!] });
    }
  } else if (n > 0) {
    messages.push(
      "this PlaneSegmentation has no image_mask, pixel_mask or voxel_mask: no outlines",
    );
    for (let i = 0; i < n; i++) masks.push({ rows: [], cols: [] });
  }

  const idCol = ps.optionalDataset("id");
  const ids = idCol
    ? Array.from((await idCol.read()).data as ArrayLike<number | bigint>, Number)
    : Array.from({ length: n }, (_, i) => i);

  const columns: Record<string, (string | number | null)[]> = {};
  for (const name of ps.columnNames) {
    if (MASK_COLUMNS.has(name)) continue;
    try {
      const values = await ps.column(name).read();
      columns[name] = values.map((v) => {
        const c = cellValue(v);
        return typeof c === "boolean" ? String(c) : c;
      });
    } catch (e) {
      messages.push(`column '${name}' could not be read: ${(e as Error).message}`);
    }
  }

  const movie = options.movie === undefined ? moviesOfPlane(ps)[0] : (options.movie ?? undefined);
  const images: Partial<Record<ImageKind, ImageInput>> = {};
  if (movie) {
    const stop = Math.min(movie.frameCount, options.maxFrames ?? 2000);
    for (const kind of ["mean", "max"] as ImageKind[]) {
      const p = await movie.projection(kind, { stop });
      images[kind] = { data: p.data, shape: [p.shape[0]!, p.shape[1]!] };
    }
    if (stop < movie.frameCount)
      messages.push(
        `${"mean/max"} images from the first ${stop} of ${movie.frameCount} frames of ${movie.name}`,
      );
  }
  const frame = ps.frameShape;
  return RoiModel.create({
    title: `${ps.name} (${ps.path})`,
    source: { path: ps.path, neurodataType: ps.neurodataType ?? "PlaneSegmentation" },
    ids,
    masks,
    imageSize: frame ? [frame[0], frame[1]] : undefined,
    images,
    columns,
    selected: options.selected,
    messages,
  });
}
