// Registers each view's still figure with the kernel's display paths (kernel/widget/static-figure):
// vector views as SVG; ROI and movie views, whose figure is mostly one raster image, as PNG (an SVG
// with an embedded PNG is larger, and sanitizing renderers such as GitHub's drop embedded images).
import { WIDGET_NAMES, type WidgetKind } from "../../../contract/common.js";
import { registerStaticFigure, type StaticFigure } from "../../kernel/widget/static-figure.js";
import type { Widget } from "../../kernel/widget/widget.js";
import { svgToPng } from "./png.js";
import { figureSvg } from "./save-figure.js";

/** Views drawn as PNG; every other view is SVG. */
const RASTER_KINDS: ReadonlySet<WidgetKind> = new Set(["roi", "movie", "recording"]);
/** PNG pixels per CSS pixel: sharp text on high-density screens, shown at the figure's own size. */
const PNG_SCALE = 2;
/** Per-kind exceptions: a movie's figure is its frame's own pixels, which a 2× upscale does not
 *  sharpen, and drawing it at 1× takes a quarter of the kernel time that frame requests wait for. */
const PNG_SCALE_OF: Partial<Record<WidgetKind, number>> = { movie: 1 };

async function svgFigure(widget: Widget<any>): Promise<StaticFigure> {
  return { data: { "image/svg+xml": await figureSvg(widget) }, metadata: {} };
}

function pngFigure(scale: number): (widget: Widget<any>) => Promise<StaticFigure> {
  return async (widget) => {
    const { png, width, height } = await svgToPng(await figureSvg(widget), scale);
    return {
      data: { "image/png": Buffer.from(png).toString("base64") },
      metadata: {
        "image/png": { width: Math.round(width / scale), height: Math.round(height / scale) },
      },
    };
  };
}

export function registerStillFigures(): void {
  for (const [kind, names] of Object.entries(WIDGET_NAMES) as [
    WidgetKind,
    (typeof WIDGET_NAMES)[WidgetKind],
  ][]) {
    registerStaticFigure(
      names.modelName,
      RASTER_KINDS.has(kind) ? pngFigure(PNG_SCALE_OF[kind] ?? PNG_SCALE) : svgFigure,
    );
  }
}
