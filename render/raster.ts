// RasterView as an SVG figure: one row of ticks per unit or trial, the PSTH as bars below.
import { scaleLinear } from "d3-scale";
import type { RasterState } from "../contract/raster.js";
import { bottomAxis, leftAxis, niceDomain } from "./axis.js";
import { cursorLine } from "./cursor.js";
import { asFloat32, asFloat64, asUint32 } from "../contract/typed-arrays.js";
import { el, messageLines, num, svgDocument, text } from "./svg.js";

export function renderRasterSvg(
  state: RasterState,
  opts: { width?: number; height?: number } = {},
): string {
  const width = opts.width ?? 900;
  const left = 110;
  const plotW = width - left - 20;
  const rowsH = Math.max(60, (opts.height ?? 520) - 34 - 150);
  // the window a zoom or a time link shows; older saved states have no visibleRange
  const range = state.visibleRange ?? state.xRange;
  const x = scaleLinear()
    .domain(range[1] > range[0] ? range : [0, 1])
    .range([left, left + plotW]);
  const times = asFloat64(state.spikeTimes);
  const offsets = asUint32(state.rowOffsets);
  const nRows = state.rows.length;
  const rowH = nRows ? rowsH / nRows : rowsH;
  const top = 34;
  let d = "";
  let ticks = 0;
  for (let r = 0; r < nRows; r++) {
    const y0 = top + r * rowH;
    const h = Math.max(1, rowH * 0.8);
    for (let k = offsets[r]!; k < offsets[r + 1]!; k++) {
      const t = times[k]!;
      if (t < range[0] || t > range[1]) continue;
      d += `M${num(x(t))},${num(y0)}v${num(h)}`;
      ticks++;
    }
  }
  const labels: string[] = [];
  const every = Math.max(1, Math.ceil(nRows / Math.max(1, Math.floor(rowsH / 12))));
  for (let r = 0; r < nRows; r += every)
    labels.push(
      text(
        { x: left - 6, y: top + (r + 0.5) * rowH + 4, "text-anchor": "end", class: "row-label" },
        state.rows[r]!.label,
      ),
    );

  // Row groups (rows grouped by a table column): a dashed line between groups, each group's label
  // at the right end of its first row. Older saved states have no groups.
  const groups = state.groups ?? [];
  if (groups.length > 1)
    for (const g of groups) {
      const y0 = top + g.firstRow * rowH;
      if (g.firstRow > 0)
        labels.push(
          el("path", {
            class: "group-separator",
            d: `M${num(left)},${num(y0)}H${num(left + plotW)}`,
            stroke: "#d62728",
            "stroke-dasharray": "4,3",
          }),
        );
      labels.push(
        text(
          {
            x: left + plotW - 4,
            y: y0 + 10,
            "text-anchor": "end",
            class: "group-label",
            fill: "#d62728",
          },
          `${g.label} (${g.rowCount})`,
        ),
      );
    }

  const rate = asFloat32(state.psth.rate);
  const psthTop = top + rowsH + 30;
  const psthH = 80;
  let hi = 0;
  for (const v of rate) hi = Math.max(hi, v);
  const y = scaleLinear()
    .domain(
      hi > 0 ? [0, hi * 1.05] : (niceDomain(0, 0).map((v) => Math.max(0, v)) as [number, number]),
    )
    .range([psthTop + psthH, psthTop]);
  let bars = "";
  for (let b = 0; b < rate.length; b++) {
    const t0 = state.psth.start + b * state.psth.binSize;
    if (t0 + state.psth.binSize < range[0] || t0 > range[1]) continue;
    const x0 = x(Math.max(t0, range[0]));
    const x1 = x(Math.min(t0 + state.psth.binSize, range[1]));
    if (rate[b]! > 0)
      bars += `M${num(x0)},${num(psthTop + psthH)}V${num(y(rate[b]!))}H${num(x1)}V${num(psthTop + psthH)}Z`;
  }
  const xLabel =
    state.mode === "trials" && state.alignment
      ? `time from ${state.alignment.label} (s)`
      : "time (s)";
  const msg = messageLines(state.messages, 10, psthTop + psthH + 40);
  const body = [
    text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
    el(
      "g",
      { class: "raster" },
      el("path", {
        class: "spikes",
        "data-ticks": String(ticks),
        d: d || undefined,
        stroke: "#222",
        "stroke-width": 1,
      }),
      ...labels,
    ),
    state.mode === "trials"
      ? el("path", {
          d: `M${num(x(0))},${num(top)}V${num(top + rowsH)}`,
          stroke: "#d62728",
          "stroke-dasharray": "3,3",
        })
      : "",
    el(
      "g",
      { class: "psth", "data-bins": String(rate.length) },
      el("path", { class: "psth-bars", d: bars || undefined, fill: "#1f77b4" }),
      leftAxis(y, left),
    ),
    text(
      { x: 10, y: psthTop + psthH / 2, class: "psth-label" },
      `rate (Hz), bin ${state.psth.binSize} s`,
    ),
    bottomAxis(x, psthTop + psthH + 4, xLabel),
    cursorLine(state.cursor, x, top, psthTop + psthH),
    msg.svg,
  ];
  return svgDocument(
    width,
    psthTop + psthH + 44 + msg.height,
    el("g", { class: "raster-figure" }, ...body),
    state.title,
  );
}
