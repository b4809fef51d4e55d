// TraceView as an SVG figure (kernel saveFigure and the view's "save SVG" both call this).
import type { LaneSlice, TraceState } from "../contract/trace.js";
import { cursorLine } from "./cursor.js";
import { drawLanes, laneMessages } from "./lanes.js";
import { el, messageLines, svgDocument, text } from "./svg.js";

export interface TraceFigureOptions {
  width?: number;
  height?: number;
  /** Higher-resolution window slices by lane id (the view's current data); default: the overviews. */
  slices?: Record<string, LaneSlice | undefined>;
  idPrefix?: string;
}

export function renderTraceSvg(state: TraceState, opts: TraceFigureOptions = {}): string {
  const width = opts.width ?? 900;
  const plotHeight = (opts.height ?? 480) - 80;
  const messages = [...state.messages, ...laneMessages(state.lanes)];
  const left = 150;
  const { svg: lanes, x } = drawLanes(
    { lanes: state.lanes, xRange: state.xRange, yRanges: state.yRanges, slices: opts.slices },
    {
      x: left,
      y: 34,
      width: width - left - 20,
      height: plotHeight,
      idPrefix: opts.idPrefix ?? "tsnwb-trace",
    },
  );
  const msg = messageLines(messages, 10, 34 + plotHeight + 46);
  const height = 34 + plotHeight + 46 + msg.height + 6;
  const body = [
    text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
    state.lanes.length ? lanes : "",
    state.lanes.length ? cursorLine(state.cursor, x, 34, 34 + plotHeight) : "",
    msg.svg,
  ];
  return svgDocument(width, height, el("g", { class: "trace-figure" }, ...body), state.title);
}
