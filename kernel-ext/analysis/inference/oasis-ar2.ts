// OASIS for an AR(2) calcium model (Friedrich, Zhou & Paninski 2017):
//
//   minimise ½‖c − y‖² + λ Σ s_t   subject to  s_t = c_t − g1·c_{t−1} − g2·c_{t−2} ≥ smin or = 0
//
// (c_{−1} = c_{−2} = 0). A pool starting at frame t has no spikes inside, so its calcium follows the
// AR(2) recursion from the previous pool's last value p: c_{t+k} = h_k·v + g2·h_{k−1}·p, with h the
// impulse response (h_0 = 1, h_1 = g1, h_k = g1 h_{k−1} + g2 h_{k−2}). The best start value v given p is
//   v = (Σ h_k y_{t+k} − g2·p·Σ h_k h_{k−1}) / Σ h_k².
// Pools are added left to right and merged backwards while the spike at a pool start is below smin.
// Unlike AR(1) this greedy pooling is not guaranteed optimal (pools are coupled through p), but it is
// the paper's algorithm and lands on or very near the exact solution (see the tests vs NNLS).
//
// When the characteristic roots d, r of z² − g1 z − g2 are real and distinct, h_k = (d^{k+1} −
// r^{k+1})/(d − r), so Σ h_k y_{t+k} is a combination of two geometric sums that merge in O(1);
// otherwise the sum is recomputed over the merged pool.

import { requireFiniteArray, requireFinite } from "../util/validate.js";
import { powers, type OasisResult } from "./oasis-ar1.js";
import { activeSetAR2 } from "./active-set-ar2.js";

export interface OasisAR2Options {
  g1: number;
  g2: number;
  lambda?: number;
  smin?: number;
  /**
   * Polish the greedy pooling result to the exact optimum with a Lawson–Hanson active-set method
   * (only for smin = 0, where the problem is convex). Default false: the polish costs O(T) per
   * support change (about 1 s for 1e4 frames), so it is meant for short traces and validation.
   */
  exact?: boolean;
}

/** Characteristic roots (d ≥ r) of z² − g1 z − g2, or null when complex. */
export function ar2Roots(g1: number, g2: number): { d: number; r: number } | null {
  const disc = g1 * g1 + 4 * g2;
  if (disc < 0) return null;
  const sq = Math.sqrt(disc);
  return { d: (g1 + sq) / 2, r: (g1 - sq) / 2 };
}

export function checkAR2(g1: number, g2: number): void {
  requireFinite(g1, "g1");
  requireFinite(g2, "g2");
  // Stability triangle of an AR(2) process: all roots strictly inside the unit circle.
  if (!(Math.abs(g2) < 1 && g2 + g1 < 1 && g2 - g1 < 1)) {
    throw new RangeError(
      `g1, g2: the AR(2) model c_t = ${g1}·c_{t−1} + ${g2}·c_{t−2} is not stable (roots must lie inside the unit circle)`,
    );
  }
}

