// Exact polishing of an AR(2) deconvolution: a Lawson–Hanson active-set method on the spike
// amplitudes, warm-started from the greedy OASIS support, so the result is the optimum of
//   ½‖K s − y'‖²  subject to s ≥ 0   (K: the AR(2) impulse-response convolution, y' = y − λμ).
//
// The least-squares solve on a fixed support is O(T): with spikes only at the pool starts t_i,
// pool i's calcium is c_{t_i+k} = h_k v_i + g2 h_{k−1} p_i where p_i (the previous pool's last
// value) is a linear function of the earlier pools. The cost is therefore a chain and is minimised
// exactly by a backward pass of quadratic cost-to-go functions J_i(p) = α p² − 2β p and a forward
// pass for v. The gradient Kᵀ(Ks − y') is one backward AR(2) filter pass.

export interface Ar2Kernel {
  g1: number;
  g2: number;
  /** Impulse response h_0 … h_T. */
  h: Float64Array;
  /** Σ_{k<l} h_k². */
  h2: Float64Array;
  /** Σ_{k<l} h_k h_{k−1}. */
  hh: Float64Array;
}

/** Exact least squares over the start values of pools starting at `starts` (c = 0 before the first). */
function solveSupport(
  y: Float64Array,
  k: Ar2Kernel,
  starts: number[],
  c: Float64Array,
): Float64Array {
  const { g2, h, h2, hh } = k;
  const T = y.length;
  const n = starts.length;
  const alpha = new Float64Array(n + 1),
    beta = new Float64Array(n + 1);
  const A = new Float64Array(n),
    Bp = new Float64Array(n),
    Y = new Float64Array(n),
    aa = new Float64Array(n),
    bb = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const t0 = starts[i];
    const L = (i + 1 < n ? starts[i + 1] : T) - t0;
    let sy = 0,
      sz = 0;
    for (let q = 0; q < L; q++) {
      const v = y[t0 + q];
      sy += h[q] * v;
      if (q >= 1) sz += h[q - 1] * v;
    }
    const a = h[L - 1];
    const b = L >= 2 ? g2 * h[L - 2] : 0;
    const Ai = h2[L],
      Bi = g2 * hh[L],
      Ci = L >= 2 ? g2 * g2 * h2[L - 1] : 0,
      Zi = g2 * sz;
    const al = alpha[i + 1],
      be = beta[i + 1];
    const M = Ai + al * a * a;
    const Nc = Bi + al * a * b;
    const Nr = sy + be * a;
    alpha[i] = Ci + al * b * b - (Nc * Nc) / M;
    beta[i] = Zi + be * b - (Nc * Nr) / M;
    A[i] = M;
    Bp[i] = Nc;
    Y[i] = Nr;
    aa[i] = a;
    bb[i] = b;
  }
  const s = new Float64Array(n);
  let p = 0,
    q2 = 0; // last and second-to-last calcium before the current pool
  c.fill(0, 0, n > 0 ? starts[0] : T);
  for (let i = 0; i < n; i++) {
    const v = (Y[i] - Bp[i] * p) / A[i];
    s[i] = v - k.g1 * p - g2 * q2;
    const t0 = starts[i];
    const L = (i + 1 < n ? starts[i + 1] : T) - t0;
    for (let q = 0; q < L; q++) c[t0 + q] = h[q] * v + (q >= 1 ? g2 * h[q - 1] * p : 0);
    const newP = aa[i] * v + bb[i] * p;
    q2 = L >= 2 ? c[t0 + L - 2] : p;
    p = newP;
  }
  return s;
}

/** Gradient of ½‖Ks − y‖² w.r.t. s: Kᵀ(c − y), by filtering the residual backwards. */
function gradient(
  y: Float64Array,
  c: Float64Array,
  g1: number,
  g2: number,
  out: Float64Array,
): void {
  const T = y.length;
  let z1 = 0,
    z2 = 0;
  for (let t = T - 1; t >= 0; t--) {
    const z = c[t] - y[t] + g1 * z1 + g2 * z2;
    out[t] = z;
    z2 = z1;
    z1 = z;
  }
}

/**
 * Refines a feasible AR(2) solution (spikes `s0` ≥ 0) to the exact non-negative least-squares
 * optimum; returns the calcium and spikes. `maxOuter` bounds the number of support additions.
 */
