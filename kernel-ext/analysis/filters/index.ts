// Filter design and zero-phase filtering.
export { butter, type BandType, type ButterOptions, type Sos } from "./butter.js";
export { sosfilt, sosfiltWithState, sosfiltZi, validateSos, type SosfiltOptions } from "./sosfilt.js";
export { sosfiltfilt, type FiltfiltOptions } from "./sosfiltfilt.js";
export { lfilter, lfilterZi } from "./lfilter.js";
export { filtfilt } from "./filtfilt.js";
export type { PadType } from "./padding.js";
export type { Zpk } from "./zpk.js";
