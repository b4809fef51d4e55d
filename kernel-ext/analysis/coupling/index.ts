export { eventWindows, type Indicator, type EventWindows } from "./indicator.js";
export { apEvents, type ApEvent } from "./apEvents.js";
export { peakDff, type PeakOptions } from "./peakDff.js";
export { eventTriggeredAverages, type TriggeredAverage } from "./eventTriggeredAverage.js";
export { fitRiseDecay, riseDecayModel, type RiseDecayFit } from "./riseDecay.js";
export { detectionProbability, nullOnsets, type DetectionOptions, type DetectionResult } from "./detectionProbability.js";
