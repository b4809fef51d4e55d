// Supervised spike inference (in the spirit of CASCADE, Rupprecht et al. 2021): a small dilated
// 1-D convolutional network, trained on the ground-truth collection at the trace's frame-rate
// regime and over a range of noise levels, maps a window of ΔF/F around each frame (plus the
// trace's measured noise level) to the spike rate at that frame. Training:
// scripts/train-spike-model.py; weights and their cross-validation: trained-models.*.
import { fillNonFinite } from "../../util/fill-non-finite.js";
import { requireMonotonic, requireSameLength } from "../../util/validate.js";
import type { SampledSignal } from "../../util/sampled-signal.js";
import { discreteSpikes } from "./discrete-spikes.js";
import { forward } from "./network.js";
import { noiseLevel } from "./noise-level.js";
import { interpolateAt, meanFrameRate, toModelGrid } from "./resample.js";
import { selectModel, trainedFrameRateRange } from "./select-model.js";
import { TRAINED_SPIKE_MODELS } from "./trained-models.js";
import type { TrainedSpikeModel } from "./types.js";

export interface InferSpikesOptions {
  /** Use the cross-validation model that did not see this ground-truth dataset ("DS10", …). */
  notTrainedOn?: string;
  /** A specific model (overrides the choice by frame rate). */
  model?: TrainedSpikeModel;
  /** Called with each warning (default: console.warn); the warnings are also in the result. */
  onWarning?: (message: string) => void;
}

export interface InferSpikesResult {
  /** Inferred spike rate (Hz) at each frame of the input. */
  rate: Float64Array;
  /** Discrete spike times (s). */
  spikeTimes: Float64Array;
  /** The trace's mean frame rate (Hz). */
  frameRate: number;
  /** CASCADE's noise level ν (%·s^-1/2) of the trace at its own frame rate. */
  noiseLevel: number;
  /** ν of the trace as the network sees it (at `modelRate`); the range check uses this one. */
  modelNoiseLevel: number;
  /** The frame rate the network ran at, and whether the trace was resampled to it. */
  modelRate: number;
  resampled: boolean;
  model: { id: string; rate: number; heldOut: string | null; trainedOn: string[]; sha256: string };
  /** NaN/Inf frames filled by linear interpolation before inference (as for OASIS). */
  nanFramesFilled: number;
  warnings: string[];
}

type Input = SampledSignal | { signal(): SampledSignal };

function timeBase(input: Input): { values: Float64Array; times: Float64Array } {
  if (
    input === null ||
    typeof input !== "object" ||
    Array.isArray(input) ||
    ArrayBuffer.isView(input)
  ) {
    throw new TypeError(
      "series: expected { values, timestamps }, { values, rate, startTime } or a TimeSeries window (readWindow/readAll result)",
    );
  }
  const s =
    "signal" in input && typeof input.signal === "function"
      ? input.signal()
      : (input as SampledSignal);
  if (!s || typeof s !== "object" || !("values" in s))
    throw new TypeError("series: expected { values, timestamps } or { values, rate, startTime }");
  const values = Float64Array.from(s.values as ArrayLike<number>);
  let times: Float64Array;
  if ("timestamps" in s && s.timestamps !== undefined) {
    requireSameLength(values, "series.values", s.timestamps, "series.timestamps");
    times = Float64Array.from(s.timestamps);
    requireMonotonic(times, "series.timestamps", true);
  } else if ("rate" in s && s.rate !== undefined) {
    if (!(s.rate > 0) || !Number.isFinite(s.rate))
      throw new RangeError(`series.rate: expected a finite frame rate > 0 Hz, got ${s.rate}`);
    const t0 = s.startTime ?? 0;
    times = Float64Array.from(values, (_, i) => t0 + i / s.rate);
  } else {
    throw new TypeError("series: expected a time base: timestamps, or rate (Hz) and startTime (s)");
  }
  return { values, times };
}

/**
 * Spike rate (Hz) per frame and discrete spike times from a ΔF/F trace (a fraction, not %).
 * The model is chosen from the trace's frame rate (see selectModel) and conditioned on its
 * measured noise level; both are reported, with a warning when either lies outside what the
 * model was trained on. A trace shorter than the network's window is an error naming the minimum.
 */
export function inferSpikes(series: Input, options: InferSpikesOptions = {}): InferSpikesResult {
  const { values, times } = timeBase(series);
  if (values.length < 2)
    throw new RangeError(`series: expected at least 2 frames, got ${values.length}`);
  const nanFramesFilled = fillNonFinite(values, "series.values");
  const frameRate = meanFrameRate(times);
  const model = options.model ?? selectModel(frameRate, options.notTrainedOn);
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    (options.onWarning ?? console.warn)(m);
  };
  const [fsLo, fsHi] = trainedFrameRateRange(options.model ? [model] : TRAINED_SPIKE_MODELS);
  if (frameRate < fsLo * 0.95 || frameRate > fsHi * 1.05) {
    warn(
      `inferSpikes: frame rate ${frameRate.toFixed(2)} Hz is outside the trained range ${fsLo}–${fsHi} Hz; the ${model.id} model is applied after resampling to ${model.rate} Hz, untested at this rate`,
    );
  }
  const grid = toModelGrid(times, values, model.rate);
  const minSeconds = (model.receptiveField - 1) / model.rate;
  if (grid.values.length < model.receptiveField) {
    throw new RangeError(
      `series: ${values.length} frames (${(times[times.length - 1]! - times[0]!).toFixed(2)} s) are too short for spike inference: the ${model.id} model needs at least ${model.receptiveField} frames at ${model.rate} Hz, i.e. ${minSeconds.toFixed(2)} s (${Math.ceil(minSeconds * frameRate) + 1} frames at this trace's ${frameRate.toFixed(1)} Hz)`,
    );
  }
  const modelNoise = noiseLevel(grid.values, grid.rate);
  const [nuLo, nuHi] = model.noiseRange;
  if (modelNoise < nuLo || modelNoise > nuHi) {
    warn(
      `inferSpikes: noise level ν = ${modelNoise.toFixed(2)} %·s^-1/2 is outside the trained range ${nuLo}–${nuHi}; the ${model.id} model's output is an extrapolation`,
    );
  }
  const half = model.receptiveField >> 1;
  const n = grid.values.length;
  const padded = new Float64Array(n + 2 * half);
  padded.fill(grid.values[0]!, 0, half);
  padded.set(grid.values, half);
  padded.fill(grid.values[n - 1]!, half + n);
  // The noise channel in float32, as in training.
  const noiseChannel = new Float64Array(padded.length).fill(
    Math.fround(modelNoise / model.noiseScale),
  );
  const perFrame = forward(model, [padded, noiseChannel]);
  for (let i = 0; i < n; i++) if (perFrame[i]! < 0) perFrame[i] = 0;
  const gridRate = new Float64Array(n);
  for (let i = 0; i < n; i++) gridRate[i] = perFrame[i]! * grid.rate;
  return {
    rate: grid.resampled ? interpolateAt(grid.times, gridRate, times) : gridRate,
    spikeTimes: discreteSpikes(perFrame, grid.times, model.smoothingFrames),
    frameRate,
    noiseLevel: noiseLevel(values, frameRate),
    modelNoiseLevel: modelNoise,
    modelRate: grid.rate,
    resampled: grid.resampled,
    model: {
      id: model.id,
      rate: model.rate,
      heldOut: model.heldOut,
      trainedOn: [...model.trainedOn],
      sha256: model.sha256,
    },
    nanFramesFilled,
    warnings,
  };
}
