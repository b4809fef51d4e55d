export { meanFiringRate, binnedFiringRate } from "./firing-rate.js";
export { interSpikeIntervals, isiStatistics } from "./isi.js";
export { psth, type Psth, type PsthOptions } from "./psth.js";
export { crossCorrelogram } from "./cross-correlogram.js";
export { spikeTriggeredAverage, type StaOptions } from "./spike-triggered-average.js";