export function activeSetAR2(
  y: Float64Array,
  kernel: Ar2Kernel,
  s0: Float64Array,
  maxOuter = 10 * y.length,
): { c: Float64Array; s: Float64Array; optimal: boolean } {
  const T = y.length;
  const { g1, g2 } = kernel;
  let yScale = 0;
  for (let t = 0; t < T; t++) yScale = Math.max(yScale, Math.abs(y[t]));
  const tol = 1e-10 * Math.max(1, yScale) * Math.sqrt(kernel.h2[T]);
  // Current feasible point, as a map support position → amplitude.
  let support: number[] = [];
  let amp: number[] = [];
  for (let t = 0; t < T; t++)
    if (s0[t] > 0) {
      support.push(t);
      amp.push(s0[t]);
    }
  const c = new Float64Array(T);
  const grad = new Float64Array(T);
  const inSupport = new Uint8Array(T);
  // Start from the exact LS on the warm-start support, kept feasible.
  const project = () => {
    for (;;) {
      if (support.length === 0) {
        c.fill(0);
        return;
      }
      const z = solveSupport(y, kernel, support, c);
      let alpha = 1;
      for (let i = 0; i < z.length; i++)
        if (z[i] <= 0) alpha = Math.min(alpha, amp[i] / (amp[i] - z[i]));
      if (alpha >= 1) {
        amp = Array.from(z);
        return;
      }
      const keepS: number[] = [],
        keepA: number[] = [];
      for (let i = 0; i < z.length; i++) {
        const v = amp[i] + alpha * (z[i] - amp[i]);
        if (v > 1e-14 * Math.max(1, amp[i])) {
          keepS.push(support[i]);
          keepA.push(v);
        }
      }
      support = keepS;
      amp = keepA;
    }
  };
  project();
  let optimal = false;
  for (let outer = 0; outer < maxOuter; outer++) {
    gradient(y, c, g1, g2, grad);
    inSupport.fill(0);
    for (const t of support) inSupport[t] = 1;
    // Add every local minimum of the gradient that is negative (a block Lawson–Hanson step).
    const add: number[] = [];
    for (let t = 0; t < T; t++) {
      if (inSupport[t] || !(grad[t] < -tol)) continue;
      if ((t > 0 && grad[t - 1] < grad[t]) || (t + 1 < T && grad[t + 1] <= grad[t])) continue;
      add.push(t);
    }
    if (add.length === 0) {
      optimal = true;
      break;
    }
    const before = new Set(support);
    const withNew = (extra: number[]) => {
      let candidates = extra;
      // Keep only new positions whose amplitude in the least-squares solution is positive: moving
      // from the current point (new ones at 0) towards that solution then lowers the cost and keeps
      // the new ones feasible, so only the old ones limit the step (Lawson–Hanson).
      for (;;) {
        const merged: number[] = [];
        const newAt: number[] = [];
        let i = 0,
          j = 0;
        while (i < support.length || j < candidates.length) {
          if (j >= candidates.length || (i < support.length && support[i] < candidates[j]))
            merged.push(support[i++]);
          else {
            newAt.push(merged.length);
            merged.push(candidates[j++]);
          }
        }
        const z = solveSupport(y, kernel, merged, c);
        const kept = candidates.filter((_, q) => z[newAt[q]] > 0);
        const done = kept.length === candidates.length || kept.length === 0;
        candidates = kept;
        if (done) break;
      }
      if (candidates.length === 0) return false;
      const merged: number[] = [],
        mergedA: number[] = [];
      let i = 0,
        j = 0;
      while (i < support.length || j < candidates.length) {
        if (j >= candidates.length || (i < support.length && support[i] < candidates[j])) {
          merged.push(support[i]);
          mergedA.push(amp[i]);
          i++;
        } else {
          merged.push(candidates[j]);
          mergedA.push(0);
          j++;
        }
      }
      support = merged;
      amp = mergedA;
      project();
      return support.some((t) => !before.has(t));
    };
    if (withNew(add)) continue;
    // The block step kept none of the new positions: fall back to the classical single addition
    // of the most negative gradient, which Lawson–Hanson guarantees to enter the support.
    let best = add[0];
    for (const t of add) if (grad[t] < grad[best]) best = t;
    if (!withNew([best])) break; // no progress possible at this precision
  }
  const s = new Float64Array(T);
  for (let i = 0; i < support.length; i++) s[support[i]] = amp[i];
  // Recompute c from the final support (project() left it consistent; recompute for clarity).
  if (support.length) solveSupport(y, kernel, support, c);
  else c.fill(0);
  return { c, s, optimal };
}
