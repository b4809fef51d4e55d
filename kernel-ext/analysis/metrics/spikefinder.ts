// The spikefinder evaluation protocol (Berens et al. 2018, PLoS Comput Biol 14:e1006157):
// predictions and ground truth at 100 Hz, summed into 40 ms bins (4 samples), Pearson correlation
// per cell, mean over cells.

import { pearson } from "../stats/quantile.js";
import { requireFiniteArray } from "../util/validate.js";
import { countInBins, frameTimes, interpolate, sumBins } from "./resample.js";

export interface SpikefinderOptions {
  /** Frame rate of the prediction (or give `times`). */
  fs?: number;
  /** Frame times of the prediction (s). */
  times?: ArrayLike<number>;
  startTime?: number;
  /** Common sampling rate (default 100 Hz). */
  resampleHz?: number;
  /** Evaluation bin (default 40 ms). */
  binMs?: number;
}

/**
 * Spikefinder correlation of one cell. The 100 Hz grid covers the prediction's time span in
 * 10 ms bins; the prediction (a per-frame rate) is linearly interpolated at each bin centre and
 * true spikes are counted per bin; both are summed into 40 ms bins and correlated.
 */
export function spikefinderCorrelation(
  predicted: ArrayLike<number>,
  trueSpikeTimes: ArrayLike<number>,
  options: SpikefinderOptions,
): number {
  requireFiniteArray(predicted, "predicted", 2);
  requireFiniteArray(trueSpikeTimes, "trueSpikeTimes", 0);
  const t = frameTimes(predicted.length, options);
  const rate = options.resampleHz ?? 100;
  const binMs = options.binMs ?? 40;
  const factor = Math.round((binMs / 1000) * rate);
  if (!(factor >= 1) || Math.abs(factor - (binMs / 1000) * rate) > 1e-9)
    throw new RangeError(`binMs: ${binMs} ms must be a whole number of ${1000 / rate} ms samples`);
  const dt = 1 / rate;
  const n = Math.floor((t[t.length - 1] - t[0]) / dt + 1e-9);
  if (n < 2 * factor)
    throw new RangeError(
      `predicted: the recording (${(t[t.length - 1] - t[0]).toFixed(3)} s) is shorter than two ${binMs} ms bins`,
    );
  const centres = Float64Array.from({ length: n }, (_, k) => t[0] + (k + 0.5) * dt);
  const pred = sumBins(interpolate(t, predicted, centres), factor);
  const truth = sumBins(countInBins(trueSpikeTimes, t[0], dt, n), factor);
  return pearson(pred, truth);
}

/** Mean spikefinder correlation over cells (cells with an undefined correlation are skipped and counted). */
export function spikefinderScore(
  cells: ReadonlyArray<
    { predicted: ArrayLike<number>; trueSpikeTimes: ArrayLike<number> } & SpikefinderOptions
  >,
): { mean: number; perCell: number[]; skipped: number } {
  if (!Array.isArray(cells) || cells.length === 0)
    throw new RangeError("cells: expected at least one cell");
  const perCell = cells.map((c) => spikefinderCorrelation(c.predicted, c.trueSpikeTimes, c));
  const valid = perCell.filter((r) => Number.isFinite(r));
  return {
    mean: valid.reduce((s, v) => s + v, 0) / valid.length,
    perCell,
    skipped: perCell.length - valid.length,
  };
}
