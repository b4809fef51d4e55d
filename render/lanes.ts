// Lanes on one linked time axis (TraceView, and the left half of CouplingView): each line lane is
// autoscaled to its visible data unless a y range is fixed; event lanes are rows of ticks.
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { unpackLaneSlice, type LaneSlice, type TraceLane } from "../contract/trace.js";
import { bottomAxis, leftAxis, niceDomain } from "./axis.js";
import { el, num, text } from "./svg.js";

export interface LanesLayout {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Prefix of clip-path ids (unique per figure on a page). */
  idPrefix: string;
}

export interface LanesInput {
  lanes: TraceLane[];
  xRange: [number, number];
  yRanges: Record<string, [number, number] | null>;
  /** Window slices fetched for the current view, by lane id; lanes without one use their overview. */
  slices?: Record<string, LaneSlice | undefined>;
}

const EVENT_LANE_HEIGHT = 28;
const LANE_GAP = 12;

/** Points of `slice` inside [x0, x1] plus one neighbour each side (lines must reach the edges). */
function visible(times: Float64Array, x0: number, x1: number): [number, number] {
  let a = 0;
  while (a < times.length && times[a]! < x0) a++;
  let b = a;
  while (b < times.length && times[b]! <= x1) b++;
  return [Math.max(0, a - 1), Math.min(times.length, b + 1)];
}

export function drawLanes(
  input: LanesInput,
  layout: LanesLayout,
): { svg: string; x: ScaleLinear<number, number> } {
  const [x0, x1] =
    input.xRange[1] > input.xRange[0] ? input.xRange : [input.xRange[0], input.xRange[0] + 1];
  const xs = scaleLinear()
    .domain([x0, x1])
    .range([layout.x, layout.x + layout.width]);
  const lineLanes = input.lanes.filter((l) => l.kind === "line").length;
  const eventLanes = input.lanes.length - lineLanes;
  const gaps = Math.max(0, input.lanes.length - 1) * LANE_GAP;
  const lineHeight = lineLanes
    ? Math.max(20, (layout.height - gaps - eventLanes * EVENT_LANE_HEIGHT) / lineLanes)
    : 0;

  const parts: string[] = [];
  let top = layout.y;
  input.lanes.forEach((lane, k) => {
    const h = lane.kind === "line" ? lineHeight : EVENT_LANE_HEIGHT;
    const clipId = `${layout.idPrefix}-lane-${k}`;
    const slice = input.slices?.[lane.id] ?? lane.overview;
    const { times, values } = unpackLaneSlice(slice, slice.data);
    const [a, b] = visible(times, x0, x1);
    const body: string[] = [
      el(
        "clipPath",
        { id: clipId },
        el("rect", { x: layout.x, y: top, width: layout.width, height: h }),
      ),
    ];
    const labelText = lane.unit ? `${lane.label} (${lane.unit})` : lane.label;
    body.push(
      text(
        { x: 4, y: top + Math.min(h / 2, 14), class: "lane-label", fill: lane.color },
        labelText,
      ),
    );
    if (lane.kind === "line" && values) {
      let lo = Infinity,
        hi = -Infinity;
      for (let i = a; i < b; i++) {
        const t = times[i]!;
        const v = values[i]!;
        if (t < x0 || t > x1 || v !== v) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const fixed = input.yRanges[lane.id];
      const domain = fixed && fixed[1] > fixed[0] ? fixed : niceDomain(lo, hi);
      const ys = scaleLinear()
        .domain(domain)
        .range([top + h, top]);
      let points = 0;
      const pts: [number, number][] = [];
      for (let i = a; i < b; i++) {
        pts.push([times[i]!, values[i]!]);
        if (values[i] === values[i]) points++;
      }
      const d =
        line<[number, number]>()
          .defined((p) => Number.isFinite(p[1]))
          .x((p) => xs(p[0]))
          .y((p) => ys(p[1]))
          .digits(2)(pts) ?? "";
      body.push(leftAxis(ys, layout.x));
      body.push(
        el("path", {
          class: "lane-line",
          "data-lane": lane.id,
          "data-points": String(points),
          d: d || undefined,
          fill: "none",
          stroke: lane.color,
          "stroke-width": 1,
          "clip-path": `url(#${clipId})`,
        }),
      );
    } else {
      let d = "";
      let n = 0;
      for (let i = a; i < b; i++) {
        const t = times[i]!;
        if (t < x0 || t > x1) continue;
        d += `M${num(xs(t))},${num(top + 3)}V${num(top + h - 3)}`;
        n++;
      }
      body.push(
        el("path", {
          d: `M${num(layout.x)},${num(top + h)}H${num(layout.x + layout.width)}`,
          stroke: "#ccc",
        }),
      );
      body.push(
        el("path", {
          class: "lane-events",
          "data-lane": lane.id,
          "data-points": String(n),
          d: d || undefined,
          stroke: lane.color,
          "stroke-width": 1,
        }),
      );
    }
    parts.push(el("g", { class: "lane", "data-lane": lane.id }, ...body));
    top += h + LANE_GAP;
  });
  parts.push(bottomAxis(xs, top - LANE_GAP + 4, "time (s)"));
  return { svg: el("g", { class: "lanes" }, ...parts), x: xs };
}

/** Messages of the lanes, each prefixed with its lane's label. */
export function laneMessages(lanes: TraceLane[]): string[] {
  return lanes.flatMap((l) => l.messages.map((m) => `${l.label}: ${m}`));
}
