export {
  detectSpikes,
  type DetectSpikesOptions,
  type DetectedSpikes,
  type Polarity,
} from "./detect-spikes.js";