export function oasisAR2(y: ArrayLike<number>, options: OasisAR2Options): OasisResult {
  requireFiniteArray(y, "y");
  if (options == null) throw new TypeError("options: expected { g1, g2, lambda?, smin? }");
  const { g1, g2 } = options;
  checkAR2(g1, g2);
  const lambda = options.lambda ?? 0;
  const smin = options.smin ?? 0;
  if (!(lambda >= 0)) throw new RangeError(`lambda: expected a number ≥ 0, got ${lambda}`);
  if (!(smin >= 0)) throw new RangeError(`smin: expected a number ≥ 0, got ${smin}`);
  const T = y.length;
  // λ‖s‖₁ = λ·μᵀc with μ the column sums of the AR(2) difference operator.
  const yl = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const mu = t === T - 1 ? 1 : t === T - 2 ? 1 - g1 : 1 - g1 - g2;
    yl[t] = y[t] - lambda * mu;
  }
  const h = new Float64Array(T + 1);
  h[0] = 1;
  if (T > 0) h[1] = g1;
  for (let k = 2; k <= T; k++) {
    h[k] = g1 * h[k - 1] + g2 * h[k - 2];
    // Stop before the subnormal range (slow arithmetic, no effect on the sums): the rest stays 0.
    if (Math.abs(h[k]) < 1e-300 && Math.abs(h[k - 1]) < 1e-300) {
      h[k] = 0;
      h[k - 1] = 0;
      break;
    }
  }
  const h2 = new Float64Array(T + 1); // Σ_{k<l} h_k²
  const hh = new Float64Array(T + 1); // Σ_{k<l} h_k h_{k−1}
  for (let l = 1; l <= T; l++) {
    h2[l] = h2[l - 1] + h[l - 1] * h[l - 1];
    hh[l] = hh[l - 1] + (l >= 2 ? h[l - 1] * h[l - 2] : 0);
  }
  const roots = ar2Roots(g1, g2);
  const geometric = roots !== null && roots.d - roots.r > 1e-2 * Math.max(Math.abs(roots.d), 1e-3);
  const dp = geometric ? powers(roots!.d, T) : null;
  const rp = geometric ? powers(roots!.r, T) : null;
  // Pool stack: start t, length l, start value v, previous pool's last value p, and the sums
  // A = Σ d^k y', B = Σ r^k y' (geometric case).
  const pt = new Int32Array(T),
    pl = new Int32Array(T);
  const pvv = new Float64Array(T),
    pp = new Float64Array(T),
    pa = new Float64Array(T),
    pb = new Float64Array(T);
  let top = -1;
  const hy = (i: number): number => {
    if (geometric) return (roots!.d * pa[i] - roots!.r * pb[i]) / (roots!.d - roots!.r);
    let s = 0;
    const t0 = pt[i];
    for (let k = 0; k < pl[i]; k++) s += h[k] * yl[t0 + k];
    return s;
  };
  const solve = (i: number) => {
    const l = pl[i];
    let v = (hy(i) - g2 * pp[i] * hh[l]) / h2[l];
    if (i === 0 && v < 0) v = 0;
    pvv[i] = v;
  };
  // Calcium at offset k (≥ −1) of pool i: k = −1 is the previous pool's last value.
  const cAt = (i: number, k: number): number =>
    k < 0 ? pp[i] : h[k] * pvv[i] + (k >= 1 ? g2 * h[k - 1] * pp[i] : 0);
  // The two calcium values just before pool i (last and second to last of what precedes it).
  const lastTwo = (i: number): [number, number] => {
    const j = i - 1;
    const l = pl[j];
    const last = cAt(j, l - 1);
    const before = l >= 2 ? cAt(j, l - 2) : pp[j];
    return [last, before];
  };
  for (let t = 0; t < T; t++) {
    top++;
    pt[top] = t;
    pl[top] = 1;
    pa[top] = yl[t];
    pb[top] = yl[t];
    pp[top] = top > 0 ? cAt(top - 1, pl[top - 1] - 1) : 0;
    solve(top);
    while (top > 0) {
      const [c1, c2] = lastTwo(top);
      if (pvv[top] - g1 * c1 - g2 * c2 >= smin) break;
      const j = top - 1;
      const l = pl[j];
      if (geometric) {
        pa[j] += dp![l] * pa[top];
        pb[j] += rp![l] * pb[top];
      }
      pl[j] = l + pl[top];
      top--;
      solve(top);
    }
  }
  const c = new Float64Array(T);
  for (let i = 0; i <= top; i++) {
    for (let k = 0; k < pl[i]; k++) c[pt[i] + k] = cAt(i, k);
  }
  const s = new Float64Array(T);
  for (let i = 0; i <= top; i++) {
    const t = pt[i];
    const [c1, c2] = i > 0 ? lastTwo(i) : [0, 0];
    s[t] = Math.max(0, pvv[i] - g1 * c1 - g2 * c2);
  }
  if (smin === 0 && options.exact === true && T > 0) {
    return activeSetAR2(yl, { g1, g2, h, h2, hh }, s);
  }
  return { c, s };
}
