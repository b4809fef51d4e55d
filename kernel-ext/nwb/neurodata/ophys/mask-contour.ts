// Boundary polygons of a 2-D mask, for drawing ROI outlines. Pixel (x, y) is the unit square
// [x, x+1] × [y, y+1]; the outline runs along pixel edges between pixels inside the mask (value
// > 0) and outside, so it is exact (no interpolation) and closed. One ring per boundary
// (outer outlines counter-clockwise, holes clockwise, in x-right/y-up terms).

/** `mask` is indexed [x * ny + y]; returns rings of [x, y] corner points (first point not repeated). */
export function maskContours(
  mask: ArrayLike<number>,
  nx: number,
  ny: number,
): [number, number][][] {
  const inside = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < nx && y < ny && mask[x * ny + y] > 0;
  const W = ny + 1; // vertex key = vx * W + vy
  const key = (vx: number, vy: number) => vx * W + vy;
  // Directed boundary edges keyed by their start vertex, inside kept on the left.
  const out = new Map<number, number[]>();
  const add = (x0: number, y0: number, x1: number, y1: number) => {
    const k = key(x0, y0);
    const list = out.get(k);
    if (list) list.push(key(x1, y1));
    else out.set(k, [key(x1, y1)]);
  };
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      if (!inside(x, y)) continue;
      if (!inside(x, y - 1)) add(x, y, x + 1, y);
      if (!inside(x + 1, y)) add(x + 1, y, x + 1, y + 1);
      if (!inside(x, y + 1)) add(x + 1, y + 1, x, y + 1);
      if (!inside(x - 1, y)) add(x, y + 1, x, y);
    }
  }
  const rings: [number, number][][] = [];
  const starts = [...out.keys()].sort((a, b) => a - b);
  for (const s of starts) {
    while ((out.get(s)?.length ?? 0) > 0) {
      const ring: number[] = [s];
      let cur = s;
      for (;;) {
        const nexts = out.get(cur);
        if (!nexts || nexts.length === 0) break;
        const next = nexts.shift() as number;
        if (next === s) break;
        ring.push(next);
        cur = next;
      }
      rings.push(simplify(ring.map((k) => [Math.floor(k / W), k % W] as [number, number])));
    }
  }
  return rings;
}

/** Drops points in the middle of straight runs. */
function simplify(ring: [number, number][]): [number, number][] {
  const n = ring.length;
  if (n < 4) return ring;
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const p = ring[(i + n - 1) % n];
    const c = ring[i];
    const q = ring[(i + 1) % n];
    const cross = (c[0] - p[0]) * (q[1] - c[1]) - (c[1] - p[1]) * (q[0] - c[0]);
    if (cross !== 0) out.push(c);
  }
  return out;
}
