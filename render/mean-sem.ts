// A mean ± s.e.m. curve: its extent and its SVG paths (the band and the mean line), shared by the
// figures and views that draw averages (coupling, aligned). Non-finite means leave gaps; a
// non-finite s.e.m. (fewer than 2 traces) draws as no band.
import type { ScaleLinear } from "d3-scale";
import { area, line } from "d3-shape";

type Point = [lag: number, mean: number, sem: number];

/** [lo, hi] of mean ∓ s.e.m. over the curves (±Infinity when none is finite). */
export function meanSemExtent(
  curves: { mean: ArrayLike<number>; sem: ArrayLike<number> }[],
): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const { mean: m, sem: s } of curves)
    for (let i = 0; i < m.length; i++) {
      if (!Number.isFinite(m[i]!)) continue;
      const e = Number.isFinite(s[i]!) ? s[i]! : 0;
      lo = Math.min(lo, m[i]! - e);
      hi = Math.max(hi, m[i]! + e);
    }
  return [lo, hi];
}

/** Path data of the s.e.m. band and the mean line on scales x (lag) and y (value). */
export function meanSemPaths(
  lags: ArrayLike<number>,
  mean: ArrayLike<number>,
  sem: ArrayLike<number>,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  digits: number | null = 2,
): { band: string | null; mean: string | null } {
  const pts = Array.from(lags, (t, i): Point => [
    t,
    mean[i]!,
    Number.isFinite(sem[i]!) ? sem[i]! : 0,
  ]);
  return {
    band: area<Point>()
      .defined((d) => Number.isFinite(d[1]))
      .x((d) => x(d[0]))
      .y0((d) => y(d[1] - d[2]))
      .y1((d) => y(d[1] + d[2]))
      .digits(digits)(pts),
    mean: line<Point>()
      .defined((d) => Number.isFinite(d[1]))
      .x((d) => x(d[0]))
      .y((d) => y(d[1]))
      .digits(digits)(pts),
  };
}
