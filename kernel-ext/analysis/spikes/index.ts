export { detectSpikes, type DetectSpikesOptions, type DetectedSpikes, type Polarity } from "./detectSpikes.js";
