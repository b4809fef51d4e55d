// Spike inference from a fluorescence (ΔF/F) trace with OASIS, choosing the sparsity from the
// noise level: the fit may not be closer to the data than the noise allows, RSS = σ²·T.
//   penalty "l1": the λ that makes the noise constraint tight (bisection; RSS grows with λ);
//   penalty "l0": thresholded OASIS, the largest minimal spike size smin meeting the constraint.
// An unknown constant baseline b is estimated jointly: for fixed c the best b is mean(y − c), so
// c and b are updated alternately (coordinate descent on the same objective).

import { requireFiniteArray } from "../util/validate.js";
import { estimateParameters } from "./estimateParameters.js";
import { checkAR1, oasisAR1, type OasisResult } from "./oasisAR1.js";
import { checkAR2, oasisAR2 } from "./oasisAR2.js";

export interface DeconvolveOptions {
  /** AR order (default 1). */
  p?: 1 | 2;
  /** AR coefficients ([g] or [g1, g2]); estimated from the autocovariance when omitted. */
  g?: number[];
  /** Noise σ; estimated from the PSD when omitted. */
  sn?: number;
  /** "l1" (default) or "l0" (thresholded OASIS). */
  penalty?: "l1" | "l0";
  /** Fixed λ (l1) instead of the noise-constrained choice. */
  lambda?: number;
  /** Fixed smin (l0) instead of the noise-constrained choice. */
  smin?: number;
  /** A known baseline, or "estimate" (default). */
  baseline?: number | "estimate";
}

export interface DeconvolveResult extends OasisResult {
  /** Baseline. */
  b: number;
  g: number[];
  sn: number;
  lambda: number;
  smin: number;
}

export function deconvolve(y: ArrayLike<number>, options: DeconvolveOptions = {}): DeconvolveResult {
  requireFiniteArray(y, "y", 16);
  const T = y.length;
  const p = options.p ?? (options.g ? (options.g.length as 1 | 2) : 1);
  if (p !== 1 && p !== 2) throw new RangeError(`p: expected 1 or 2, got ${String(p)}`);
  if (options.g && options.g.length !== p) throw new RangeError(`g: expected ${p} coefficient${p === 1 ? "" : "s"} for an AR(${p}) model, got ${options.g.length}`);
  const est = options.g && options.sn !== undefined ? null : estimateParameters(y, { p, sn: options.sn });
  const g = options.g ?? est!.g;
  const sn = options.sn ?? est!.sn;
  if (!(sn >= 0)) throw new RangeError(`sn: expected a noise level ≥ 0, got ${sn}`);
  if (p === 1) checkAR1(g[0]); else checkAR2(g[0], g[1]);
  const penalty = options.penalty ?? "l1";
  if (penalty !== "l1" && penalty !== "l0") throw new RangeError(`penalty: expected "l1" or "l0", got ${String(penalty)}`);
  const run = (x: Float64Array, lambda: number, smin: number): OasisResult =>
    p === 1 ? oasisAR1(x, { g: g[0], lambda, smin }) : oasisAR2(x, { g1: g[0], g2: g[1], lambda, smin });
  const fixedB = options.baseline === undefined || options.baseline === "estimate" ? null : options.baseline;
  if (fixedB !== null && !Number.isFinite(fixedB)) throw new RangeError(`baseline: expected a finite number or "estimate", got ${String(options.baseline)}`);
  const shifted = new Float64Array(T);
  const fit = (lambda: number, smin: number) => {
    // Start the baseline at a low percentile (below most transients), then alternate.
    let b = fixedB ?? lowPercentile(y, 0.15);
    let res: OasisResult = { c: new Float64Array(T), s: new Float64Array(T) };
    for (let it = 0; it < (fixedB === null ? 5 : 1); it++) {
      for (let t = 0; t < T; t++) shifted[t] = y[t] - b;
      res = run(shifted, lambda, smin);
      if (fixedB !== null) break;
      let m = 0;
      for (let t = 0; t < T; t++) m += y[t] - res.c[t];
      const nb = m / T;
      if (Math.abs(nb - b) <= 1e-9 * Math.max(1, Math.abs(b))) { b = nb; break; }
      b = nb;
    }
    let rss = 0;
    for (let t = 0; t < T; t++) rss += (y[t] - b - res.c[t]) ** 2;
    return { res, b, rss };
  };
  const thresh = sn * sn * T;
  let lambda = options.lambda ?? 0;
  let smin = options.smin ?? 0;
  if (options.lambda !== undefined && !(options.lambda >= 0)) throw new RangeError(`lambda: expected ≥ 0, got ${options.lambda}`);
  if (options.smin !== undefined && !(options.smin >= 0)) throw new RangeError(`smin: expected ≥ 0, got ${options.smin}`);
  let best = fit(lambda, penalty === "l0" ? smin : 0);
  if (penalty === "l1" && options.lambda === undefined && best.rss < thresh) {
    // Bracket then bisect λ so that RSS(λ) = σ²T (to 0.1%).
    let lo = 0, hi = Math.max(sn, 1e-12);
    let f = fit(hi, 0);
    while (f.rss < thresh && sum(f.res.s) > 0) { lo = hi; hi *= 4; f = fit(hi, 0); }
    for (let it = 0; it < 40 && hi - lo > 1e-9 * hi; it++) {
      const mid = 0.5 * (lo + hi);
      const m = fit(mid, 0);
      if (m.rss < thresh) lo = mid; else hi = mid;
      if (Math.abs(m.rss - thresh) <= 1e-3 * thresh) break;
    }
    lambda = lo;
    best = fit(lambda, 0);
  } else if (penalty === "l0" && options.smin === undefined && best.rss < thresh) {
    // The largest smin whose thresholded fit still meets the noise constraint.
    let lo = 0, hi = 0;
    for (const v of best.res.s) hi = Math.max(hi, v);
    for (let it = 0; it < 30 && hi - lo > 1e-6 * hi; it++) {
      const mid = 0.5 * (lo + hi);
      if (fit(0, mid).rss <= thresh) lo = mid; else hi = mid;
    }
    smin = lo;
    best = fit(0, smin);
  }
  return { c: best.res.c, s: best.res.s, b: best.b, g, sn, lambda: penalty === "l1" ? lambda : 0, smin: penalty === "l0" ? smin : 0 };
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function lowPercentile(y: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(y).sort();
  return s[Math.floor(q * (s.length - 1))];
}
