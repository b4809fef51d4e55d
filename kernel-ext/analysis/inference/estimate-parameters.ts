// Hyper-parameters of the calcium model from the trace itself: noise σ from the high-frequency
// power spectrum, AR coefficients from the autocovariance (Yule–Walker equations with the white
// noise variance removed from lag 0).

import { noiseLevelPsd } from "../fluorescence/noise.js";
import { requireFiniteArray, requireInteger } from "../util/validate.js";
import { ar2Roots } from "./oasis-ar2.js";

/** Biased autocovariance (1/T normalisation, mean removed) at lags 0..maxLag. */
export function autocovariance(y: ArrayLike<number>, maxLag: number): Float64Array {
  requireFiniteArray(y, "y", 2);
  requireInteger(maxLag, "maxLag", 0, y.length - 1);
  const T = y.length;
  let m = 0;
  for (let t = 0; t < T; t++) m += y[t];
  m /= T;
  const x = new Float64Array(T);
  for (let t = 0; t < T; t++) x[t] = y[t] - m;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < T; t++) s += x[t] * x[t + k];
    out[k] = s / T;
  }
  return out;
}

export interface YuleWalkerFit {
  /** AR coefficients [g] or [g1, g2]. */
  g: number[];
  /** Whether the unconstrained fit was outside the admissible set and was replaced by the constrained one. */
  constrained: boolean;
}

/** Residual of the noise-corrected Yule–Walker system A g = b for a candidate g. */
function ywResidual(acov: Float64Array, sn: number, equations: number, g: number[]): number {
  let r = 0;
  for (let i = 0; i < equations; i++) {
    let lhs = 0;
    for (let j = 0; j < g.length; j++)
      lhs += (acov[Math.abs(i - j)] - (i === j ? sn * sn : 0)) * g[j];
    const e = lhs - acov[i + 1];
    r += e * e;
  }
  return r;
}

/**
 * Least-squares AR(p) fit to the autocovariance using `lags` + p equations. The model needs real
 * roots in [0, gMax] (a rising and a decaying exponential). If the unconstrained solution violates
 * that — typically a negative "fast" root on noisy or over-smoothed traces — the same least-squares
 * objective is minimised over the admissible set instead (deterministic grid + refinement over the
 * roots), rather than substituting an arbitrary value.
 */
export function fitAutoregressive(
  acov: Float64Array,
  sn: number,
  p: 1 | 2,
  options: { lags?: number; gMax?: number } = {},
): YuleWalkerFit {
  const lags = options.lags ?? 5;
  const gMax = options.gMax ?? 0.999;
  const eq = lags + p;
  if (acov.length < eq + 1)
    throw new RangeError(`acov: need autocovariance up to lag ${eq}, got ${acov.length - 1}`);
  if (p === 1) {
    let num = 0,
      den = 0;
    for (let i = 0; i < eq; i++) {
      const a = acov[i] - (i === 0 ? sn * sn : 0);
      num += a * acov[i + 1];
      den += a * a;
    }
    const g = num / den;
    // One-dimensional convex quadratic: the constrained minimiser is the clamped one.
    const gc = Math.min(gMax, Math.max(0, g));
    return { g: [gc], constrained: gc !== g || !Number.isFinite(g) };
  }
  // Normal equations of the 2-unknown least squares.
  let a11 = 0,
    a12 = 0,
    a22 = 0,
    b1 = 0,
    b2 = 0;
  for (let i = 0; i < eq; i++) {
    const r0 = acov[i] - (i === 0 ? sn * sn : 0);
    const r1 = acov[Math.abs(i - 1)] - (i === 1 ? sn * sn : 0);
    a11 += r0 * r0;
    a12 += r0 * r1;
    a22 += r1 * r1;
    b1 += r0 * acov[i + 1];
    b2 += r1 * acov[i + 1];
  }
  const det = a11 * a22 - a12 * a12;
  const g1 = (b1 * a22 - b2 * a12) / det;
  const g2 = (a11 * b2 - a12 * b1) / det;
  const roots = Number.isFinite(g1) && Number.isFinite(g2) ? ar2Roots(g1, g2) : null;
  if (roots && roots.r >= 0 && roots.d <= gMax) return { g: [g1, g2], constrained: false };
  const cost = (d: number, r: number) => ywResidual(acov, sn, eq, [d + r, -d * r]);
  // Coarse grid over 0 ≤ r ≤ d ≤ gMax, then shrinking local grids around the best point.
  let bestD = 0,
    bestR = 0,
    best = Infinity;
  const n = 100;
  for (let i = 0; i <= n; i++) {
    const d = (gMax * i) / n;
    for (let j = 0; j <= i; j++) {
      const r = (gMax * j) / n;
      const c = cost(d, r);
      if (c < best) {
        best = c;
        bestD = d;
        bestR = r;
      }
    }
  }
  let step = gMax / n;
  for (let iter = 0; iter < 40; iter++) {
    let improved = false;
    for (let i = -2; i <= 2; i++)
      for (let j = -2; j <= 2; j++) {
        const d = Math.min(gMax, Math.max(0, bestD + (i * step) / 2));
        const r = Math.min(d, Math.max(0, bestR + (j * step) / 2));
        const c = cost(d, r);
        if (c < best) {
          best = c;
          bestD = d;
          bestR = r;
          improved = true;
        }
      }
    if (!improved) step /= 2;
    if (step < 1e-10) break;
  }
  return { g: [bestD + bestR, -bestD * bestR], constrained: true };
}

export interface EstimatedParameters {
  /** AR coefficients: [g] for p = 1, [g1, g2] for p = 2. */
  g: number[];
  /** Noise standard deviation (PSD method). */
  sn: number;
  constrained: boolean;
}

/** Estimates noise σ (PSD, 0.25–0.5 of the sampling rate) and the AR(p) coefficients of a trace. */
export function estimateParameters(
  y: ArrayLike<number>,
  options: { p?: 1 | 2; sn?: number; lags?: number; gMax?: number } = {},
): EstimatedParameters {
  requireFiniteArray(y, "y", 16);
  const p = options.p ?? 1;
  if (p !== 1 && p !== 2) throw new RangeError(`p: expected 1 or 2 (AR order), got ${String(p)}`);
  const sn = options.sn ?? noiseLevelPsd(y);
  const lags = options.lags ?? 5;
  requireInteger(lags, "lags", 1, y.length - 3);
  const acov = autocovariance(y, lags + p);
  const fit = fitAutoregressive(acov, sn, p, { lags, gMax: options.gMax });
  return { g: fit.g, sn, constrained: fit.constrained };
}
