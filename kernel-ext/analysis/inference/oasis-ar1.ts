// OASIS for an AR(1) calcium model (Friedrich, Zhou & Paninski 2017, PLoS Comput Biol 13:e1005423):
//
//   minimise ½‖c − y‖² + λ Σ s_t   subject to  s_t = c_t − g·c_{t−1} ≥ 0  (c_{−1} = 0, so s_0 = c_0)
//
// solved exactly by pooling adjacent violators. Within a pool starting at frame t the calcium decays
// freely, c_{t+k} = v·g^k, and the best v is Σ g^k y_{t+k} / Σ g^{2k}; two pools merge when the later
// one starts below g^len times the earlier one (that would need a negative spike). Merging is O(1)
// because both sums are geometric, so the whole solve is O(T).
//
// With `smin` > 0 the same pooling enforces s_t ∈ {0} ∪ [smin, ∞) at pool boundaries: the
// thresholded, L0-like variant of the paper (a greedy solution of a non-convex problem).

import { requireFiniteArray, requireFinite } from "../util/validate.js";

export interface OasisAR1Options {
  /** AR(1) coefficient (decay per frame), 0 ≤ g < 1. */
  g: number;
  /** Sparsity penalty λ ≥ 0 on the spike amplitudes (default 0). */
  lambda?: number;
  /** Minimal spike size (default 0); > 0 gives the thresholded (L0-like) variant. */
  smin?: number;
}

export interface OasisResult {
  /** Denoised calcium. */
  c: Float64Array;
  /** Inferred spikes (s_0 = c_0: calcium present at the start counts as an event at frame 0). */
  s: Float64Array;
}

/**
 * Powers g^0 … g^n. Values below 1e-300 are set to 0 (the pool sums only need the leading terms),
 * which also keeps the arithmetic out of the very slow subnormal range.
 */
export function powers(g: number, n: number): Float64Array {
  const p = new Float64Array(n + 1);
  p[0] = 1;
  for (let k = 1; k <= n; k++) {
    const v = p[k - 1] * g;
    if (Math.abs(v) < 1e-300) break;
    p[k] = v;
  }
  return p;
}

export function checkAR1(g: number, name = "g"): void {
  requireFinite(g, name);
  if (!(g >= 0 && g < 1))
    throw new RangeError(`${name}: expected an AR(1) coefficient in [0, 1), got ${g}`);
}

/** OASIS AR(1) solve; returns the calcium c and spikes s. */
export function oasisAR1(y: ArrayLike<number>, options: OasisAR1Options): OasisResult {
  requireFiniteArray(y, "y");
  if (options == null) throw new TypeError("options: expected { g, lambda?, smin? }");
  const { g } = options;
  checkAR1(g);
  const lambda = options.lambda ?? 0;
  const smin = options.smin ?? 0;
  if (!(lambda >= 0)) throw new RangeError(`lambda: expected a number ≥ 0, got ${lambda}`);
  if (!(smin >= 0)) throw new RangeError(`smin: expected a number ≥ 0, got ${smin}`);
  const T = y.length;
  const gp = powers(g, T);
  // Pool stack: weighted sum v = Σ g^k y', weight w = Σ g^{2k}, start t, length l.
  const pv = new Float64Array(T),
    pw = new Float64Array(T);
  const pt = new Int32Array(T),
    pl = new Int32Array(T);
  let top = -1;
  // λ‖s‖₁ is linear in c: it shifts the data by λ(1 − g), and by λ at the last frame.
  const shift = lambda * (1 - g);
  const value = (i: number) => (i === 0 ? Math.max(0, pv[i] / pw[i]) : pv[i] / pw[i]);
  for (let t = 0; t < T; t++) {
    top++;
    pv[top] = y[t] - (t === T - 1 ? lambda : shift);
    pw[top] = 1;
    pt[top] = t;
    pl[top] = 1;
    while (top > 0 && value(top) < gp[pl[top - 1]] * value(top - 1) + smin) {
      const l = pl[top - 1];
      const gl = gp[l];
      pv[top - 1] += gl * pv[top];
      pw[top - 1] += gl * gl * pw[top];
      pl[top - 1] = l + pl[top];
      top--;
    }
  }
  const c = new Float64Array(T);
  for (let i = 0; i <= top; i++) {
    const v = value(i);
    const t0 = pt[i];
    for (let k = 0; k < pl[i]; k++) c[t0 + k] = v * gp[k];
  }
  const s = new Float64Array(T);
  s[0] = c[0];
  for (let t = 1; t < T; t++) s[t] = c[t] - g * c[t - 1];
  // Inside pools s is exactly 0 in exact arithmetic; clear the rounding residue.
  for (let i = 0; i <= top; i++) for (let k = 1; k < pl[i]; k++) s[pt[i] + k] = 0;
  return { c, s };
}
