// NWB PlaneSegmentation: ROIs of one ImagingPlane as a DynamicTable whose masks are an
// image_mask (roi × x × y), a ragged pixel_mask of (x, y, weight) — a compound, or a plain
// (N, 3) array as DANDI:000048 stores it — or a ragged voxel_mask of (x, y, z, weight).
// Dense masks are indexed [x][y], the same axis order as image_mask and TwoPhotonSeries frames.
import { DynamicTable } from "../hdmf-common/dynamic-table.js";
import { ImagingPlane } from "./imaging-plane.js";
import { displayValue, type DisplayField } from "../../h5-object.js";
import type { H5Values } from "../../h5/source.js";
import { isTypedArray, toFloat64, type NDArray } from "../../ndarray.js";
import { maskContours } from "./mask-contour.js";

export type MaskKind = "image" | "pixel" | "voxel";

export interface PixelMask {
  x: Float64Array;
  y: Float64Array;
  weight: Float64Array;
}

export interface VoxelMask extends PixelMask {
  z: Float64Array;
}

export class PlaneSegmentation extends DynamicTable {
  get imagingPlane(): ImagingPlane {
    return this.typed("imaging_plane", ImagingPlane, "a link 'imaging_plane' to an ImagingPlane");
  }

  /** Number of ROIs. */
  get roiCount(): number {
    return this.length;
  }

  /** Which mask columns the file has. */
  get maskKinds(): MaskKind[] {
    const k: MaskKind[] = [];
    if (this.has("image_mask")) k.push("image");
    if (this.has("pixel_mask")) k.push("pixel");
    if (this.has("voxel_mask")) k.push("voxel");
    return k;
  }

  private checkRoi(i: number): void {
    const n = this.roiCount;
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw this.ctx.error(this.path, `an ROI index in [0, ${n}), got ${i}`);
  }

  /** image_mask of ROI `i` (shape [x, y] or [x, y, z]). */
  async imageMask(i: number): Promise<NDArray> {
    this.checkRoi(i);
    const ds = this.dataset("image_mask", "an 'image_mask' column");
    if (ds.ndim < 3)
      throw this.ctx.error(
        ds.path,
        `image masks of shape (roi, x, y[, z]), found (${ds.shape.join(", ")})`,
      );
    return ds.slice(i);
  }

  /** Rows of a ragged mask column for ROI i, decoded into per-field arrays. */
  private async raggedMask(
    column: "pixel_mask" | "voxel_mask",
    fields: string[],
    i: number,
  ): Promise<Record<string, Float64Array>> {
    this.checkRoi(i);
    const col = this.column(column);
    if (!col.ragged)
      throw this.ctx.error(
        `${this.path}/${column}_index`,
        `a VectorIndex '${column}_index' for the ragged ${column}`,
      );
    const [a, b] = await col.indexes[0].bounds(i);
    const r = await col.data.slice([a, b]);
    return decodeMaskRows(r.data, r.shape, fields, () =>
      this.ctx.error(
        col.data.path,
        `${column} rows as a compound (${fields.join(", ")}) or an (N, ${fields.length}) numeric array, found shape (${col.data.shape.join(", ")}) ${col.data.dtypeName}`,
      ),
    );
  }

  /**
   * A ragged mask column for every ROI: the column and its index read once each (a file with
   * thousands of ROIs is two reads, not thousands), then cut into rows.
   */
  private async raggedMasks(
    column: "pixel_mask" | "voxel_mask",
    fields: string[],
  ): Promise<Record<string, Float64Array>[]> {
    const col = this.column(column);
    if (!col.ragged)
      throw this.ctx.error(
        `${this.path}/${column}_index`,
        `a VectorIndex '${column}_index' for the ragged ${column}`,
      );
    const ends = await col.indexes[0].offsets();
    if (ends.length !== this.roiCount)
      throw this.ctx.error(
        col.indexes[0].path,
        `one end offset per ROI (${this.roiCount}), found ${ends.length}`,
      );
    const all = await col.data.read();
    const rows = decodeMaskRows(all.data, all.shape, fields, () =>
      this.ctx.error(
        col.data.path,
        `${column} rows as a compound (${fields.join(", ")}) or an (N, ${fields.length}) numeric array, found shape (${col.data.shape.join(", ")}) ${col.data.dtypeName}`,
      ),
    );
    const total = rows[fields[0]].length;
    const out: Record<string, Float64Array>[] = [];
    for (let i = 0, a = 0; i < ends.length; i++) {
      const b = ends[i];
      if (!(b >= a && b <= total)) {
        throw this.ctx.error(
          col.indexes[0].path,
          `non-decreasing end offsets within the ${total} rows of ${column}, found ${b} after ${a} at ROI ${i}`,
        );
      }
      const m: Record<string, Float64Array> = {};
      for (const f of fields) m[f] = rows[f].subarray(a, b);
      out.push(m);
      a = b;
    }
    return out;
  }

  /** pixel_mask of every ROI, in ROI order (two reads; use this rather than pixelMask(i) in a loop). */
  async pixelMasks(): Promise<PixelMask[]> {
    return (await this.raggedMasks("pixel_mask", ["x", "y", "weight"])).map((m) => ({
      x: m.x,
      y: m.y,
      weight: m.weight,
    }));
  }

