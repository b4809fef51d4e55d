// saveFigure(widget, "fig.svg" | "fig.png"): the widget's figure written headlessly with the same
// renderers the views use for "save SVG / PNG".
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { WIDGET_NAMES } from "../../../contract/common.js";
import type { LaneSlice } from "../../../contract/trace.js";
import {
  FIGURE_WIDTH,
  figureLanePixels,
  renderFigureSvg,
  widgetKindOfModel,
} from "../../../render/figure.js";
import type { Widget } from "../../kernel/widget/widget.js";
import { svgToPng } from "./png.js";

export interface SaveFigureOptions {
  /** Figure width in CSS pixels for trace-like figures (default 900). */
  width?: number;
  /** PNG scale factor (default 2, for crisp text). */
  scale?: number;
}

interface HasOwnFigure {
  compositeFigureSvg(options: SaveFigureOptions): Promise<string>;
}

interface HasSlices {
  currentSlices(pixels: number): Promise<Record<string, LaneSlice>>;
}

/** The widget's figure as SVG text (the current window at full figure resolution for traces). */
export async function figureSvg(
  widget: Widget<any>,
  options: SaveFigureOptions = {},
): Promise<string> {
  // A composite view (the recording dashboard) stacks its members' figures itself.
  const composite = widget as unknown as Partial<HasOwnFigure>;
  if (typeof composite.compositeFigureSvg === "function")
    return composite.compositeFigureSvg(options);
  const name = widget.spec.modelName;
  const kind = widgetKindOfModel(name);
  if (!kind) {
    throw new TypeError(
      `saveFigure: ${name} is not a tsnwb widget; expected one of ${Object.values(WIDGET_NAMES)
        .map((n) => n.modelName)
        .join(", ")}`,
    );
  }
  const width = options.width ?? FIGURE_WIDTH;
  const lanePixels = figureLanePixels(kind, width);
  const slices =
    lanePixels > 0 ? await (widget as unknown as HasSlices).currentSlices(lanePixels) : undefined;
  return renderFigureSvg(kind, widget.state, { width, slices });
}

/** Writes the widget's figure to `path` (.svg or .png); returns the path. */
export async function saveFigure(
  widget: Widget<any>,
  path: string,
  options: SaveFigureOptions = {},
): Promise<string> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".svg" && ext !== ".png")
    throw new TypeError(`saveFigure: '${path}': expected a file name ending in .svg or .png`);
  const svg = await figureSvg(widget, options);
  if (ext === ".svg") await writeFile(path, svg, "utf8");
  else await writeFile(path, (await svgToPng(svg, options.scale ?? 2)).png);
  return path;
}
