// Boundary handling for sliding-window filters on finite signals (scipy.ndimage's mode names).

export type BoundaryMode = "reflect" | "nearest" | "mirror" | "wrap";

export const BOUNDARY_MODES: readonly BoundaryMode[] = ["reflect", "nearest", "mirror", "wrap"];

/** Maps an out-of-range index into [0, n) according to `mode`. */
export function boundaryIndex(i: number, n: number, mode: BoundaryMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case "nearest":
      return i < 0 ? 0 : n - 1;
    case "wrap":
      return ((i % n) + n) % n;
    case "reflect": {
      // d c b a | a b c d | d c b a — period 2n, edge samples repeated.
      const p = 2 * n;
      const k = ((i % p) + p) % p;
      return k < n ? k : p - 1 - k;
    }
    case "mirror": {
      // d c b | a b c d | c b a — period 2n−2, edge samples not repeated.
      if (n === 1) return 0;
      const p = 2 * n - 2;
      const k = ((i % p) + p) % p;
      return k < n ? k : p - k;
    }
  }
}

/** Copy of x extended by `left` and `right` samples according to `mode`. */
export function extendBoundary(
  x: ArrayLike<number>,
  left: number,
  right: number,
  mode: BoundaryMode,
): Float64Array {
  if (!BOUNDARY_MODES.includes(mode))
    throw new RangeError(`mode: expected one of ${BOUNDARY_MODES.join(", ")}, got ${String(mode)}`);
  const n = x.length;
  const out = new Float64Array(n + left + right);
  for (let j = 0; j < out.length; j++) out[j] = x[boundaryIndex(j - left, n, mode)];
  return out;
}

/** Offsets of a centred window of `size` samples: [−⌊size/2⌋, size − ⌊size/2⌋ − 1]. */
export function windowSpan(size: number): { before: number; after: number } {
  const before = Math.floor(size / 2);
  return { before, after: size - before - 1 };
}
