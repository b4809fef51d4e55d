// saveFigure(widget, "fig.svg" | "fig.png"): the widget's figure written headlessly with the same
// renderers the views use for "save SVG / PNG".
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { WIDGET_NAMES } from "../../../contract/common.js";
import type { CouplingState } from "../../../contract/coupling.js";
import type { MovieState } from "../../../contract/movie.js";
import type { RasterState } from "../../../contract/raster.js";
import type { RoiState } from "../../../contract/roi.js";
import type { TableState } from "../../../contract/table.js";
import type { TraceState } from "../../../contract/trace.js";
import type { TreeState } from "../../../contract/tree.js";
import { renderCouplingSvg } from "../../../render/coupling.js";
import { renderMovieSvg } from "../../../render/movie.js";
import { renderRasterSvg } from "../../../render/raster.js";
import { renderRoiSvg } from "../../../render/roi.js";
import { renderTableSvg, renderTreeSvg } from "../../../render/table.js";
import { renderTraceSvg } from "../../../render/trace.js";
import type { Widget } from "../../kernel/widget/widget.js";
import { svgToPng } from "./png.js";

export interface SaveFigureOptions {
  /** Figure width in CSS pixels for trace-like figures (default 900). */
  width?: number;
  /** PNG scale factor (default 2, for crisp text). */
  scale?: number;
}

interface HasSlices {
  currentSlices(pixels: number): Promise<Record<string, import("../../../contract/trace.js").LaneSlice>>;
}

/** The widget's figure as SVG text (the current window at full figure resolution for traces). */
export async function figureSvg(widget: Widget<any>, options: SaveFigureOptions = {}): Promise<string> {
  const name = widget.spec.modelName;
  const state = widget.state;
  const width = options.width ?? 900;
  switch (name) {
    case WIDGET_NAMES.trace.modelName: {
      const slices = await (widget as unknown as HasSlices).currentSlices(width);
      return renderTraceSvg(state as TraceState, { width, slices });
    }
    case WIDGET_NAMES.coupling.modelName: {
      const slices = await (widget as unknown as HasSlices).currentSlices(Math.round(width * 0.55));
      return renderCouplingSvg(state as CouplingState, { width, slices });
    }
    case WIDGET_NAMES.raster.modelName:
      return renderRasterSvg(state as RasterState, { width });
    case WIDGET_NAMES.roi.modelName:
      return renderRoiSvg(state as RoiState);
    case WIDGET_NAMES.movie.modelName:
      return renderMovieSvg(state as MovieState);
    case WIDGET_NAMES.table.modelName:
      return renderTableSvg(state as TableState);
    case WIDGET_NAMES.tree.modelName:
      return renderTreeSvg(state as TreeState);
    default:
      throw new TypeError(`saveFigure: ${name} is not a tsnwb widget; expected one of ${Object.values(WIDGET_NAMES).map((n) => n.modelName).join(", ")}`);
  }
}

/** Writes the widget's figure to `path` (.svg or .png); returns the path. */
export async function saveFigure(widget: Widget<any>, path: string, options: SaveFigureOptions = {}): Promise<string> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".svg" && ext !== ".png") throw new TypeError(`saveFigure: '${path}': expected a file name ending in .svg or .png`);
  const svg = await figureSvg(widget, options);
  if (ext === ".svg") await writeFile(path, svg, "utf8");
  else await writeFile(path, (await svgToPng(svg, options.scale ?? 2)).png);
  return path;
}
