// The traces behind a RoiView ↔ TraceView link: ROI id → its column of a RoiResponseSeries
// (ΔF/F or F), read lazily like any TimeSeries lane.
import type { RoiResponseSeries } from "../../nwb/neurodata/ophys/roi-response-series.js";
import type { LaneInput } from "../trace/lane-set.js";
import { TimeSeriesLaneSource } from "../trace/time-series-source.js";
import type { RoiTraceLookup } from "../trace/trace-model.js";

export async function roiTracesOf(series: RoiResponseSeries): Promise<RoiTraceLookup> {
  const rows = await series.roiIndices();
  const ps = series.planeSegmentation;
  const idDs = ps.optionalDataset("id");
  const ids = idDs
    ? Array.from((await idDs.read()).data as ArrayLike<number | bigint>, Number)
    : rows.map((_, i) => i);
  const columnOf = new Map<number, number>();
  rows.forEach((row, j) => columnOf.set(ids[row]!, j));
  const twoD = series.data.ndim > 1;
  const unit = series.data.attrString("unit") ?? "";
  return async (roiId: number): Promise<LaneInput | undefined> => {
    const j = columnOf.get(roiId);
    if (j === undefined) return undefined;
    return {
      label: `ROI ${roiId} · ${series.name}`,
      unit,
      source: await TimeSeriesLaneSource.open(series, twoD ? j : undefined),
    };
  };
}
