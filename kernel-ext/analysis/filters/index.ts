// Filter design and zero-phase filtering.
export { butter, type BandType, type ButterOptions, type Sos } from "./butter.js";
export {
  sosfilt,
  sosfiltWithState,
  sosfiltZi,
  validateSos,
  type SosfiltOptions,
} from "./sosfilt.js";
export { sosfiltfilt, type FiltfiltOptions } from "./sosfiltfilt.js";
export { lfilter, lfilterZi } from "./lfilter.js";
export { filtfilt } from "./filtfilt.js";
export type { PadType } from "./padding.js";
export type { Zpk } from "./zpk.js";
export { percentileFilter1d, minimumFilter1d, maximumFilter1d } from "./rank-filter1d.js";
export { gaussianFilter1d, gaussianKernel } from "./gaussian-filter1d.js";
export type { BoundaryMode } from "./boundary.js";
