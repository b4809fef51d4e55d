export { oasisAR1, type OasisAR1Options, type OasisResult } from "./oasis-ar1.js";
export { oasisAR2, ar2Roots, type OasisAR2Options } from "./oasis-ar2.js";
export {
  estimateParameters,
  autocovariance,
  fitAutoregressive,
  type EstimatedParameters,
  type YuleWalkerFit,
} from "./estimate-parameters.js";
export { deconvolve, type DeconvolveOptions, type DeconvolveResult } from "./deconvolve.js";
export {
  inferSpikes,
  noiseLevel,
  selectModel,
  foldDatasets,
  trainedFrameRateRange,
  spikeModelForward,
  TRAINED_SPIKE_MODELS,
  SPIKE_MODEL_CROSS_VALIDATION,
  type InferSpikesOptions,
  type InferSpikesResult,
  type TrainedSpikeModel,
  type CrossValidationAtRate,
  type CrossValidationRow,
} from "./model/index.js";
