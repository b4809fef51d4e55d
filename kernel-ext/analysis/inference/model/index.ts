export { inferSpikes, type InferSpikesOptions, type InferSpikesResult } from "./infer-spikes.js";
export { noiseLevel } from "./noise-level.js";
export { selectModel, foldDatasets, trainedFrameRateRange } from "./select-model.js";
export { forward as spikeModelForward } from "./network.js";
export { TRAINED_SPIKE_MODELS } from "./trained-models.js";
export { SPIKE_MODEL_CROSS_VALIDATION } from "./cross-validation.js";
export type { TrainedSpikeModel, CrossValidationAtRate, CrossValidationRow } from "./types.js";
export { groundTruthDatasetOf } from "./ground-truth-dataset.js";
