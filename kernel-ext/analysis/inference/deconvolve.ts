// Spike inference from a fluorescence (ΔF/F) trace with OASIS, choosing the sparsity from the
// noise level: the fit may not be closer to the data than the noise allows, RSS = σ²·T.
//   penalty "l1": the λ that makes the noise constraint tight (bisection; RSS grows with λ);
//   penalty "l0": thresholded OASIS, the largest minimal spike size smin meeting the constraint.
// An unknown constant baseline b is estimated jointly: for fixed c the best b is mean(y − c), so
// c and b are updated alternately (coordinate descent on the same objective).

import { requireFiniteArray } from "../util/validate.js";
import { estimateParameters } from "./estimate-parameters.js";
import { checkAR1, oasisAR1, type OasisResult } from "./oasis-ar1.js";
import { checkAR2, oasisAR2 } from "./oasis-ar2.js";

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

export function deconvolve(
  y: ArrayLike<number>,
  options: DeconvolveOptions = {},
): DeconvolveResult {
  requireFiniteArray(y, "y", 16);
  const T = y.length;
  const p = options.p ?? (options.g ? (options.g.length as 1 | 2) : 1);
  if (p !== 1 && p !== 2) throw new RangeError(`p: expected 1 or 2, got ${String(p)}`);
  if (options.g && options.g.length !== p)
    throw new RangeError(
      `g: expected ${p} coefficient${p === 1 ? "" : "s"} for an AR(${p}) model, got ${options.g.length}`,
    );
  const est =
    options.g && options.sn !== undefined ? null : estimateParameters(y, { p, sn: options.sn });
  const g = options.g ?? est!.g;
  const sn = options.sn ?? est!.sn;
  if (!(sn >= 0)) throw new RangeError(`sn: expected a noise level ≥ 0, got ${sn}`);
  if (p === 1) checkAR1(g[0]);
  else checkAR2(g[0], g[1]);
  const penalty = options.penalty ?? "l1";
  if (penalty !== "l1" && penalty !== "l0")
    throw new RangeError(`penalty: expected "l1" or "l0", got ${String(penalty)}`);
  const run = (x: Float64Array, lambda: number, smin: number): OasisResult =>
    p === 1
      ? oasisAR1(x, { g: g[0], lambda, smin })
      : oasisAR2(x, { g1: g[0], g2: g[1], lambda, smin });
  const fixedB =
    options.baseline === undefined || options.baseline === "estimate" ? null : options.baseline;
  if (fixedB !== null && !Number.isFinite(fixedB))
    throw new RangeError(
      `baseline: expected a finite number or "estimate", got ${String(options.baseline)}`,
    );
  const shifted = new Float64Array(T);
  const thresh = sn * sn * T;
  if (options.lambda !== undefined && !(options.lambda >= 0))
    throw new RangeError(`lambda: expected ≥ 0, got ${options.lambda}`);
  if (options.smin !== undefined && !(options.smin >= 0))
    throw new RangeError(`smin: expected ≥ 0, got ${options.smin}`);
  // Fit for a fixed baseline b and penalty; returns the result and its residual sum of squares.
  const fitAt = (b: number, lambda: number, smin: number) => {
    for (let t = 0; t < T; t++) shifted[t] = y[t] - b;
    const res = run(shifted, lambda, smin);
    let rss = 0;
    for (let t = 0; t < T; t++) rss += (shifted[t] - res.c[t]) ** 2;
    return { res, rss };
  };
  // Root of rss(v) = σ²T on [lo, hi] (rss increasing in v) by the Illinois variant of regula falsi.
  const solveTight = (lo: number, hi: number, param: (v: number) => ReturnType<typeof fitAt>) => {
    let flo = param(lo).rss - thresh;
    if (flo >= 0) return lo;
    let fhi = param(hi).rss - thresh;
    while (fhi < 0 && hi < 1e12) {
      lo = hi;
      flo = fhi;
      hi *= 4;
      fhi = param(hi).rss - thresh;
    }
    let side = 0;
    for (let it = 0; it < 60; it++) {
      const v = (lo * fhi - hi * flo) / (fhi - flo);
      const f = param(v).rss - thresh;
      if (Math.abs(f) <= 1e-3 * thresh || hi - lo <= 1e-9 * hi) return v;
      if (f < 0) {
        lo = v;
        flo = f;
        if (side === -1) fhi /= 2;
        side = -1;
      } else {
        hi = v;
        fhi = f;
        if (side === 1) flo /= 2;
        side = 1;
      }
    }
    return lo;
  };
  let b = fixedB ?? lowPercentile(y, 0.15);
  let lambda = options.lambda ?? 0;
  let smin = options.smin ?? 0;
  let best = fitAt(b, penalty === "l1" ? lambda : 0, penalty === "l0" ? smin : 0);
  // Alternate: choose the penalty that makes the noise constraint tight for this b, then the best b
  // for that fit (mean of y − c), until b settles.
  for (let round = 0; round < (fixedB === null ? 6 : 1); round++) {
    if (penalty === "l1" && options.lambda === undefined) {
      lambda = solveTight(0, Math.max(lambda * 2, sn), (v) => fitAt(b, v, 0));
    } else if (penalty === "l0" && options.smin === undefined) {
      let hi = 0;
      for (const v of fitAt(b, 0, 0).res.s) hi = Math.max(hi, v);
      smin = solveTight(0, Math.max(hi, 1e-12), (v) => fitAt(b, 0, v));
    }
    best = fitAt(b, penalty === "l1" ? lambda : 0, penalty === "l0" ? smin : 0);
    if (fixedB !== null) break;
    let m = 0;
    for (let t = 0; t < T; t++) m += y[t] - best.res.c[t];
    const nb = m / T;
    const done = Math.abs(nb - b) <= 1e-3 * Math.max(sn, 1e-12);
    b = nb;
    if (done) {
      best = fitAt(b, penalty === "l1" ? lambda : 0, penalty === "l0" ? smin : 0);
      break;
    }
  }
  return {
    c: best.res.c,
    s: best.res.s,
    b,
    g,
    sn,
    lambda: penalty === "l1" ? lambda : 0,
    smin: penalty === "l0" ? smin : 0,
  };
}

function lowPercentile(y: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(y).sort();
  return s[Math.floor(q * (s.length - 1))];
}
