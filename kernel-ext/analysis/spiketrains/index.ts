export { meanFiringRate, binnedFiringRate } from "./firingRate.js";
export { interSpikeIntervals, isiStatistics } from "./isi.js";
export { psth, type Psth, type PsthOptions } from "./psth.js";
export { crossCorrelogram } from "./crossCorrelogram.js";
export { spikeTriggeredAverage, type StaOptions } from "./spikeTriggeredAverage.js";
