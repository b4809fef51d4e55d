export { subtractNeuropil, NEUROPIL_R_HUANG2021, NEUROPIL_R_SUITE2P } from "./neuropil.js";
export {
  percentileBaseline,
  maximinBaseline,
  type PercentileBaselineOptions,
  type MaximinBaselineOptions,
} from "./baseline.js";
export { deltaFOverF } from "./delta-f-over-f.js";
export { noiseLevelPsd, type NoiseLevelOptions } from "./noise.js";
export {
  extractRoiTrace,
  extractRoiTraces,
  type FrameReader,
  type RoiMask,
  type ExtractRoiOptions,
} from "./extract-roi-trace.js";
