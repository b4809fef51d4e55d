// Axes drawn as SVG text: a horizontal time axis and small vertical value axes, ticks by d3-scale.
import type { ScaleLinear } from "d3-scale";
import { el, num, text } from "./svg.js";

export function bottomAxis(
  x: ScaleLinear<number, number>,
  y: number,
  label: string,
  ticks = 8,
): string {
  const [r0, r1] = x.range() as [number, number];
  const fmt = x.tickFormat(ticks);
  const parts = [
    el("path", { d: `M${num(r0)},${num(y)}H${num(r1)}`, stroke: "#333", fill: "none" }),
  ];
  for (const t of x.ticks(ticks)) {
    const px = x(t);
    parts.push(el("path", { d: `M${num(px)},${num(y)}v5`, stroke: "#333" }));
    parts.push(text({ x: px, y: y + 16, "text-anchor": "middle" }, fmt(t)));
  }
  parts.push(text({ x: (r0 + r1) / 2, y: y + 31, "text-anchor": "middle" }, label));
  return el("g", { class: "axis axis-x" }, ...parts);
}

export function leftAxis(yScale: ScaleLinear<number, number>, x: number, ticks = 3): string {
  const [r0, r1] = yScale.range() as [number, number];
  const fmt = yScale.tickFormat(ticks);
  const parts = [
    el("path", { d: `M${num(x)},${num(r0)}V${num(r1)}`, stroke: "#333", fill: "none" }),
  ];
  for (const t of yScale.ticks(ticks)) {
    const py = yScale(t);
    parts.push(el("path", { d: `M${num(x)},${num(py)}h-4`, stroke: "#333" }));
    parts.push(text({ x: x - 6, y: py + 4, "text-anchor": "end" }, fmt(t)));
  }
  return el("g", { class: "axis axis-y" }, ...parts);
}

/** A finite [lo, hi] with lo < hi from data extremes (pads flat or empty data). */
export function niceDomain(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi > lo) {
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }
  const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
  return [lo - d, hi + d];
}
