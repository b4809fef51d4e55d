// The trials × lags heat map of an aligned view as a PNG data: URI (one pixel per trial and lag,
// stretched when drawn), shared by the SVG figure and the live view so both colour alike.
import type { ScaleLinear } from "d3-scale";
import type { AlignedRows, AlignedState } from "../contract/aligned.js";
import { asFloat32 } from "../contract/typed-arrays.js";
import { applyColormap, colormapLut } from "./colormap.js";
import { base64, encodePngRgb } from "./png.js";
import { el, num, text } from "./svg.js";

/** Rows with the lag grid they are on. */
export type RowsOnLags = AlignedRows & { lags: ArrayBufferView };

export const ALIGNED_COLORMAP = "viridis" as const;

/** The heat map image, or null when there are no trials. */
export function alignedHeatmapUri(state: RowsOnLags): string | null {
  const rows = state.trials.length;
  const cols = asFloat32(state.lags).length;
  if (rows === 0 || cols === 0) return null;
  const rgb = applyColormap(
    asFloat32(state.traces),
    state.valueRange[0],
    state.valueRange[1],
    ALIGNED_COLORMAP,
  );
  return `data:image/png;base64,${base64(encodePngRgb(cols, rows, rgb))}`;
}

/** The y-axis label of the averages: the signal and its unit. */
export function alignedValueLabel(state: AlignedState): string {
  return state.signal.unit ? `${state.signal.label} (${state.signal.unit})` : state.signal.label;
}

/** The heat map as SVG at rows top … top + height on the lag scale x: the image, a white line
 *  between groups, and each group's colour bar and "label (n)" left of `left`. */
export function heatmapSvg(
  state: RowsOnLags,
  x: ScaleLinear<number, number>,
  box: { left: number; top: number; height: number },
): string[] {
  const lags = asFloat32(state.lags);
  const nRows = state.trials.length;
  const { left, top, height: mapH } = box;
  const rowH = nRows ? mapH / nRows : mapH;
  const uri = alignedHeatmapUri(state);
  // Each pixel column is a lag: the image spans half a step beyond the first and last lag.
  const step = lags.length > 1 ? (lags[lags.length - 1]! - lags[0]!) / (lags.length - 1) : 0;
  const mapX0 = x(lags[0] ?? 0) - (x(step) - x(0)) / 2;
  const mapX1 = x(lags[lags.length - 1] ?? 0) + (x(step) - x(0)) / 2;
  const map: string[] = [];
  if (uri)
    map.push(
      el("image", {
        class: "heatmap",
        "data-rows": String(nRows),
        "data-lags": String(lags.length),
        x: mapX0,
        y: top,
        width: mapX1 - mapX0,
        height: mapH,
        preserveAspectRatio: "none",
        style: "image-rendering: pixelated",
        href: uri,
      }),
    );
  for (const [gi, g] of state.groups.entries()) {
    const y0 = top + g.firstRow * rowH;
    if (gi > 0)
      map.push(
        el("path", {
          class: "group-separator",
          d: `M${num(mapX0)},${num(y0)}H${num(mapX1)}`,
          stroke: "#fff",
          "stroke-width": 1.5,
        }),
      );
    map.push(
      el("path", {
        d: `M${num(left - 4)},${num(y0 + 1)}V${num(y0 + g.trialCount * rowH - 1)}`,
        stroke: g.color,
        "stroke-width": 3,
      }),
      text(
        {
          x: left - 10,
          y: y0 + (g.trialCount * rowH) / 2 + 4,
          "text-anchor": "end",
          class: "group-label",
          fill: g.color,
        },
        `${g.label} (${g.trialCount})`,
      ),
    );
  }
  return map;
}

/** The colour bar of the heat map at x = barX: valueRange[0] (bottom) to valueRange[1] (top). */
export function colorbarSvg(
  valueRange: [number, number],
  fmt: (v: number) => string,
  box: { x: number; top: number; height: number },
): string[] {
  const lut = colormapLut(ALIGNED_COLORMAP);
  const { x: barX, top, height: mapH } = box;
  const bar: string[] = [];
  for (let i = 0; i < 32; i++) {
    const k = Math.round((i / 31) * 255);
    bar.push(
      el("rect", {
        x: barX,
        y: top + mapH - ((i + 1) * mapH) / 32,
        width: 10,
        height: mapH / 32 + 0.5,
        fill: `rgb(${lut[3 * k]},${lut[3 * k + 1]},${lut[3 * k + 2]})`,
      }),
    );
  }
  bar.push(
    text({ x: barX + 13, y: top + 8 }, fmt(valueRange[1])),
    text({ x: barX + 13, y: top + mapH }, fmt(valueRange[0])),
  );
  return bar;
}

/** Height of a heat map of `rows` rows: 4 px a row, within 80 … 320 px. */
export function heatmapHeight(rows: number): number {
  return Math.max(80, Math.min(320, rows * 4));
}
