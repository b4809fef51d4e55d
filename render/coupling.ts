// CouplingView as an SVG figure: aligned voltage / spikes / ΔF/F lanes on the left, and on the
// right one panel per AP-count class (1, 2, 3+) with each group's event-triggered mean ± s.e.m.
// and its fitted rise/decay curve.
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { AP_CLASSES, type CouplingState } from "../contract/coupling.js";
import type { LaneSlice } from "../contract/trace.js";
import { bottomAxis, leftAxis, niceDomain } from "./axis.js";
import { asFloat32 } from "../contract/typed-arrays.js";
import { cursorLine } from "./cursor.js";
import { drawLanes, laneMessages } from "./lanes.js";
import { colorbarSvg, heatmapHeight, heatmapSvg } from "./aligned-heatmap.js";
import { meanSemPaths } from "./mean-sem.js";
import { el, messageLines, svgDocument, text } from "./svg.js";

export interface CouplingFigureOptions {
  width?: number;
  height?: number;
  slices?: Record<string, LaneSlice | undefined>;
  idPrefix?: string;
}

/** Share of the figure's width taken by the lanes on the left. */
export const COUPLING_LANES_SHARE = 0.55;

function fmtMs(s: number): string {
  return `${Math.round(s * 1000)} ms`;
}

export function renderCouplingSvg(state: CouplingState, opts: CouplingFigureOptions = {}): string {
  const width = opts.width ?? 1000;
  const height = (opts.height ?? 560) - 40;
  const leftW = Math.round(width * COUPLING_LANES_SHARE);
  const idPrefix = opts.idPrefix ?? "tsnwb-coupling";
  const drawn = state.lanes.length
    ? drawLanes(
        { lanes: state.lanes, xRange: state.xRange, yRanges: {}, slices: opts.slices },
        { x: 130, y: 34, width: leftW - 150, height: height - 60, idPrefix },
      )
    : null;
  const lanes = drawn ? drawn.svg + cursorLine(state.cursor, drawn.x, 34, height - 26) : "";

  const lags = asFloat32(state.lags);
  const panelX = leftW + 60;
  const panelW = width - panelX - 20;
  const panelH = (height - 40) / AP_CLASSES.length - 30;
  const x = scaleLinear()
    .domain(lags.length > 1 ? [lags[0]!, lags[lags.length - 1]!] : state.window)
    .range([panelX, panelX + panelW]);
  const panels: string[] = [];
  AP_CLASSES.forEach((apClass, p) => {
    const top = 34 + p * (panelH + 30);
    let lo = Infinity,
      hi = -Infinity;
    for (const g of state.groups) {
      const avg = g.averages.find((a) => a.apClass === apClass);
      if (!avg || avg.eventCount === 0) continue;
      const m = asFloat32(avg.mean),
        s = asFloat32(avg.sem);
      for (let i = 0; i < m.length; i++) {
        const e = Number.isFinite(s[i]!) ? s[i]! : 0;
        if (Number.isFinite(m[i]!)) {
          lo = Math.min(lo, m[i]! - e);
          hi = Math.max(hi, m[i]! + e);
        }
      }
    }
    const y = scaleLinear()
      .domain(niceDomain(lo, hi))
      .range([top + panelH, top]);
    const body: string[] = [
      text(
        { x: panelX, y: top - 6, "font-weight": "bold" },
        `${apClass} AP${apClass === "1" ? "" : "s"}`,
      ),
      leftAxis(y, panelX),
    ];
    state.groups.forEach((g, gi) => {
      const avg = g.averages.find((a) => a.apClass === apClass);
      const legendY = top + 12 + gi * 13;
      if (!avg || avg.eventCount === 0) {
        body.push(
          text(
            { x: panelX + panelW - 4, y: legendY, "text-anchor": "end", fill: g.color },
            `${g.label}: no events`,
          ),
        );
        return;
      }
      const m = asFloat32(avg.mean),
        s = asFloat32(avg.sem),
        f = asFloat32(avg.fitCurve);
      const { band, mean } = meanSemPaths(lags, m, s, x, y);
      body.push(
        el("path", {
          class: "sem",
          d: band ?? undefined,
          fill: g.color,
          "fill-opacity": 0.2,
          stroke: "none",
        }),
      );
      body.push(
        el("path", {
          class: "mean",
          "data-group": g.label,
          "data-ap": apClass,
          "data-points": String(lags.length),
          d: mean ?? undefined,
          fill: "none",
          stroke: g.color,
          "stroke-width": 1.5,
        }),
      );
      if (avg.fit && f.length === lags.length) {
        const fit = line<number>()
          .x((_, i) => x(lags[i]!))
          .y((v) => y(v))
          .digits(2)(Array.from(f));
        body.push(
          el("path", {
            class: "fit",
            "data-group": g.label,
            "data-ap": apClass,
            d: fit ?? undefined,
            fill: "none",
            stroke: "#000",
            "stroke-dasharray": "4,3",
            "stroke-width": 1,
          }),
        );
      }
      const fitText = avg.fit
        ? ` · τrise ${fmtMs(avg.fit.riseTime)} · τdecay ${fmtMs(avg.fit.decayTime)}`
        : " · no fit";
      body.push(
        text(
          {
            x: panelX + panelW - 4,
            y: legendY,
            "text-anchor": "end",
            fill: g.color,
            class: "legend",
          },
          `${g.label} (n=${avg.eventCount})${fitText}`,
        ),
      );
    });
    if (p === AP_CLASSES.length - 1)
      body.push(bottomAxis(x, top + panelH + 4, "time from first AP (s)", 5));
    panels.push(el("g", { class: "coupling-panel", "data-ap": apClass }, ...body));
  });

  const events = eventsSection(state, { top: height + 34, width });
  const msg = messageLines(
    [...state.messages, ...laneMessages(state.lanes)],
    10,
    height + 34 + events.height,
  );
  const body = [
    text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
    lanes,
    ...panels,
    events.svg,
    msg.svg,
  ];
  return svgDocument(
    width,
    height + 40 + events.height + msg.height,
    el("g", { class: "coupling-figure" }, ...body),
    state.title,
  );
}

/** The shown cell's events as an aligned heat map (AlignedView's rows and renderer), one row per
 *  isolated AP event grouped by AP class, below the lanes and averages; nothing without events. */
function eventsSection(
  state: CouplingState,
  at: { top: number; width: number },
): { svg: string; height: number } {
  const rows = state.events;
  if (!rows || rows.trials.length === 0) return { svg: "", height: 0 };
  const left = 130;
  const plotW = at.width - left - 80;
  const top = at.top + 22;
  const mapH = heatmapHeight(rows.trials.length);
  const lags = asFloat32(state.lags);
  const x = scaleLinear()
    .domain(lags.length > 1 ? [lags[0]!, lags[lags.length - 1]!] : state.window)
    .range([left, left + plotW]);
  const panel = { ...rows, lags: state.lags };
  const fmt = scaleLinear().domain(rows.valueRange).tickFormat(3);
  const svg = el(
    "g",
    { class: "coupling-events" },
    text(
      { x: left, y: top - 8, "font-weight": "bold" },
      "ΔF/F around each isolated AP event of the shown cell",
    ),
    ...heatmapSvg(panel, x, { left, top, height: mapH }),
    ...colorbarSvg(rows.valueRange, fmt, { x: left + plotW + 14, top, height: mapH }),
    bottomAxis(x, top + mapH + 4, "time from first AP (s)", 8),
  );
  return { svg, height: mapH + 70 };
}
