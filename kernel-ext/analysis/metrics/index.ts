export {
  spikefinderCorrelation,
  spikefinderScore,
  type SpikefinderOptions,
} from "./spikefinder.js";
export { cascadeMetrics, spikesPerFrame, type CascadeMetricsOptions } from "./cascade.js";
export { frameTimes, interpolate, countInBins, sumBins } from "./resample.js";
