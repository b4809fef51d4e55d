// Spike inference for one report cell by every method (OASIS and the trained model), each scored
// against the cell's true spikes with the spikefinder protocol, and the default method chosen by
// a stated rule. A ground-truth cell (a file converted from the CASCADE collection says so in its
// session description) is inferred by the cross-validation model that never saw its dataset.
import { deconvolve, inferSpikes, selectModel, spikefinderCorrelation } from "../analysis/index.js";
import { SPIKE_MODEL_CROSS_VALIDATION } from "../analysis/inference/model/cross-validation.js";

export interface OasisInference {
  method: "oasis";
  description: string;
  spikefinderR: number | null;
  g: number[];
  noise: number;
}

export interface ModelInference {
  method: "model";
  description: string;
  spikefinderR: number | null;
  modelId: string;
  /** SHA-256 of the network's weights. */
  weightsSha256: string;
  /** The ground-truth dataset this cell comes from, which the model was not trained on (null: the final model). */
  notTrainedOn: string | null;
  frameRateHz: number;
  /** CASCADE's noise level ν (%·s^-1/2) of the cell's ΔF/F. */
  noiseLevel: number;
  modelRateHz: number;
  inferredSpikes: number;
  warnings: string[];
}

export type MethodInference = OasisInference | ModelInference;

export const DEFAULT_METHOD_RULE =
  "the trained model where its leave-one-dataset-out cross-validation at the trace's model rate beat OASIS on every held-out dataset (spikefinder r); OASIS otherwise";


/** Whether cross-validation shows the model at `rate` beating OASIS on every held-out dataset. */
export function modelBeatsOasisAt(rate: number): boolean {
  const cv = SPIKE_MODEL_CROSS_VALIDATION.find((c) => c.rate === rate);
  return cv !== undefined && cv.minMargin > 0;
}

const round = (v: number, digits = 6): number => Number(v.toPrecision(digits));
const orNull = (v: number): number | null => (Number.isFinite(v) ? round(v) : null);

export interface CellInferenceResult {
  inference: MethodInference & { rule: string };
  inferenceByMethod: { oasis: OasisInference; model: ModelInference | { method: "model"; error: string } };
  /** For the figure: OASIS's spike signal, the model's rate (Hz) and spike times. */
  traces: { oasisS: Float64Array; modelRate: Float64Array | null; modelSpikes: Float64Array | null };
}

/** `dff` must be finite (NaN gaps filled as for OASIS); `spikes` the true spikes within the recording. */
export function inferCell(dff: Float64Array, frameTimes: Float64Array, spikes: Float64Array, groundTruthDataset?: string): CellInferenceResult {
  const dec = deconvolve(dff);
  const oasis: OasisInference = {
    method: "oasis",
    description: "OASIS AR(1), noise-constrained l1, g and σ estimated (deconvolve defaults)",
    spikefinderR: orNull(spikefinderCorrelation(dec.s, spikes, { times: frameTimes })),
    g: dec.g.map((g) => round(g)),
    noise: round(dec.sn),
  };
  let model: ModelInference | { method: "model"; error: string };
  let modelRate: Float64Array | null = null, modelSpikes: Float64Array | null = null;
  try {
    const warnings: string[] = [];
    const res = inferSpikes({ values: dff, timestamps: frameTimes }, { notTrainedOn: groundTruthDataset, onWarning: (m) => warnings.push(m) });
    modelRate = res.rate;
    modelSpikes = res.spikeTimes;
    model = {
      method: "model",
      description: groundTruthDataset
        ? `trained network ${res.model.id}: a cross-validation fold model trained on ${res.model.trainedOn.map((d) => d.slice(0, 4)).join(", ")}, never on this cell's dataset ${groundTruthDataset}`
        : `trained network ${res.model.id} (all ground truth: ${res.model.trainedOn.map((d) => d.slice(0, 4)).join(", ")})`,
      spikefinderR: orNull(spikefinderCorrelation(res.rate, spikes, { times: frameTimes })),
      modelId: res.model.id,
      weightsSha256: res.model.sha256,
      notTrainedOn: res.model.heldOut ? groundTruthDataset ?? null : null,
      frameRateHz: round(res.frameRate),
      noiseLevel: round(res.noiseLevel),
      modelRateHz: round(res.modelRate),
      inferredSpikes: res.spikeTimes.length,
      warnings,
    };
  } catch (e) {
    model = { method: "model", error: (e as Error).message };
  }
  const frameRate = (frameTimes.length - 1) / (frameTimes[frameTimes.length - 1]! - frameTimes[0]!);
  const useModel = model.method === "model" && "modelId" in model && modelBeatsOasisAt(selectModel(frameRate).rate);
  const chosen: MethodInference = useModel ? (model as ModelInference) : oasis;
  return {
    inference: { ...chosen, rule: DEFAULT_METHOD_RULE },
    inferenceByMethod: { oasis, model },
    traces: { oasisS: dec.s, modelRate, modelSpikes },
  };
}
