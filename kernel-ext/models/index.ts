// The public widget API: `nwbWidget(obj)` for any NWB object, one factory per view for arrays,
// `saveFigure(widget, "fig.svg" | "fig.png")`, and the decimation beside the data.
export {
  nwbWidget,
  registerView,
  unregisterView,
  viewFor,
  viewRegistry,
  type ViewEntry,
} from "./registry/view-registry.js";
export { saveFigure, figureSvg, type SaveFigureOptions } from "./figure/save-figure.js";
export {
  TraceModel,
  type TraceViewOptions,
  type SelectableRois,
  type RoiTraceLookup,
} from "./trace/trace-model.js";
export { type LaneInput } from "./trace/lane-set.js";
export { ArrayLaneSource, EventLaneSource, type LaneSource } from "./trace/lane-source.js";
export { TimeSeriesLaneSource } from "./trace/time-series-source.js";
export { RoiModel, type RoiViewInput } from "./roi/roi-model.js";
export { type RoiMask as RoiMaskInput } from "./roi/roi-contours.js";
export {
  RasterModel,
  type UnitSpikes,
  type TrialAlignment,
  type RasterViewOptions,
} from "./raster/raster-model.js";
export { MovieModel, type MovieViewOptions } from "./movie/movie-model.js";
export { ArrayFrameSource, SeriesFrameSource, type FrameSource } from "./movie/frame-source.js";
export {
  CouplingModel,
  type CouplingCell,
  type CouplingViewOptions,
} from "./coupling/coupling-model.js";
export { couplingCellOfNWB } from "./nwb/coupling-from-nwb.js";
export {
  AlignedModel,
  type AlignedSignal,
  type AlignedEvents,
  type AlignedViewOptions,
} from "./aligned/aligned-model.js";
export {
  alignedView,
  alignedEventsOf,
  type AlignTo,
  type SeriesAlignedOptions,
} from "./nwb/aligned-from-nwb.js";
export { TableModel } from "./fallback/table-model.js";
export { RecordingModel } from "./recording/recording-model.js";
export { recordingView, type RecordingViewOptions } from "./recording/recording-from-nwb.js";
export { TreeModel } from "./fallback/tree-model.js";
export { traceViewOfTimeSeries } from "./nwb/trace-from-nwb.js";
export { roiViewOfPlaneSegmentation } from "./nwb/roi-from-nwb.js";
export { rasterViewOfUnits } from "./nwb/raster-from-nwb.js";
export { roiTracesOf } from "./nwb/roi-traces-from-nwb.js";
export { minMaxDecimate, minMaxDecimateWindow } from "./resampling/min-max-decimate.js";
export { windowIndices, type TimeAxis } from "./resampling/time-axis.js";
export { linkTime, TimeLinkModel } from "./link/time-link-model.js";
export { setTimeBase } from "./link/time-base.js";
export { MODULE_VERSION as WIDGET_MODULE_VERSION } from "./spec.js";
export type {
  TraceState,
  RasterState,
  RoiState,
  MovieState,
  CouplingState,
  TableState,
  TreeState,
  TimeLinkState,
  AlignedState,
  RecordingState,
} from "../../contract/index.js";

import { TraceModel, type TraceViewOptions } from "./trace/trace-model.js";
import type { LaneInput } from "./trace/lane-set.js";
import { registerStillFigures } from "./figure/still-figures.js";

// Every view shown in a notebook also carries its figure as a still image.
registerStillFigures();

/** A TraceView of in-memory lanes: `await traceView([{ label: "Vm", values, rate: 40000 }, { label: "spikes", events }])`. */
export function traceView(lanes: LaneInput[], options?: TraceViewOptions): Promise<TraceModel> {
  return TraceModel.create(lanes, options);
}
