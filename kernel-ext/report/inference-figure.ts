// The report's spike-inference figure for one cell: ΔF/F, OASIS's spike signal, the trained
// model's rate and discrete spikes, and the true spikes on one time axis (first 30 s), titled with
// each method's spikefinder r and which is the default.
import { traceView } from "../models/index.js";
import type { TraceModel } from "../models/trace/trace-model.js";
import type { CellInferenceResult } from "./cell-inference.js";
import type { CellSummary } from "./cell-summary.js";

const r2 = (v: number | null | undefined) => (typeof v === "number" ? v.toFixed(2) : "—");

export async function inferenceFigureModel(summary: CellSummary, frameTimes: Float64Array, dff: Float64Array, trueSpikes: Float64Array, inferred: CellInferenceResult["traces"]): Promise<TraceModel> {
  const byMethod = summary.inferenceByMethod;
  const model = "modelId" in byMethod.model ? byMethod.model : null;
  const lanes = [
    { label: "ΔF/F", values: dff, timestamps: frameTimes },
    { label: `OASIS s (r ${r2(byMethod.oasis.spikefinderR)})`, values: inferred.oasisS, timestamps: frameTimes },
    ...(inferred.modelRate && model ? [
      { label: `model rate (r ${r2(model.spikefinderR)})`, unit: "Hz", values: inferred.modelRate, timestamps: frameTimes },
      { label: "model spikes", events: inferred.modelSpikes! },
    ] : []),
    { label: "true spikes", events: trueSpikes },
  ];
  const t0 = frameTimes[0]!;
  const t1 = Math.min(frameTimes[frameTimes.length - 1]!, t0 + 30);
  const fold = model?.notTrainedOn ? `, fold model without ${model.notTrainedOn}` : "";
  return traceView(lanes, { title: `${summary.label}: spike inference, default ${summary.inference.method}${fold}`, xRange: [t0, t1] });
}