  /** voxel_mask of every ROI, in ROI order. */
  async voxelMasks(): Promise<VoxelMask[]> {
    return (await this.raggedMasks("voxel_mask", ["x", "y", "z", "weight"])).map((m) => ({
      x: m.x,
      y: m.y,
      z: m.z,
      weight: m.weight,
    }));
  }

  /** pixel_mask of ROI `i`: pixel coordinates and weights. */
  async pixelMask(i: number): Promise<PixelMask> {
    const m = await this.raggedMask("pixel_mask", ["x", "y", "weight"], i);
    return { x: m.x, y: m.y, weight: m.weight };
  }

  /** voxel_mask of ROI `i`. */
  async voxelMask(i: number): Promise<VoxelMask> {
    const m = await this.raggedMask("voxel_mask", ["x", "y", "z", "weight"], i);
    return { x: m.x, y: m.y, z: m.z, weight: m.weight };
  }

  /**
   * Frame shape [nx, ny] masks live in: image_mask's shape, else the frames of a series imaging
   * the same plane, else undefined.
   */
  get frameShape(): [number, number] | undefined {
    const im = this.optionalDataset("image_mask");
    if (im && im.ndim >= 3) return [im.shape[1], im.shape[2]];
    let planePath: string;
    try {
      planePath = this.imagingPlane.path;
    } catch {
      return undefined;
    }
    for (const series of this.ctx.seriesOfPlane(planePath)) {
      if (series.length >= 2) return [series[0], series[1]];
    }
    return undefined;
  }

  /**
   * ROI `i` as a dense [nx, ny] Float32 mask. `shape` overrides the frame shape; when neither is
   * known, the mask's own extent is used.
   */
  async denseMask(i: number, shape?: [number, number]): Promise<NDArray<Float32Array>> {
    const kinds = this.maskKinds;
    if (kinds.includes("image")) {
      const m = await this.imageMask(i);
      const [nx, ny] = m.shape;
      const src = toFloat64(m.data);
      const out = new Float32Array(nx * ny);
      // Collapse an optional z axis with max, keep [x][y].
      const nz = m.shape.length > 2 ? m.shape[2] : 1;
      for (let p = 0; p < nx * ny; p++) {
        let v = src[p * nz];
        for (let z = 1; z < nz; z++) v = Math.max(v, src[p * nz + z]);
        out[p] = v;
      }
      return { data: out, shape: [nx, ny], dtype: { class: "float", size: 4 } };
    }
    if (!kinds.includes("pixel") && !kinds.includes("voxel")) {
      throw this.ctx.error(this.path, "a mask column: 'image_mask', 'pixel_mask' or 'voxel_mask'");
    }
    const m = kinds.includes("pixel") ? await this.pixelMask(i) : await this.voxelMask(i);
    let [nx, ny] = shape ?? this.frameShape ?? [0, 0];
    if (!shape && !this.frameShape) {
      for (let k = 0; k < m.x.length; k++) {
        nx = Math.max(nx, m.x[k] + 1);
        ny = Math.max(ny, m.y[k] + 1);
      }
    }
    const out = new Float32Array(nx * ny);
    for (let k = 0; k < m.x.length; k++) {
      const x = Math.round(m.x[k]);
      const y = Math.round(m.y[k]);
      if (x < 0 || y < 0 || x >= nx || y >= ny) {
        throw this.ctx.error(
          `${this.path}/${kinds.includes("pixel") ? "pixel_mask" : "voxel_mask"}`,
          `pixel coordinates inside the ${nx} × ${ny} frame, ROI ${i} has (${x}, ${y})`,
        );
      }
      out[x * ny + y] = Math.max(out[x * ny + y], m.weight[k]);
    }
    return { data: out, shape: [nx, ny], dtype: { class: "float", size: 4 } };
  }

  /** Outline of ROI `i`: closed rings of [x, y] pixel-corner points (see mask-contour.ts). */
  async contour(i: number, shape?: [number, number]): Promise<[number, number][][]> {
    const m = await this.denseMask(i, shape);
    return maskContours(m.data, m.shape[0], m.shape[1]);
  }

  override displayFields(): DisplayField[] {
    const plane = displayValue(() => this.imagingPlane.path);
    return [
      ...super.displayFields(),
      ["ROIs", this.roiCount],
      ["masks", this.maskKinds.join(", ")],
      ["imaging plane", plane],
    ];
  }
}

function decodeMaskRows(
  values: H5Values,
  shape: number[],
  fields: string[],
  bad: () => Error,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  if (!isTypedArray(values) && !Array.isArray(values)) {
    for (const f of fields) {
      const col = values.fields[f];
      if (!col) throw bad();
      out[f] = toFloat64(col).slice();
    }
    return out;
  }
  if (!isTypedArray(values) || shape.length !== 2 || shape[1] !== fields.length) throw bad();
  const flat = toFloat64(values);
  const n = shape[0];
  fields.forEach((f, j) => {
    const col = new Float64Array(n);
    for (let k = 0; k < n; k++) col[k] = flat[k * fields.length + j];
    out[f] = col;
  });
  return out;
}
