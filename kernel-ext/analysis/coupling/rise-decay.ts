// Rise and decay time constants of a calcium transient by non-linear least squares on
//   f(t) = A·(1 − e^{−(t−t0)/τ_rise})·e^{−(t−t0)/τ_decay} + b   for t ≥ t0,   f(t) = b before,
// with the onset t0 fixed (the event onset, t = 0 on an event-triggered average).

import { levenbergMarquardt } from "../fitting/levenberg-marquardt.js";
import { median } from "../stats/quantile.js";
import { requireFiniteArray, requireSameLength } from "../util/validate.js";

export function riseDecayModel(t: number, p: readonly number[], t0 = 0): number {
  const [A, tauRise, tauDecay, b] = p;
  if (t < t0) return b;
  const u = t - t0;
  return A * (1 - Math.exp(-u / tauRise)) * Math.exp(-u / tauDecay) + b;
}

export interface RiseDecayFit {
  amplitude: number;
  tauRise: number;
  tauDecay: number;
  baseline: number;
  cost: number;
  converged: boolean;
  /** The sampling interval the rise is judged against (s): the frame interval of the data. */
  frameInterval: number;
  /** Whether τ_rise is resolved at that sampling (riseResolved); when false τ_rise is only an
   *  extrapolation between two frames and should be reported as "< 1 frame". */
  riseResolved: boolean;
}

/** A rise τ shorter than one frame interval cannot be resolved from frames taken that far apart:
 *  the whole rise happens between two samples, so the fit's τ_rise there is not a measurement. */
export function riseResolved(tauRise: number, frameInterval: number): boolean {
  return Number.isFinite(tauRise) && tauRise >= frameInterval;
}

/** The median spacing of sorted sample times (NaN with fewer than two). */
export function medianSpacing(time: ArrayLike<number>): number {
  if (time.length < 2) return NaN;
  return median(Array.from({ length: time.length - 1 }, (_, i) => time[i + 1]! - time[i]!));
}

/** Fits the rise/decay model; initial guess from the data unless `p0` = [A, τrise, τdecay, b] is
 *  given. `frameInterval` (default: the median spacing of `time`) is what `riseResolved` judges
 *  τ_rise against. */
export function fitRiseDecay(
  time: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { onset?: number; p0?: number[]; frameInterval?: number } = {},
): RiseDecayFit {
  requireFiniteArray(time, "time", 5);
  requireFiniteArray(y, "y", 5);
  requireSameLength(time, "time", y, "y");
  const t0 = options.onset ?? 0;
  let p0 = options.p0;
  if (!p0) {
    let b = 0,
      nb = 0,
      imax = 0;
    for (let i = 0; i < y.length; i++) {
      if (time[i] < t0) {
        b += y[i];
        nb++;
      }
      if (y[i] > y[imax]) imax = i;
    }
    b = nb ? b / nb : 0;
    const tPeak = Math.max(time[imax] - t0, 1e-3);
    p0 = [2 * (y[imax] - b), tPeak / 2, Math.max(4 * tPeak, (time[time.length - 1] - t0) / 4), b];
  }
  const fit = levenbergMarquardt((t, p) => riseDecayModel(t, p, t0), time, y, p0);
  const [A, tr, td, b] = fit.params;
  const frameInterval = options.frameInterval ?? medianSpacing(time);
  return {
    amplitude: A,
    tauRise: Math.abs(tr),
    tauDecay: Math.abs(td),
    baseline: b,
    cost: fit.cost,
    converged: fit.converged,
    frameInterval,
    riseResolved: riseResolved(Math.abs(tr), frameInterval),
  };
}
