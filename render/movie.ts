// MovieView as an SVG figure: the current frame with the ROI overlay, frame number and time.
import { frameImageValues, type MovieState } from "../contract/movie.js";
import { colorbar, drawImageLayer } from "./image-layer.js";
import { el, messageLines, svgDocument, text } from "./svg.js";

export function renderMovieSvg(
  state: MovieState,
  opts: { size?: number; idPrefix?: string } = {},
): string {
  const size = opts.size ?? 520;
  const { svg: layer, placed } = drawImageLayer(
    {
      image: frameImageValues(state),
      imageSize: state.frameSize,
      colormap: state.colormap,
      contrast: state.contrast,
      rois: state.rois,
      selected: state.highlighted ?? [],
      showRois: state.showRois,
    },
    { x: 10, y: 34, width: size, height: size },
  );
  const caption = state.frameCount
    ? `frame ${state.frame + 1} of ${state.frameCount} · t = ${Math.round(state.frameTime * 1000) / 1000} s`
    : "no frames";
  const msg = messageLines(state.messages, 10, placed.y + placed.height + 22);
  const body = [
    text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
    layer,
    state.frameImage
      ? colorbar(
          state.colormap,
          state.contrast,
          {
            x: placed.x + placed.width + 12,
            y: placed.y,
            width: 14,
            height: Math.min(200, placed.height),
          },
          opts.idPrefix ?? "tsnwb-movie",
        )
      : "",
    text({ x: 10, y: placed.y + placed.height + 16, class: "frame-caption" }, caption),
    msg.svg,
  ];
  return svgDocument(
    Math.max(placed.width + 90, 360),
    placed.y + placed.height + 28 + msg.height,
    el("g", { class: "movie-figure" }, ...body),
    state.title,
  );
}
