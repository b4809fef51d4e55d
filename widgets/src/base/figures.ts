// "Save SVG / PNG" draws the figure with the kernel's own renderers (render/), so a file
// saved in the browser is the figure `saveFigure(widget, …)` writes headlessly — except that lane
// views pass the window they show now instead of the kernel's.
import type { WidgetKind } from "../../../contract/common";
import type { CouplingState } from "../../../contract/coupling";
import type { MovieState } from "../../../contract/movie";
import type { RasterState } from "../../../contract/raster";
import type { RoiState } from "../../../contract/roi";
import type { TableState } from "../../../contract/table";
import type { LaneSlice, TraceState } from "../../../contract/trace";
import type { TreeState } from "../../../contract/tree";
import { renderCouplingSvg } from "../../../render/coupling";
import { renderMovieSvg } from "../../../render/movie";
import { renderRasterSvg } from "../../../render/raster";
import { renderRoiSvg } from "../../../render/roi";
import { renderTableSvg, renderTreeSvg } from "../../../render/table";
import { renderTraceSvg } from "../../../render/trace";

/** What a view hands over: its model's state, plus (lane views) the window data shown now. */
export interface FigureInput {
  state: Record<string, unknown>;
  slices?: Record<string, LaneSlice>;
}

const WIDTH = 900;

const RENDERERS: Record<WidgetKind, (input: FigureInput) => string> = {
  trace: ({ state, slices }) => renderTraceSvg(state as unknown as TraceState, { width: WIDTH, slices }),
  coupling: ({ state, slices }) => renderCouplingSvg(state as unknown as CouplingState, { width: WIDTH, slices }),
  raster: ({ state }) => renderRasterSvg(state as unknown as RasterState, { width: WIDTH }),
  roi: ({ state }) => renderRoiSvg(state as unknown as RoiState),
  movie: ({ state }) => renderMovieSvg(state as unknown as MovieState),
  table: ({ state }) => renderTableSvg(state as unknown as TableState),
  tree: ({ state }) => renderTreeSvg(state as unknown as TreeState),
};

export function renderFigure(kind: WidgetKind, input: FigureInput): string {
  const render = RENDERERS[kind];
  if (!render) throw new Error(`tsnwb: no figure renderer for '${kind}' views`);
  return render(input);
}
