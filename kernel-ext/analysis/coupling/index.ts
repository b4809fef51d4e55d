export { eventWindows, type Indicator, type EventWindows } from "./indicator.js";
export { apEvents, type ApEvent } from "./ap-events.js";
export { peakDff, type PeakOptions } from "./peak-dff.js";
export {
  apEventTraces,
  eventTriggeredAverages,
  type ApEventOptions,
  type TriggeredAverage,
} from "./event-triggered-average.js";
export { fitRiseDecay, riseDecayModel, type RiseDecayFit } from "./rise-decay.js";
export {
  detectionProbability,
  nullOnsets,
  type DetectionOptions,
  type DetectionResult,
} from "./detection-probability.js";
