// A linked view's cursor (contract/time-link.ts) as a vertical line in a still figure; nothing
// when there is no cursor or it lies outside the window shown.
import type { ScaleLinear } from "d3-scale";
import { el, num } from "./svg.js";

export function cursorLine(
  cursor: number | null | undefined,
  x: ScaleLinear<number, number>,
  top: number,
  bottom: number,
): string {
  if (cursor === null || cursor === undefined || !Number.isFinite(cursor)) return "";
  const [t0, t1] = x.domain() as [number, number];
  if (cursor < t0 || cursor > t1) return "";
  const px = num(x(cursor));
  return el("line", {
    class: "tsnwb-cursor",
    x1: px,
    x2: px,
    y1: num(top),
    y2: num(bottom),
    stroke: "#d62728",
    "stroke-width": 1.5,
  });
}
