// AlignedView as an SVG figure: the trials heat map (rows top to bottom as in state, groups
// separated and labelled, colour bar on the right) above each group's mean ± s.e.m. on the same
// lag axis, with the event at 0 marked.
import { scaleLinear } from "d3-scale";
import type { AlignedState } from "../contract/aligned.js";
import { asFloat32 } from "../contract/typed-arrays.js";
import { alignedValueLabel, colorbarSvg, heatmapHeight, heatmapSvg } from "./aligned-heatmap.js";
import { bottomAxis, leftAxis, niceDomain } from "./axis.js";
import { meanSemExtent, meanSemPaths } from "./mean-sem.js";
import { el, messageLines, num, svgDocument, text } from "./svg.js";

export function renderAlignedSvg(
  state: AlignedState,
  opts: { width?: number; height?: number } = {},
): string {
  const width = opts.width ?? 900;
  const left = 130;
  const plotW = width - left - 80;
  const top = 34;
  const nRows = state.trials.length;
  const mapH = heatmapHeight(nRows);
  const lags = asFloat32(state.lags);
  const x = scaleLinear()
    .domain(lags.length > 1 ? [lags[0]!, lags[lags.length - 1]!] : state.window)
    .range([left, left + plotW]);
  const map = heatmapSvg(state, x, { left, top, height: mapH });
  const fmt = scaleLinear().domain(state.valueRange).tickFormat(3);
  const bar = colorbarSvg(state.valueRange, fmt, { x: left + plotW + 14, top, height: mapH });

  const avgTop = top + mapH + 24;
  const avgH = 170;
  const [lo, hi] = meanSemExtent(
    state.groups.map((g) => ({ mean: asFloat32(g.mean), sem: asFloat32(g.sem) })),
  );
  const y = scaleLinear()
    .domain(niceDomain(lo, hi))
    .range([avgTop + avgH, avgTop]);
  const avg: string[] = [leftAxis(y, left, 4)];
  state.groups.forEach((g, gi) => {
    const { band, mean } = meanSemPaths(lags, asFloat32(g.mean), asFloat32(g.sem), x, y);
    avg.push(
      el("path", { class: "sem", d: band ?? undefined, fill: g.color, "fill-opacity": 0.2 }),
      el("path", {
        class: "mean",
        "data-group": g.label,
        d: mean ?? undefined,
        fill: "none",
        stroke: g.color,
        "stroke-width": 1.5,
      }),
      text(
        { x: left + plotW - 4, y: avgTop + 12 + gi * 13, "text-anchor": "end", fill: g.color },
        `${g.label}: mean ± s.e.m., n = ${g.trialCount}`,
      ),
    );
  });
  const zero = (y0: number, y1: number): string =>
    lags.length && x(0) >= left && x(0) <= left + plotW
      ? el("path", {
          class: "event-line",
          d: `M${num(x(0))},${num(y0)}V${num(y1)}`,
          stroke: "#d62728",
          "stroke-dasharray": "3,3",
        })
      : "";
  const msgTop = avgTop + avgH + 44;
  const msg = messageLines(state.messages, 10, msgTop);
  const body = [
    text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
    el("g", { class: "trials" }, ...map, zero(top, top + mapH)),
    el("g", { class: "colorbar" }, ...bar),
    el("g", { class: "averages" }, ...avg, zero(avgTop, avgTop + avgH)),
    text(
      {
        x: 14,
        y: avgTop + avgH / 2,
        transform: `rotate(-90 14 ${num(avgTop + avgH / 2)})`,
        "text-anchor": "middle",
        class: "value-label",
      },
      alignedValueLabel(state),
    ),
    bottomAxis(x, avgTop + avgH + 4, `time from ${state.alignment.label} (s)`),
    msg.svg,
  ];
  return svgDocument(
    width,
    msgTop + msg.height + 6,
    el("g", { class: "aligned-figure" }, ...body),
    state.title,
  );
}
