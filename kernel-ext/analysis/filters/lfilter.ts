// Causal filtering with a single transfer function b/a (direct form II transposed) and its
// step-response steady state.

import { requireFiniteArray } from "../util/validate.js";

/** Normalises (b, a) to a[0] = 1 and equal lengths. */
export function normalizeBa(
  b: ArrayLike<number>,
  a: ArrayLike<number>,
): { b: Float64Array; a: Float64Array } {
  requireFiniteArray(b, "b");
  requireFiniteArray(a, "a");
  if (a[0] === 0) throw new RangeError("a: the leading coefficient a[0] must be non-zero");
  const n = Math.max(a.length, b.length);
  const bb = new Float64Array(n);
  const aa = new Float64Array(n);
  for (let i = 0; i < b.length; i++) bb[i] = b[i] / a[0];
  for (let i = 0; i < a.length; i++) aa[i] = a[i] / a[0];
  return { b: bb, a: aa };
}

/**
 * State that makes the filter's output equal its DC steady state for a constant unit input.
 * In direct form II transposed, z_k = Σ_{j≥k} (b_j − a_j·y∞) with y∞ = Σb/Σa.
 */
export function lfilterZi(b: ArrayLike<number>, a: ArrayLike<number>): Float64Array {
  const n = normalizeBa(b, a);
  const m = n.b.length;
  let sb = 0,
    sa = 0;
  for (let i = 0; i < m; i++) {
    sb += n.b[i];
    sa += n.a[i];
  }
  if (sa === 0)
    throw new RangeError(
      "a: the filter has a pole at z = 1 (Σa = 0), so it has no step-response steady state",
    );
  const yInf = sb / sa;
  const zi = new Float64Array(m - 1);
  let acc = 0;
  for (let k = m - 1; k >= 1; k--) {
    acc += n.b[k] - n.a[k] * yInf;
    zi[k - 1] = acc;
  }
  return zi;
}

/** Runs b/a (normalised, equal lengths) over `y` in place from state `z` (length m−1), updating it. */
export function lfilterInPlace(
  b: Float64Array,
  a: Float64Array,
  y: Float64Array,
  z: Float64Array,
): void {
  const m = b.length;
  if (m === 1) {
    for (let i = 0; i < y.length; i++) y[i] *= b[0];
    return;
  }
  for (let i = 0; i < y.length; i++) {
    const x = y[i];
    const out = b[0] * x + z[0];
    for (let k = 1; k < m - 1; k++) z[k - 1] = b[k] * x - a[k] * out + z[k];
    z[m - 2] = b[m - 1] * x - a[m - 1] * out;
    y[i] = out;
  }
}

/** Filters `x` causally with b/a (like scipy.signal.lfilter); `zi` is the optional initial state. */
export function lfilter(
  b: ArrayLike<number>,
  a: ArrayLike<number>,
  x: ArrayLike<number>,
  options: { zi?: ArrayLike<number> } = {},
): Float64Array {
  const n = normalizeBa(b, a);
  requireFiniteArray(x, "x");
  const z = new Float64Array(Math.max(0, n.b.length - 1));
  if (options.zi !== undefined) {
    if (options.zi.length !== z.length)
      throw new RangeError(`zi: expected ${z.length} values, got ${options.zi.length}`);
    requireFiniteArray(options.zi, "zi", 0);
    z.set(options.zi);
  }
  const y = Float64Array.from(x);
  lfilterInPlace(n.b, n.a, y, z);
  return y;
}
