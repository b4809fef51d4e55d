// The figure of any tsnwb view from its state: one table from widget kind to renderer, used by the
// kernel's saveFigure and still figures and by the views' "save SVG / PNG", so all draw alike.
import { WIDGET_NAMES, type WidgetKind } from "../contract/common.js";
import type { AlignedState } from "../contract/aligned.js";
import type { CouplingState } from "../contract/coupling.js";
import type { MovieState } from "../contract/movie.js";
import type { RasterState } from "../contract/raster.js";
import type { RoiState } from "../contract/roi.js";
import type { TableState } from "../contract/table.js";
import type { LaneSlice, TraceState } from "../contract/trace.js";
import type { TreeState } from "../contract/tree.js";
import type { RecordingState } from "../contract/recording.js";
import { renderRecordingSvg } from "./recording.js";
import { renderAlignedSvg } from "./aligned.js";
import { COUPLING_LANES_SHARE, renderCouplingSvg } from "./coupling.js";
import { renderMovieSvg } from "./movie.js";
import { renderRasterSvg } from "./raster.js";
import { renderRoiSvg } from "./roi.js";
import { renderTableSvg, renderTreeSvg } from "./table.js";
import { renderTraceSvg } from "./trace.js";

/** Width of a figure when none is asked for, CSS pixels. */
export const FIGURE_WIDTH = 900;

export interface FigureOptions {
  /** Figure width in CSS pixels for trace-like figures (default FIGURE_WIDTH). */
  width?: number;
  /** Lane views: the window's slices by lane id (default: the overviews in state). */
  slices?: Record<string, LaneSlice>;
}

const RENDERERS: Record<
  WidgetKind,
  (state: any, width: number, slices?: Record<string, LaneSlice>) => string
> = {
  trace: (state: TraceState, width, slices) => renderTraceSvg(state, { width, slices }),
  coupling: (state: CouplingState, width, slices) => renderCouplingSvg(state, { width, slices }),
  raster: (state: RasterState, width) => renderRasterSvg(state, { width }),
  roi: (state: RoiState) => renderRoiSvg(state),
  movie: (state: MovieState) => renderMovieSvg(state),
  table: (state: TableState) => renderTableSvg(state),
  tree: (state: TreeState) => renderTreeSvg(state),
  aligned: (state: AlignedState, width) => renderAlignedSvg(state, { width }),
  recording: (state: RecordingState, width) => renderRecordingSvg(state, { width }),
};

/** The figure of a `kind` view with this state, as an SVG document. */
export function renderFigureSvg(
  kind: WidgetKind,
  state: object,
  options: FigureOptions = {},
): string {
  const render = RENDERERS[kind];
  if (!render)
    throw new TypeError(
      `tsnwb: no figure renderer for '${kind}' views; expected one of ${Object.keys(RENDERERS).join(", ")}`,
    );
  return render(state, options.width ?? FIGURE_WIDTH, options.slices);
}

/** Pixel width of the lanes in a figure `width` wide (what their slices are decimated to); 0 for
 *  views without lanes. */
export function figureLanePixels(kind: WidgetKind, width = FIGURE_WIDTH): number {
  if (kind === "trace") return width;
  if (kind === "coupling") return Math.round(width * COUPLING_LANES_SHARE);
  return 0;
}

/** The widget kind of a model class name ("TraceModel" → "trace"), or undefined for other widgets. */
export function widgetKindOfModel(modelName: string): WidgetKind | undefined {
  return (Object.keys(WIDGET_NAMES) as WidgetKind[]).find(
    (k) => WIDGET_NAMES[k].modelName === modelName,
  );
}
