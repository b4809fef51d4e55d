// TraceView of an NWB TimeSeries (ElectricalSeries, RoiResponseSeries, …): one lane per channel or
// ROI (up to a limit), each read lazily from the file and decimated beside it. A ΔF/F series also
// gets the spike times the trained model infers from each shown ROI (inferred-spike-lanes.ts).
import { setTimeBase } from "../link/time-base.js";
import type { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import { TimeSeriesLaneSource } from "../trace/time-series-source.js";
import { TraceModel } from "../trace/trace-model.js";
import type { LaneInput } from "../trace/lane-set.js";
import { inferredSpikeLanes, isDfOverFSeries } from "./inferred-spike-lanes.js";

export const MAX_LANES = 8;

export interface TimeSeriesTraceOptions {
  /** Columns (channels / ROIs) to show; default the first MAX_LANES. */
  channels?: number[];
  /**
   * Add a lane of spike times inferred by the trained model under each shown column; default: on
   * for a ΔF/F series (a RoiResponseSeries in DfOverF), off otherwise.
   */
  inferredSpikes?: boolean;
}

export async function traceViewOfTimeSeries(
  ts: TimeSeries,
  options: TimeSeriesTraceOptions = {},
): Promise<TraceModel> {
  const d = ts.data;
  const width = d.ndim > 1 ? d.shape[1]! : 1;
  const messages: string[] = [];
  const channels =
    options.channels ?? Array.from({ length: Math.min(width, MAX_LANES) }, (_, i) => i);
  if (!options.channels && width > MAX_LANES)
    messages.push(`showing columns 0–${MAX_LANES - 1} of ${width}`);
  const unit = d.attrString("unit") ?? "";
  const lanes: LaneInput[] = [];
  for (const c of channels) {
    if (!Number.isInteger(c) || c < 0 || c >= width)
      throw new RangeError(`${ts.file}: ${ts.path}: channel ${c} is not a column in [0, ${width})`);
    const source = await TimeSeriesLaneSource.open(ts, d.ndim > 1 ? c : undefined);
    lanes.push({ id: `ch${c}`, label: width > 1 ? `${ts.name} [${c}]` : ts.name, unit, source });
  }
  if (options.inferredSpikes ?? isDfOverFSeries(ts)) {
    const inferred = await inferredSpikeLanes(ts, channels);
    lanes.push(...inferred.lanes);
    messages.push(...inferred.messages);
  }
  const model = await TraceModel.create(lanes, {
    title: `${ts.name} (${ts.path})${ts.description ? ` — ${ts.description}` : ""}`,
    source: { path: ts.path, neurodataType: ts.neurodataType ?? "TimeSeries" },
    messages,
  });
  return setTimeBase(model, ts.file);
}
