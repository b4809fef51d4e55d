// Which trained network serves a trace: the one at the largest model rate ≤ 1.05 × the trace's
// frame rate (faster traces are averaged down to it; only traces slower than the slowest model are
// interpolated up), among the final models or, for a ground-truth cell, among the fold models that
// did not see its dataset.
import { TRAINED_SPIKE_MODELS } from "./trained-models.js";
import type { TrainedSpikeModel } from "./types.js";

/** The datasets that have a cross-validation fold model (short names, e.g. "DS10"). */
export function foldDatasets(
  models: readonly TrainedSpikeModel[] = TRAINED_SPIKE_MODELS,
): string[] {
  return [...new Set(models.flatMap((m) => (m.heldOut ? [datasetKey(m.heldOut)] : [])))].sort();
}

/** "DS10-GCaMP6f-m-V1-neuropil-corrected" → "DS10"; other names unchanged. */
export function datasetKey(name: string): string {
  const m = /^DS\d+/.exec(name);
  return m ? m[0] : name;
}

/**
 * The model for a trace at `frameRate` Hz. `notTrainedOn` (a dataset, "DS10" or its folder name)
 * picks the cross-validation model that held that dataset out.
 */
export function selectModel(
  frameRate: number,
  notTrainedOn?: string,
  models: readonly TrainedSpikeModel[] = TRAINED_SPIKE_MODELS,
): TrainedSpikeModel {
  let pool: TrainedSpikeModel[];
  if (notTrainedOn === undefined) {
    pool = models.filter((m) => m.heldOut === null);
  } else {
    const key = datasetKey(notTrainedOn);
    pool = models.filter((m) => m.heldOut !== null && datasetKey(m.heldOut) === key);
    if (pool.length === 0)
      throw new RangeError(
        `notTrainedOn: no model held out dataset "${notTrainedOn}"; fold models exist for ${foldDatasets(models).join(", ") || "none"}`,
      );
  }
  if (pool.length === 0) throw new RangeError("no trained spike-inference model is available");
  const below = pool.filter((m) => m.rate <= frameRate * 1.05);
  const byRate = (a: TrainedSpikeModel, b: TrainedSpikeModel) => a.rate - b.rate;
  return below.length ? below.sort(byRate)[below.length - 1]! : [...pool].sort(byRate)[0]!;
}

/** The frame rates (Hz) the models were trained for: slowest model rate … fastest ground truth. */
export function trainedFrameRateRange(
  models: readonly TrainedSpikeModel[] = TRAINED_SPIKE_MODELS,
): [number, number] {
  return [
    Math.min(...models.map((m) => m.rate)),
    Math.max(...models.map((m) => m.groundTruthRates[1])),
  ];
}
