// RoiView as an SVG figure: the projection, every ROI outline (selected ones highlighted), a colour
// bar, and the messages.
import type { RoiState } from "../contract/roi.js";
import { colorbar, drawImageLayer } from "./image-layer.js";
import { el, messageLines, svgDocument, text } from "./svg.js";

export interface RoiFigureOptions {
  /** Size of the image area (the image keeps its aspect ratio inside it). */
  size?: number;
  idPrefix?: string;
}

export function renderRoiSvg(state: RoiState, opts: RoiFigureOptions = {}): string {
  const size = opts.size ?? 520;
  const idPrefix = opts.idPrefix ?? "tsnwb-roi";
  const { svg: layer, placed } = drawImageLayer(
    { ...state, showRois: true },
    { x: 10, y: 34, width: size, height: size },
  );
  const width = placed.width + 90;
  const kindLabel = state.image ? `${state.imageKind} image, ${state.colormap}` : "no image";
  const caption = text(
    { x: 10, y: placed.y + placed.height + 16 },
    `${state.rois.ids.length} ROIs · ${state.selected.length} selected · ${kindLabel}`,
  );
  const msg = messageLines(state.messages, 10, placed.y + placed.height + 22);
  const height = placed.y + placed.height + 28 + msg.height;
  const body = [
    text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
    layer,
    state.image
      ? colorbar(
          state.colormap,
          state.contrast,
          {
            x: placed.x + placed.width + 12,
            y: placed.y,
            width: 14,
            height: Math.min(200, placed.height),
          },
          idPrefix,
        )
      : "",
    caption,
    msg.svg,
  ];
  return svgDocument(
    Math.max(width, 360),
    height,
    el("g", { class: "roi-figure" }, ...body),
    state.title,
  );
}
