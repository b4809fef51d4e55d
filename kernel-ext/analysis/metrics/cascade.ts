// Spike-inference quality metrics in the style of CASCADE (Rupprecht et al. 2021, Nat Neurosci):
// the true spike train is turned into a rate on the prediction's frames by counting spikes per frame
// and smoothing with a Gaussian (σ in seconds); then
//   correlation = Pearson(predicted, smoothed truth)
//   error       = Σ|predicted − smoothed truth| / number of true spikes
//   bias        = Σ(predicted − smoothed truth) / number of true spikes
// Predictions must be in spikes per frame, so error and bias are in units of "true spikes".

import { gaussianFilter1d } from "../filters/gaussian-filter1d.js";
import { pearson } from "../stats/quantile.js";
import { requireFiniteArray, requirePositive } from "../util/validate.js";
import { frameTimes } from "./resample.js";

export interface CascadeMetricsOptions {
  fs?: number;
  times?: ArrayLike<number>;
  startTime?: number;
  /** Gaussian smoothing of the ground truth (s, default 0.2). */
  sigmaSeconds?: number;
}

/** Spikes per frame: frame i collects spikes in [t_i − ½Δ, t_i + ½Δ) with Δ the local frame interval. */
export function spikesPerFrame(spikeTimes: ArrayLike<number>, times: Float64Array): Float64Array {
  const n = times.length;
  const out = new Float64Array(n);
  const edges = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) edges[i] = 0.5 * (times[i - 1] + times[i]);
  edges[0] = times[0] - 0.5 * (n > 1 ? times[1] - times[0] : 1);
  edges[n] = times[n - 1] + 0.5 * (n > 1 ? times[n - 1] - times[n - 2] : 1);
  const sorted = Float64Array.from(spikeTimes).sort();
  let k = 0;
  for (const s of sorted) {
    if (s < edges[0] || s >= edges[n]) continue;
    while (edges[k + 1] <= s) k++;
    out[k]++;
  }
  return out;
}

export function cascadeMetrics(
  predicted: ArrayLike<number>,
  trueSpikeTimes: ArrayLike<number>,
  options: CascadeMetricsOptions,
): { correlation: number; error: number; bias: number; trueSpikes: number } {
  requireFiniteArray(predicted, "predicted", 2);
  requireFiniteArray(trueSpikeTimes, "trueSpikeTimes", 0);
  const t = frameTimes(predicted.length, options);
  const sigma = options.sigmaSeconds ?? 0.2;
  requirePositive(sigma, "sigmaSeconds");
  const counts = spikesPerFrame(trueSpikeTimes, t);
  const nTrue = counts.reduce((a, b) => a + b, 0);
  if (nTrue === 0)
    throw new RangeError(
      "trueSpikeTimes: no true spike falls inside the prediction's time span; error and bias are undefined",
    );
  const meanDt = (t[t.length - 1] - t[0]) / (t.length - 1);
  const truth = gaussianFilter1d(counts, sigma / meanDt, { mode: "reflect" });
  let abs = 0,
    signed = 0;
  for (let i = 0; i < t.length; i++) {
    const d = predicted[i] - truth[i];
    abs += Math.abs(d);
    signed += d;
  }
  return {
    correlation: pearson(predicted, truth),
    error: abs / nTrue,
    bias: signed / nTrue,
    trueSpikes: nTrue,
  };
}
