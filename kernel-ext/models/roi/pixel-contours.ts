// Outlines of a set of pixels, traced along pixel edges: closed rings of pixel-corner points
// (x = column, y = row; pixel (c, r) covers [c, c+1] × [r, r+1]). Outer rings run clockwise on
// screen (y down) and holes the other way, so the shoelace area of all rings is the pixel count.
// Works on the ROI's bounding box only, so 10,000 small ROIs on a large plane stay cheap.

/** Directions: 0 → +x, 1 → +y, 2 → −x, 3 → −y. */
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/** Rings as flat [x0, y0, x1, y1, …] arrays (corner points only, no repeated closing point). */
export function pixelContours(cols: ArrayLike<number>, rows: ArrayLike<number>): number[][] {
  const n = cols.length;
  if (n === 0) return [];
  let c0 = Infinity,
    c1 = -Infinity,
    r0 = Infinity,
    r1 = -Infinity;
  for (let k = 0; k < n; k++) {
    c0 = Math.min(c0, cols[k]!);
    c1 = Math.max(c1, cols[k]!);
    r0 = Math.min(r0, rows[k]!);
    r1 = Math.max(r1, rows[k]!);
  }
  const w = c1 - c0 + 1;
  const h = r1 - r0 + 1;
  // Occupancy with a one-pixel empty border.
  const gw = w + 2;
  const grid = new Uint8Array(gw * (h + 2));
  for (let k = 0; k < n; k++) grid[(rows[k]! - r0 + 1) * gw + (cols[k]! - c0 + 1)] = 1;
  const inside = (c: number, r: number) => grid[(r + 1) * gw + (c + 1)] === 1;

  // Up to two outgoing boundary edges per corner vertex (two only where pixels touch diagonally).
  const vw = w + 1;
  const nv = vw * (h + 1);
  const out0 = new Int8Array(nv).fill(-1);
  const out1 = new Int8Array(nv).fill(-1);
  let edges = 0;
  const addEdge = (x: number, y: number, dir: number) => {
    const v = y * vw + x;
    if (out0[v] === -1) out0[v] = dir;
    else out1[v] = dir;
    edges++;
  };
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      if (!inside(c, r)) continue;
      if (!inside(c, r - 1)) addEdge(c, r, 0); // top, going +x
      if (!inside(c + 1, r)) addEdge(c + 1, r, 1); // right, going +y
      if (!inside(c, r + 1)) addEdge(c + 1, r + 1, 2); // bottom, going −x
      if (!inside(c - 1, r)) addEdge(c, r + 1, 3); // left, going −y
    }
  }

  const take = (v: number, incoming: number): number => {
    // Prefer turning right, then straight, then left: diagonal neighbours stay separate rings.
    for (const turn of [1, 0, 3]) {
      const want = (incoming + turn) & 3;
      if (out0[v] === want) {
        out0[v] = -1;
        return want;
      }
      if (out1[v] === want) {
        out1[v] = -1;
        return want;
      }
    }
    return -1;
  };

  const rings: number[][] = [];
  for (let start = 0; start < nv && edges > 0; start++) {
    while (out0[start] !== -1 || out1[start] !== -1) {
      let dir = out0[start] !== -1 ? out0[start]! : out1[start]!;
      if (out0[start] === dir) out0[start] = -1;
      else out1[start] = -1;
      edges--;
      const sx = start % vw;
      const sy = (start - sx) / vw;
      let x = sx,
        y = sy;
      const ring: number[] = [];
      let prev = -1;
      for (;;) {
        if (dir !== prev) ring.push(x + c0, y + r0);
        prev = dir;
        x += DX[dir]!;
        y += DY[dir]!;
        // The start is the ring's first vertex in row-major order, hence always a corner.
        if (x === sx && y === sy) break;
        const next = take(y * vw + x, dir);
        if (next === -1) break; // cannot happen for a closed pixel boundary
        edges--;
        dir = next;
      }
      rings.push(ring);
    }
  }
  return rings;
}

/** Shoelace area of flat rings (positive for clockwise-on-screen outer rings). */
export function ringsArea(rings: number[][]): number {
  let a = 0;
  for (const ring of rings) {
    const m = ring.length / 2;
    for (let i = 0; i < m; i++) {
      const j = (i + 1) % m;
      a += ring[2 * i]! * ring[2 * j + 1]! - ring[2 * j]! * ring[2 * i + 1]!;
    }
  }
  return a / 2;
}
