// NWB RoiResponseSeries: fluorescence (or dF/F) traces of ROIs, with `rois` a region of a
// PlaneSegmentation.
import { TimeSeries } from "../base/time-series.js";
import { DynamicTableRegion } from "../hdmf-common/dynamic-table-region.js";
import { PlaneSegmentation } from "./plane-segmentation.js";
import { displayValue, type DisplayField } from "../../h5-object.js";

export class RoiResponseSeries extends TimeSeries {
  get rois(): DynamicTableRegion {
    return this.typed(
      "rois",
      DynamicTableRegion,
      "the DynamicTableRegion 'rois' of a RoiResponseSeries",
    );
  }

  /** The PlaneSegmentation the ROIs are rows of. */
  get planeSegmentation(): PlaneSegmentation {
    const t = this.rois.table;
    if (!(t instanceof PlaneSegmentation))
      throw this.ctx.error(
        `${this.path}/rois`,
        `a region of a PlaneSegmentation, it refers to ${t.path} (${t.neurodataType ?? "untyped"})`,
      );
    return t;
  }

  /** PlaneSegmentation row index of each trace column. */
  roiIndices(): Promise<number[]> {
    return this.rois.indices();
  }

  /** The PlaneSegmentation rows of the traces, in column order. */
  roiRows(): Promise<Record<string, unknown>[]> {
    return this.rois.rows();
  }

  get numRois(): number {
    const d = this.optionalDataset("data");
    return d && d.ndim > 1 ? d.shape[1] : 1;
  }

  override displayFields(): DisplayField[] {
    const seg = displayValue(() => this.rois.table.path);
    return [...super.displayFields(), ["ROIs", this.numRois], ["segmentation", seg]];
  }
}
